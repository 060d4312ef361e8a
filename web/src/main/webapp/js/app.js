// The page's wiring: sign-in, then the live socket, the conversation list and the open
// conversation. Every envelope, whichever way it came (live socket, syncMessage after a
// reconnect, another tab), goes through receive(), so all paths agree.

import * as auth from './auth.js';
import { createApi } from './api.js';
import { connectLive } from './live.js';
import { Chats } from './chats.js';
import { envelope, toMessage, bodyOf, isContent, SYSTEM } from './envelope.js';
import { renderList } from './conversation-list.js';
import { createConversationView } from './conversation-view.js';
import { createTabs } from './tabs.js';
import { createGroup, loadMembers, showGroupPanel, idsOf } from './groups.js';
import { fileType } from './files.js';
import { groupPresence, presenceLine, peerPresence, PRESENCE_REFRESH_MS } from './presence.js';
import { attachPicker, pickInto } from './directory.js';
import { $, el, fill } from './dom.js';
import { reason } from './envelope.js';

const PAGE = 30; // history page size
const APPROVALS = 'Approvals'; // the conversation with "system", where approval notices arrive
let app = null; // the signed-in state; null on the sign-in screen

// ---- sign-in ------------------------------------------------------------------------------

function showSignIn(message) {
  $('#app').hidden = true;
  $('#signin').hidden = false;
  $('#signin-message').textContent = message || '';
  $('#token').focus();
}

$('#signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  try { start(auth.signIn($('#token').value)); $('#token').value = ''; } catch (error) {
    $('#signin-message').textContent = 'Cannot sign in: ' + error.message;
  }
});

$('#signout').addEventListener('click', () => { stop(); auth.signOut(); showSignIn('You are signed out.'); });

/** The token expired or was revoked: back to sign-in, saying why. */
function expired() {
  if (!app) return;
  stop();
  auth.signOut();
  showSignIn('Your session has expired. Sign in again.');
}

function stop() {
  if (!app) return;
  clearTimeout(app.expiryTimer);
  clearInterval(app.presenceTimer);
  app.live.close();
  app.tabs.close();
  app = null;
}

// ---- the signed-in page ---------------------------------------------------------------------

function start(session) {
  stop();
  const me = session.user;
  const api = createApi(session.token, expired);
  const chats = new Chats(me);
  app = { me, api, chats, openKey: null, pending: new Map(), actions: new Map(), session };
  app.expiryTimer = setTimeout(expired, Math.min(2 ** 31 - 1, session.expires - Date.now()));
  $('#signin').hidden = true;
  $('#app').hidden = false;
  $('#me').textContent = me;
  app.view = createConversationView(
    { list: $('#messages'), title: $('#conv-title'), subtitle: $('#conv-subtitle'), status: $('#conv-status'),
      compose: $('#compose'), closed: $('#closed') },
    { chats, api, loadOlder, recall, readers, answerClear });
  chats.addEventListener('change', (e) => redraw(e.detail));
  app.tabs = createTabs(me, {
    sent: ({ envelope: env }) => { const m = toMessage(env); m.state = 'pending'; chats.add(m); chats.changed(m.msgId); },
    answer: ({ msgId, result, detail }) => answer(msgId, result, detail),
    read: ({ key }) => { const c = chats.conversations.get(key); if (c) { c.unread = 0; c.unreadMore = false; chats.changed('list'); } },
    recalled: ({ msgId }) => { const f = chats.find(msgId); if (f) { f.message.recalled = true; chats.changed(f.conversation.key); } },
  });
  app.live = connectLive({
    token: session.token,
    onEnvelope: receive,
    onState: (state) => {
      $('#connection').textContent = { online: 'Online', connecting: 'Connecting…', offline: 'Offline, reconnecting…' }[state];
      $('#connection').dataset.state = state;
    },
    catchUp,
    stillSignedIn,
  });
  app.pickers = [
    attachPicker({ input: $('#new-chat-id'), results: $('#new-chat-results'), api, me,
      onPick: (u) => { chats.names.set(u.user_id, u.user_name); $('#new-chat-id').value = ''; startChat(u.user_id); } }),
    attachPicker({ input: $('#new-group-members'), results: $('#new-group-results'), api, me,
      onPick: (u) => { chats.names.set(u.user_id, u.user_name); pickInto($('#new-group-members'), u.user_id); } }),
  ];
  showConversation(null);
  loadConversations().catch((e) => $('#conv-status').textContent = 'Could not load conversations: ' + reason(e.code));
}

async function stillSignedIn() {
  if (!app) return false;
  if (Date.now() >= app.session.expires) { expired(); return false; }
  // the handshake's 401 is invisible to a page: ask the API, which says 401 when the token is dead
  try { await app.api.get('hasUnread', { user_id: app.me }); } catch (e) { if (e.status === 401) return false; }
  return app !== null;
}

function redraw(what) {
  if (!app) return;
  $('#me').textContent = app.chats.nameOf(app.me); // the directory's name, once a group told us
  renderList($('#conversations'), app.chats, app.openKey, openConversation);
  const c = app.openKey && app.chats.conversations.get(app.openKey);
  if (c) app.view.render(c);
}

// ---- loading ----------------------------------------------------------------------------------

async function loadConversations() {
  const { api, chats, me } = app;
  const [open, closed] = await Promise.all([
    api.get('findWebSessions', { user_id: me }), api.get('findWebSessions', { user_id: me, valid: 1 })]);
  for (const [list, isClosed] of [[open.sessions, false], [closed.sessions, true]]) {
    for (const s of list) {
      chats.ensure(s.session_id, { type: s.session_type, name: s.session_name, pic: s.session_pic,
        modified: Number(s.session_modify_time) || 0, creator: s.session_user, closed: isClosed, known: true });
      if (s.session_type === 99) chats.names.set(s.session_id, s.session_name);
      if (s.session_id === 'system') chats.conversations.get('system').name = APPROVALS;
    }
  }
  chats.changed('list');
  await Promise.all([...chats.conversations.values()].map((c) => loadLatest(c).catch(() => {})));
  chats.changed('list');
}

/** A page of history, newest first, before a message (or the newest). */
function history(c, beforeMsgId) {
  const params = { session_id: c.key, user_id: app.me, length: PAGE, before_msg_id: beforeMsgId || undefined };
  return app.api.get(c.type === 99 ? 'findChatHistory' : 'findSessionHistory', params);
}

function addPage(c, page) {
  for (const item of page.message_list) app.chats.add(toMessage(item));
  const oldest = page.message_list[page.message_list.length - 1];
  if (oldest) c.oldestMsgId = oldest.msg_id;
  if (page.message_list.length < PAGE) c.complete = true;
}

async function loadLatest(c) {
  addPage(c, await history(c));
  c.loaded = true;
  if (c.type !== 99) await loadMembers(app.api, app.chats, c).catch(() => {});
  await Promise.all([readStates(c), unreadOf(c).then((n) => {
    c.unread = n;
    // every message of the newest page is unread and there are older ones: say "30+"
    c.unreadMore = !c.complete && n > 0 && n === othersOf(c).length;
  })]);
  app.chats.changed(c.key);
}

async function loadOlder(c) {
  if (c.complete) return;
  addPage(c, await history(c, c.oldestMsgId));
  await readStates(c);
}

/** Your messages' read state: per message in 1:1 (findChatReadMsg), a count in groups (findReadMsg). */
async function readStates(c) {
  const { api, me } = app;
  if (c.key === 'system') return;
  const reads = c.type === 99
    ? await api.get('findChatReadMsg', { session_id: c.key, msg_to: me }).catch(() => ({ sessionReads: [] }))
    : await api.get('findReadMsg', { session_id: c.key }).catch(() => ({ sessionReads: [] }));
  for (const r of reads.sessionReads) c.readNums.set(r.msg_id, r.readNum);
  for (const m of c.messages.values()) {
    if (m.from !== me || m.state === 'pending' || m.state === 'refused') continue;
    if ((c.readNums.get(m.msgId) || 0) > 0) m.state = 'read';
    else if (!m.state) m.state = 'sent';
  }
}

/** The messages from others that count as unread until read, oldest first. */
function othersOf(c) {
  return app.chats.messagesOf(c).filter((m) => m.from !== app.me && (isContent(m.type) || m.type === 'MTB-000') && !m.recalled);
}

/**
 * How many messages from others you have not read. The API keeps a read cursor per reader but
 * no count, so the page asks findMsgStatusList for your status of a few messages of the
 * newest page (a binary search: everything before the newest read one is read too).
 */
async function unreadOf(c) {
  const { api, me } = app;
  const others = othersOf(c).reverse();
  const read = async (m) => {
    const list = (await api.get('findMsgStatusList', { msg_id: m.msgId })).ofStatusList;
    const mine = list.find((s) => s.msg_to === me);
    return !mine || mine.status > 0;
  };
  let lo = 0;
  let hi = others.length; // the first read message is in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (await read(others[mid]).catch(() => true)) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** After a reconnect: everything stored since the last message the page had, then fresh read states. */
async function catchUp() {
  const { api, chats, me } = app;
  let more = true;
  while (more && app) {
    let page;
    try {
      page = await api.get('syncMessage', { msg_to: me, msg_id: chats.cursor ? chats.cursor.msgId : undefined, length: 100 });
    } catch (e) {
      if (e.code === 'error-019') { chats.cursor = null; await loadConversations(); return; } // our cursor was cleared away
      throw e;
    }
    for (const item of page.messageList) receive(item);
    const last = page.messageList[page.messageList.length - 1];
    if (last) chats.advanceCursor({ msgId: last.msg_id, id: last.id_ });
    more = page.has_more && page.messageList.length > 0;
  }
  for (const env of app.pending.values()) app.live.send(env); // unanswered sends: the server keeps one per msg_id
  await Promise.all([...chats.conversations.values()].map((c) => readStates(c)));
  chats.changed('list');
}

// ---- what arrives ---------------------------------------------------------------------------

function receive(env) {
  if (!app) return;
  const { chats, me } = app;
  const b = bodyOf(env)[0] || {};
  const type = env.msg_type;
  switch (type) {
    case 'MTC-001':
      answer(b.msg_id, b.result, b.result_detail);
      app.tabs.tell('answer', { msgId: b.msg_id, result: b.result, detail: b.result_detail });
      return;
    case 'MTC-000': { // delivered to one of the peer's devices
      const f = chats.find(b.msg_id);
      if (f && f.message.from === me && (f.message.state === 'sent' || !f.message.state)) {
        f.message.state = 'delivered';
        chats.changed(f.conversation.key);
      }
      return;
    }
    case 'MTT-100': { // read in a 1:1 chat: by the peer, or by you on another device
      const f = chats.find(b.msg_id);
      if (!f) return;
      if (env.msg_from === me) { f.conversation.unread = 0; f.conversation.unreadMore = false; chats.changed('list'); return; }
      for (const m of f.conversation.messages.values()) {
        if (m.from === me && m.time <= f.message.time && m.state !== 'refused' && m.state !== 'pending') m.state = 'read';
      }
      chats.changed(f.conversation.key);
      return;
    }
    case 'MTS-100': { // read in a group: the counts change
      const c = chats.conversations.get(b.session_id);
      if (!c) return;
      if (env.msg_from === me) { c.unread = 0; c.unreadMore = false; chats.changed('list'); return; }
      clearTimeout(c.readTimer);
      c.readTimer = setTimeout(() => readStates(c).then(() => chats.changed(c.key)), 200);
      return;
    }
    case 'MTT-101': case 'MTS-101': { // a recall: the message stays, marked recalled
      const f = chats.find(b.msg_id);
      if (f) { f.message.recalled = true; f.message.body = []; chats.changed(f.conversation.key); }
      return;
    }
    case 'MTT-200': { // a request to clear a 1:1 history, which needs the other's consent
      const c = chats.ensure(env.msg_from === me ? env.msg_to : env.msg_from);
      c.clearRequest = { from: env.msg_from, info: b.info };
      chats.changed(c.key);
      return;
    }
    case 'MTT-201': {
      const c = chats.ensure(env.msg_from === me ? env.msg_to : env.msg_from);
      c.clearRequest = null;
      if (String(b.status).trim() === '0') clearLocal(c); else if (app.openKey === c.key) app.view.showStatus(c.name + ' did not agree to clear the history.');
      chats.changed(c.key);
      return;
    }
    default:
      if (isContent(type) || SYSTEM.includes(type) || type === 'MTB-000') arrived(toMessage(env));
  }
}

function arrived(m) {
  const { chats, me } = app;
  const { conversation: c, added } = chats.add(m);
  if (!added) { chats.changed(c.key); return; }
  const b = m.body[0] || {};
  if (!c.known) {
    // born live: a new group (we were added) or the first message of a 1:1 chat
    c.known = true;
    if (m.type.startsWith('MTS-')) {
      c.type = 0;
      loadMembers(app.api, chats, c).then((s) => { c.name = s.session_name; chats.changed('list'); }).catch(() => {});
    } else {
      c.name = c.key === 'system' ? APPROVALS : chats.nameOf(c.key);
      c.complete = true;
    }
  }
  switch (m.type) {
    case 'MTS-102': c.name = b.session_name || c.name; break;
    case 'MTS-107': c.closed = true; break;
    case 'MTS-103': if ((b.subscribers || []).some((u) => u.user_id === me)) c.closed = true; break;
    case 'MTS-104': if (b.user_id === me) c.closed = true; break;
    default: break;
  }
  for (const u of b.subscribers || []) if (u.user_name) chats.names.set(u.user_id, u.user_name);
  if (m.from === me) {
    if (!m.state) m.state = 'sent'; // sent from another device
  } else if (isContent(m.type) || m.type === 'MTB-000') {
    if (m.from !== 'system') app.live.send(envelope(me, m.from, 'MTC-000', { msg_id: m.msgId })); // delivered
    if (app.openKey === c.key && document.visibilityState === 'visible') markRead(c); else c.unread++;
  }
  chats.changed(c.key);
}

/** The server's answer to something we sent. */
function answer(msgId, result, detail) {
  const { chats } = app;
  app.pending.delete(msgId);
  const action = app.actions.get(msgId);
  if (action) {
    app.actions.delete(msgId);
    if (result === 'ok') action.ok(); else app.view.showStatus(action.what + ' refused: ' + reason(detail));
    return;
  }
  const f = chats.find(msgId);
  if (!f || f.message.from !== app.me) return;
  if (result === 'ok') { if (f.message.state === 'pending' || !f.message.state) f.message.state = 'sent'; } else {
    f.message.state = 'refused';
    f.message.reason = detail;
  }
  chats.changed(f.conversation.key);
}

// ---- what you do ---------------------------------------------------------------------------

/** Sends an envelope that is not a message (receipt, recall, clear request); `ok` runs on the server's ok. */
function act(env, what, ok = () => {}) {
  app.actions.set(env.msg_id, { what, ok });
  if (!app.live.send(env)) app.view.showStatus(what + ' needs a connection: try again when online.');
}

function sendMessage(c, type, bodyItem) {
  const group = c.type !== 99;
  const env = envelope(app.me, c.key, type, group ? { session_id: c.key, ...bodyItem } : bodyItem);
  const m = toMessage(env);
  m.state = 'pending';
  app.chats.add(m);
  app.pending.set(env.msg_id, env);
  app.live.send(env); // when offline it stays pending and goes out after the reconnect
  app.tabs.tell('sent', { envelope: env });
  app.chats.changed(c.key);
}

function markRead(c) {
  const others = app.chats.messagesOf(c).filter((m) => m.from !== app.me && (isContent(m.type) || m.type === 'MTB-000'));
  const newest = others[others.length - 1];
  c.unread = 0; c.unreadMore = false;
  app.tabs.tell('read', { key: c.key });
  if (!newest || c.readSent === newest.msgId) return;
  c.readSent = newest.msgId;
  if (c.key === 'system') { app.api.post('updateMsgStatus', { session_id: 'system', msg_to: app.me }).catch(() => {}); return; }
  const env = c.type === 99
    ? envelope(app.me, c.key, 'MTT-100', { msg_id: newest.msgId })
    : envelope(app.me, newest.from, 'MTS-100', { session_id: c.key, msg_id: newest.msgId });
  act(env, 'Read receipt');
}

function recall(c, m) {
  const env = c.type === 99
    ? envelope(app.me, c.key, 'MTT-101', { msg_id: m.msgId })
    : envelope(app.me, c.key, 'MTS-101', { session_id: c.key, msg_id: m.msgId });
  act(env, 'Recall', () => {
    m.recalled = true; m.body = [];
    app.tabs.tell('recalled', { msgId: m.msgId });
    app.chats.changed(c.key);
  });
}

async function readers(c, m) {
  const list = (await app.api.get('findMsgStatusList', { msg_id: m.msgId })).ofStatusList;
  const dialog = $('#readers');
  const read = list.filter((s) => s.status > 0);
  fill(dialog.querySelector('ul'), read.length
    ? read.map((s) => el('li', { text: app.chats.nameOf(s.msg_to) + (s.status === 2 ? ' (mobile)' : ' (web)') }))
    : el('li', { text: 'Nobody yet' }));
  dialog.showModal();
}

function requestClear(c) {
  const env = envelope(app.me, c.key, 'MTT-200', { info: app.me + ' asks to clear our chat history' });
  act(env, 'Clear request', () => { c.clearRequest = { from: app.me }; app.chats.changed(c.key); });
}

function answerClear(c, status) {
  const env = envelope(app.me, c.key, 'MTT-201', { status: String(status) });
  act(env, 'Answer', () => { c.clearRequest = null; if (status === 0) clearLocal(c); app.chats.changed(c.key); });
}

function clearLocal(c) {
  for (const id of c.messages.keys()) app.chats.byMsgId.delete(id);
  c.messages.clear();
  c.complete = true;
  c.unread = 0; c.unreadMore = false;
  app.view.showStatus('The history was cleared for both of you.');
}

async function openConversation(key) {
  const c = app.chats.ensure(key);
  app.openKey = key;
  showConversation(c);
  if (!c.loaded && c.known) await loadLatest(c).catch(() => {});
  markRead(c);
  app.chats.changed(key);
  refreshPresence(c);
  $('#text').focus();
}

function showConversation(c) {
  document.body.classList.toggle('in-conversation', !!c);
  $('#conversation-pane').hidden = !c;
  $('#no-conversation').hidden = !!c;
  $('#conv-status').textContent = '';
  if (!c) { app.view.close(); return; }
  $('#group-info').hidden = c.type === 99;
  $('#clear-history').hidden = c.type !== 99 || c.key === 'system';
  $('#conv-subtitle').textContent = '';
}

/** The open conversation's presence line: the peer's in a 1:1 chat, the members' in a group. */
async function refreshPresence(c) {
  clearInterval(app.presenceTimer);
  if (c.key === 'system') return;
  const show = async () => {
    if (!app || app.openKey !== c.key) return;
    const line = c.type === 99
      ? await peerPresence(app.api, c.key).then((on) => (on ? 'Online' : 'Offline')).catch(() => null)
      : await groupPresence(app.api, c.key).then((online) => presenceLine(online, app.me)).catch(() => null);
    if (line && app && app.openKey === c.key) {
      $('#conv-subtitle').textContent = line;
      $('#conv-subtitle').dataset.presence = c.type === 99 ? line.toLowerCase() : '';
    }
  };
  await show();
  app.presenceTimer = setInterval(show, PRESENCE_REFRESH_MS);
}

// ---- the controls ---------------------------------------------------------------------------

$('#compose').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('#text').value;
  const c = app.chats.conversations.get(app.openKey);
  if (!c || !text.trim()) return;
  sendMessage(c, c.type === 99 ? 'MTT-000' : 'MTS-000', { text });
  $('#text').value = '';
});

// Enter sends, Shift+Enter starts a new line
$('#text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('#compose').requestSubmit(); }
});

$('#file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  const c = app.chats.conversations.get(app.openKey);
  if (!file || !c) return;
  const progress = $('#upload-progress');
  progress.hidden = false;
  progress.value = 0;
  $('#upload-label').textContent = 'Uploading ' + file.name;
  try {
    const fileId = await app.api.upload(file, (p) => { progress.value = p; });
    sendMessage(c, fileType(file, c.type !== 99), { file_id: fileId, file_name: file.name, file_size: String(file.size) });
    $('#upload-label').textContent = '';
  } catch (error) {
    $('#upload-label').textContent = 'Upload of ' + file.name + ' failed: ' + reason(error.code);
  } finally {
    progress.hidden = true;
  }
});

/** Opens the 1:1 chat with a peer, new (empty until the first message) or known. */
function startChat(peer) {
  if (!peer || peer === app.me) return;
  const c = app.chats.ensure(peer);
  if (!c.known) { c.name = app.chats.nameOf(peer); c.complete = true; c.loaded = true; }
  for (const picker of app.pickers) picker.clear();
  openConversation(peer);
}

$('#new-chat').addEventListener('submit', (e) => {
  e.preventDefault();
  const peer = $('#new-chat-id').value.trim();
  $('#new-chat-id').value = '';
  startChat(peer);
});

$('#new-group-button').addEventListener('click', () => { $('#new-group-status').textContent = ''; $('#new-group').showModal(); });
$('#new-group').addEventListener('close', () => app && app.pickers.forEach((p) => p.clear()));
$('#new-group-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (e.submitter && e.submitter.value === 'cancel') { $('#new-group').close(); return; }
  try {
    const created = await createGroup(app.api, app.me, $('#new-group-name').value.trim(), idsOf($('#new-group-members').value));
    const c = app.chats.ensure(created.session_id, { type: 0, name: created.session_name, creator: app.me, known: true,
      modified: Number(created.session_create_time) });
    $('#new-group').close();
    $('#new-group-form').reset();
    await loadLatest(c).catch(() => {});
    openConversation(c.key);
  } catch (error) {
    $('#new-group-status').textContent = 'Could not create the group: ' + reason(error.code);
  }
});

$('#group-info').addEventListener('click', () => {
  const c = app.chats.conversations.get(app.openKey);
  if (c) showGroupPanel($('#group-panel'), { api: app.api, chats: app.chats, c, onChanged: async () => app.chats.changed(c.key) });
});
$('#clear-history').addEventListener('click', () => {
  const c = app.chats.conversations.get(app.openKey);
  if (c) requestClear(c);
});
$('#back').addEventListener('click', () => { app.openKey = null; showConversation(null); app.chats.changed('list'); });
for (const dialog of document.querySelectorAll('dialog')) {
  dialog.querySelector('.close')?.addEventListener('click', () => dialog.close());
}
document.addEventListener('visibilitychange', () => {
  const c = app && app.openKey && app.chats.conversations.get(app.openKey);
  if (c && document.visibilityState === 'visible') { markRead(c); app.chats.changed('list'); }
});

// for the browser tests and for a support engineer's console: drop the socket as a network failure would
window.tlimDropConnection = (holdMs) => app && app.live.drop(holdMs);

// ---- start --------------------------------------------------------------------------------

const handedOver = auth.tokenFromFragment();
if (handedOver) {
  try { start(auth.signIn(handedOver)); } catch (error) { showSignIn('Cannot sign in: ' + error.message); }
} else {
  const session = auth.current();
  if (session) start(session); else showSignIn('');
}
