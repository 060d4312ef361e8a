// The conversation list (findWebSessions): groups and 1:1 chats, newest first, each with its
// picture, last message, time and unread badge. It is redrawn from Chats on every change.

import { el, fill, initials, shortTime } from './dom.js';
import { preview } from './conversation-view.js';

export function renderList(root, chats, openKey, onOpen) {
  const items = chats.sorted().map((c) => {
    const last = chats.last(c);
    const count = c.unread ? c.unread + (c.unreadMore ? '+' : '') : '';
    const label = c.name + (count ? ', ' + count + ' unread' : '');
    return el('li', {},
      el('button', {
        type: 'button', class: 'conv' + (c.key === openKey ? ' open' : '') + (c.closed ? ' closed' : ''),
        dataset: { key: c.key }, 'aria-label': label, 'aria-current': c.key === openKey ? 'true' : null,
        on: { click: () => onOpen(c.key) },
      },
      avatar(c),
      el('span', { class: 'conv-main' },
        el('span', { class: 'conv-name', text: c.name }),
        el('span', { class: 'conv-preview', text: last ? preview(last, chats) : '' })),
      el('span', { class: 'conv-side' },
        el('time', { class: 'conv-time', text: shortTime(c.modified) }),
        count ? el('span', { class: 'badge', text: count }) : null)));
  });
  fill(root, items.length ? items : [el('li', { class: 'empty', text: 'No conversations yet. Start one above.' })]);
}

export function avatar(c) {
  // a picture is shown only when it is one of ours or a data URL: the CSP allows no other origin
  if (c.pic && (c.pic.startsWith('/') || c.pic.startsWith('data:image/'))) {
    return el('img', { class: 'avatar', src: c.pic, alt: '' });
  }
  return el('span', { class: 'avatar' + (c.type === 99 ? '' : ' group'), 'aria-hidden': 'true', text: initials(c.name) });
}
