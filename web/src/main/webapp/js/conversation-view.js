// One conversation: its history (older pages load as you scroll up, on the before_msg_id
// cursor), day separators and times, your messages' states (sending → sent → delivered →
// read, or the reason a refusal gives), read counts and readers in groups, recall, system
// messages, files, and the cards that ask for an answer (clear-history consent, approvals).

import { el, fill, clock, day, humanSize } from './dom.js';
import { describeSystem, fileKind, isContent, SYSTEM, reason } from './envelope.js';
import { fileElement } from './files.js';

const RECALL_WINDOW_MS = 2 * 60 * 1000; // the server's default (TLIM_RECALL_WINDOW_SECONDS); it has the last word

/** One line for the list and for notifications. */
export function preview(m, chats) {
  if (m.recalled) return 'Message recalled';
  if (SYSTEM.includes(m.type)) return describeSystem(m, (id) => chats.nameOf(id));
  if (m.type === 'MTB-000') return 'Approval: ' + ((m.body[0] || {}).docTitle || 'a request');
  const who = m.from === chats.me ? 'You: ' : '';
  const first = m.body[0] || {};
  const kind = fileKind(m.type);
  if (kind) return who + (kind === 'image' ? 'Photo' : kind === 'voice' ? 'Voice message' : 'File ' + (first.file_name || ''));
  return who + (first.text ?? '');
}

export function createConversationView(parts, ctx) {
  const { list, title, subtitle, status } = parts;
  let shown = null; // the conversation on screen
  let loadingOlder = false;

  // infinite scroll: when the top of the history comes into view, load the page before it
  const sentinel = el('li', { class: 'sentinel', 'aria-hidden': 'true' });
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && shown && !shown.complete && !loadingOlder) older();
  }, { root: list });

  async function older() {
    loadingOlder = true;
    const before = list.scrollHeight - list.scrollTop;
    try { await ctx.loadOlder(shown); } finally { loadingOlder = false; }
    render(shown);
    list.scrollTop = list.scrollHeight - before; // keep what the reader was looking at in place
  }

  function render(c) {
    const switched = shown !== c;
    const atBottom = switched || list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    shown = c;
    title.textContent = c.name;
    const rows = [];
    rows.push(c.complete
      ? el('li', { class: 'history-start', text: 'Start of the conversation' })
      : el('li', {}, el('button', { type: 'button', class: 'older', on: { click: older } }, 'Load older messages')));
    let lastDay = null;
    for (const m of ctx.chats.messagesOf(c)) {
      if (!isContent(m.type) && !SYSTEM.includes(m.type) && m.type !== 'MTB-000') continue;
      const d = day(m.time);
      if (d !== lastDay) { rows.push(el('li', { class: 'day', role: 'separator', text: d })); lastDay = d; }
      rows.push(item(c, m));
    }
    if (c.clearRequest) rows.push(clearCard(c));
    fill(list, sentinel, rows);
    observer.disconnect();
    observer.observe(sentinel);
    if (atBottom) list.scrollTop = list.scrollHeight;
    parts.compose.hidden = c.closed || c.key === 'system'; // approval notices are not answered here
    parts.closed.hidden = !c.closed;
  }

  function item(c, m) {
    const mine = m.from === ctx.chats.me;
    if (SYSTEM.includes(m.type)) {
      return el('li', { class: 'msg system', dataset: { msgId: m.msgId, type: m.type } },
        el('span', { text: describeSystem(m, (id) => ctx.chats.nameOf(id)) }), ' ', el('time', { text: clock(m.time) }));
    }
    if (m.type === 'MTB-000') return approvalCard(m);
    const content = m.recalled
      ? el('span', { class: 'recalled-text', text: 'Message recalled' })
      : fileKind(m.type) ? fileElement(m, ctx.api) : el('span', { class: 'text', text: (m.body[0] || {}).text ?? '' });
    return el('li', { class: 'msg ' + (mine ? 'mine' : 'theirs') + (m.recalled ? ' recalled' : ''), dataset: { msgId: m.msgId } },
      !mine && c.type !== 99 ? el('span', { class: 'sender', text: ctx.chats.nameOf(m.from) }) : null,
      el('div', { class: 'bubble' }, content),
      el('div', { class: 'meta' },
        el('time', { datetime: new Date(m.time).toISOString(), text: clock(m.time) }),
        mine ? stateOf(c, m) : null,
        mine && !m.recalled && m.state !== 'refused' && m.state !== 'pending' && Date.now() - m.time < RECALL_WINDOW_MS
          ? el('button', { type: 'button', class: 'recall link', on: { click: () => ctx.recall(c, m) } }, 'Recall') : null));
  }

  function stateOf(c, m) {
    if (m.recalled) return null;
    if (m.state === 'refused') return el('span', { class: 'state refused', role: 'alert', text: 'Not sent: ' + reason(m.reason) });
    if (m.state === 'pending') return el('span', { class: 'state', text: 'Sending…' });
    if (c.type !== 99) {
      const n = c.readNums.get(m.msgId) || 0;
      return n > 0
        ? el('button', { type: 'button', class: 'state read-count link', 'aria-haspopup': 'dialog',
          on: { click: () => ctx.readers(c, m) } }, 'Read by ' + n)
        : el('span', { class: 'state', text: 'Sent' });
    }
    const words = { sent: 'Sent', delivered: 'Delivered', read: 'Read' };
    return el('span', { class: 'state', text: words[m.state] || 'Sent' });
  }

  function clearCard(c) {
    const r = c.clearRequest;
    if (r.from === ctx.chats.me) {
      return el('li', { class: 'card', role: 'status', text: 'Waiting for ' + c.name + ' to agree to clear the history…' });
    }
    return el('li', { class: 'card', role: 'group', 'aria-label': 'Clear history request' },
      el('p', { text: c.name + ' asks to clear this conversation’s history for both of you.' }),
      r.info ? el('p', { class: 'quote', text: r.info }) : null,
      el('button', { type: 'button', class: 'agree', on: { click: () => ctx.answerClear(c, 0) } }, 'Agree and clear'),
      ' ', el('button', { type: 'button', class: 'refuse', on: { click: () => ctx.answerClear(c, 1) } }, 'Refuse'));
  }

  function approvalCard(m) {
    const fields = m.body.flatMap((params) => Object.entries(params || {}));
    return el('li', { class: 'msg card approval', dataset: { msgId: m.msgId, type: m.type } },
      el('strong', { text: 'Approval' }),
      el('dl', {}, fields.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: typeof v === 'string' ? v : JSON.stringify(v) })])),
      el('time', { text: day(m.time) + ' ' + clock(m.time) }));
  }

  function showStatus(text) { status.textContent = text; }

  return { render, showStatus, get shown() { return shown; }, close() { shown = null; } };
}

export { humanSize };
