// Groups: create one (addSession) with members from the directory, and the group panel:
// rename, add and remove members, leave, dissolve (creator only), announcements. Every
// change is announced by the server as a system message, which updates the views.

import { el, fill } from './dom.js';
import { reason } from './envelope.js';
import { groupPresence, presenceLine } from './presence.js';
import { attachPicker, pickInto } from './directory.js';

/** Ids typed as "bob, carol" or one per line. */
export const idsOf = (text) => String(text).split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

export async function createGroup(api, me, name, memberIds) {
  const answer = await api.post('addSession', {
    session_type: 0, request_user: me, session_name: name || undefined,
    subscribers: memberIds.filter((id) => id !== me).map((user_id) => ({ user_id })),
  });
  return answer;
}

/** Loads a group's members (findSubscribers) into Chats' names and the conversation. */
export async function loadMembers(api, chats, c) {
  const s = await api.get('findSubscribers', { session_id: c.key });
  c.members = s.subscribers.map((m) => m.user_id);
  c.creator = s.session_user;
  for (const m of s.subscribers) if (m.user_name) chats.names.set(m.user_id, m.user_name);
  return s;
}

/** Fills the group panel (a <dialog>) and wires its actions. */
export async function showGroupPanel(panel, { api, chats, c, onChanged }) {
  const me = chats.me;
  let editing = null; // the id_ of the announcement being edited
  const message = el('p', { class: 'panel-status', role: 'status' });
  const run = async (what, action) => {
    message.textContent = what + '…';
    try { await action(); message.textContent = what + ': done'; await onChanged(); await draw(); } catch (e) {
      message.textContent = what + ' failed: ' + reason(e.code);
    }
  };

  async function draw() {
    await loadMembers(api, chats, c).catch(() => {});
    const online = await groupPresence(api, c.key).catch(() => new Map());
    const pubacts = (await api.get('findPubactList', { session_id: c.key }).catch(() => ({ pubactList: [] }))).pubactList;
    const creator = c.creator === me;
    const rename = el('input', { id: 'group-name', value: c.name, maxlength: 128, required: true });
    const addId = el('input', { id: 'group-add', autocomplete: 'off', placeholder: 'name or user id', 'aria-controls': 'group-add-results' });
    const addResults = el('ul', { id: 'group-add-results', class: 'people', 'aria-label': 'People in the directory' });
    attachPicker({ input: addId, results: addResults, api, me,
      onPick: (u) => { chats.names.set(u.user_id, u.user_name); pickInto(addId, u.user_id); } });
    const title = el('input', { id: 'pubact-title', maxlength: 128, required: true });
    const content = el('textarea', { id: 'pubact-content', maxlength: 4000, rows: 2 });
    fill(panel.querySelector('.panel-body'),
      el('h2', { id: 'panel-title', text: c.name }),
      c.closed ? el('p', { text: 'This group is closed.' }) : null,
      el('p', { class: 'presence', text: presenceLine(online, me) }),
      c.closed ? null : el('form', { class: 'row rename', on: { submit: (e) => { e.preventDefault(); run('Rename', () => api.post('modifySession', { session_id: c.key, session_name: rename.value })); } } },
        el('label', { for: 'group-name', text: 'Name' }), rename, el('button', { type: 'submit' }, 'Rename')),
      el('h3', { text: 'Members' }),
      el('ul', { class: 'members' }, (c.members || []).map((id) => el('li', { dataset: { userId: id } },
        el('span', { class: 'dot ' + (online.get(id) ? 'on' : 'off'), 'aria-label': online.get(id) ? 'online' : 'offline', role: 'img' }),
        ' ', chats.nameOf(id) + (id === c.creator ? ' (creator)' : '') + (id === me ? ' (you)' : ''),
        creator && id !== me && !c.closed ? el('button', { type: 'button', class: 'link remove', 'aria-label': 'Remove ' + chats.nameOf(id),
          on: { click: () => run('Remove ' + id, () => api.post('modifySession', { session_id: c.key, subscribers: [{ user_id: id, type: 'del' }] })) } }, 'Remove') : null))),
      c.closed ? null : el('form', { class: 'row add-member', on: { submit: (e) => { e.preventDefault(); run('Add', () => api.post('modifySession', { session_id: c.key, subscribers: idsOf(addId.value).map((user_id) => ({ user_id, type: 'add' })) })); } } },
        el('label', { for: 'group-add', text: 'Add member' }), addId, el('button', { type: 'submit' }, 'Add')),
      c.closed ? null : addResults,
      el('h3', { text: 'Announcements' }),
      el('ul', { class: 'pubacts' }, pubacts.map((p) => (p.id_ === editing ? editForm(p) : el('li', { dataset: { id: p.id_ } },
        el('strong', { text: p.title }), ' ', el('span', { text: p.content }),
        (p.user_id === me || creator) && !c.closed ? [' ',
          el('button', { type: 'button', class: 'link edit-pubact', 'aria-label': 'Edit announcement ' + p.title,
            on: { click: () => { editing = p.id_; draw(); } } }, 'Edit'),
          ' ', el('button', { type: 'button', class: 'link delete-pubact', 'aria-label': 'Delete announcement ' + p.title,
            on: { click: () => run('Delete announcement', () => api.post('deletePubact', { id_: p.id_, user_id: me })) } }, 'Delete')] : null)))),
      c.closed ? null : el('form', { class: 'stack add-pubact', on: { submit: (e) => { e.preventDefault(); run('Add announcement', () => api.post('addPubact', { session_id: c.key, user_id: me, title: title.value, content: content.value })); } } },
        el('label', { for: 'pubact-title', text: 'Announcement title' }), title,
        el('label', { for: 'pubact-content', text: 'Text' }), content,
        el('button', { type: 'submit' }, 'Add announcement')),
      c.closed ? null : el('p', { class: 'row danger' },
        el('button', { type: 'button', class: 'leave', on: { click: () => run('Leave', async () => { await api.post('modifySession', { session_id: c.key, subscribers: [{ user_id: me, type: 'del' }] }); c.closed = true; }) } }, 'Leave group'),
        creator ? el('button', { type: 'button', class: 'dissolve', on: { click: () => { if (confirm('Dissolve “' + c.name + '” for everyone?')) run('Dissolve', async () => { await api.post('dissolved', { session_id: c.key }); c.closed = true; }); } } }, 'Dissolve group') : null),
      message);
  }
  /** An announcement being edited: its title and text in a form of their own. */
  function editForm(p) {
    const title = el('input', { id: 'pubact-edit-title', value: p.title, maxlength: 128, required: true });
    const content = el('textarea', { id: 'pubact-edit-content', maxlength: 4000, rows: 2 });
    content.value = p.content;
    setTimeout(() => title.focus());
    return el('li', { dataset: { id: p.id_ } }, el('form', { class: 'stack edit-pubact', on: { submit: (e) => {
      e.preventDefault();
      editing = null;
      run('Edit announcement', () => api.post('modifyPubact', { id_: p.id_, user_id: me, title: title.value, content: content.value }));
    } } },
    el('label', { for: 'pubact-edit-title', text: 'Title' }), title,
    el('label', { for: 'pubact-edit-content', text: 'Text' }), content,
    el('p', { class: 'row' }, el('button', { type: 'submit' }, 'Save'), ' ',
      el('button', { type: 'button', class: 'cancel', on: { click: () => { editing = null; draw(); } } }, 'Cancel'))));
  }

  await draw();
  if (!panel.open) panel.showModal();
}
