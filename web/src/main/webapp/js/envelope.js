// The envelope (docs/protocol.md) and what each msg_type means to a reader.

export const CONTENT_1TO1 = ['MTT-000', 'MTT-001', 'MTT-002', 'MTT-003', 'MTB-001'];
export const CONTENT_GROUP = ['MTS-000', 'MTS-001', 'MTS-002', 'MTS-003'];
export const SYSTEM = ['MTS-102', 'MTS-103', 'MTS-104', 'MTS-105', 'MTS-106', 'MTS-107', 'MTT-102'];
const FILE_KIND = { 'MTT-001': 'image', 'MTS-001': 'image', 'MTT-002': 'file', 'MTS-002': 'file', 'MTT-003': 'voice', 'MTS-003': 'voice' };

/** A new envelope from `me`; msg_id is the client's, so a resend is recognised as the same message. */
export function envelope(me, to, type, bodyItem) {
  return {
    compress: '0', encode: '1', encrypt: '0', version: '2.0.0',
    msg_from: me, msg_to: to, msg_id: crypto.randomUUID(), msg_type: type,
    msg_time: String(Date.now()), body: [bodyItem],
  };
}

/** The body array, whether it came as an array (live) or as JSON text (history, sync). */
export function bodyOf(envelope) {
  if (Array.isArray(envelope.body)) return envelope.body;
  try { const b = JSON.parse(envelope.body || '[]'); return Array.isArray(b) ? b : []; } catch { return []; }
}

/** The message model the views use, from a live envelope or a history/sync item. */
export function toMessage(item) {
  return {
    msgId: item.msg_id, from: item.msg_from, to: item.msg_to, type: item.msg_type,
    time: Number(item.msg_time) || Date.now(), id: item.id_, body: bodyOf(item),
    recalled: item.recalled === true, state: null, reason: null,
  };
}

export const fileKind = (type) => FILE_KIND[type];
export const isContent = (type) => CONTENT_1TO1.includes(type) || CONTENT_GROUP.includes(type);
export const isGroupType = (type) => type.startsWith('MTS-');

/** Which conversation an envelope belongs to: a group's session_id, or the peer's id for 1:1. */
export function conversationKey(message, me) {
  const first = message.body[0] || {};
  if (isGroupType(message.type) && first.session_id) return first.session_id;
  if (message.type === 'MTT-102') return first.session_id;
  return message.from === me ? message.to : message.from;
}

/** The line a system message shows, in the reader's words. */
export function describeSystem(message, nameOf) {
  const b = message.body[0] || {};
  const names = (list) => (list || []).map((u) => u.user_name || nameOf(u.user_id)).join(', ');
  switch (message.type) {
    case 'MTS-105': return nameOf(b.session_user) + ' created the group with ' + names(b.subscribers);
    case 'MTS-102': return 'The group was renamed to “' + (b.session_name || '') + '”';
    case 'MTS-106': return names(b.subscribers) + ' joined the group';
    case 'MTS-103': return names(b.subscribers) + ' removed from the group';
    case 'MTS-104': return (b.user_name || nameOf(b.user_id)) + ' left the group';
    case 'MTS-107': return 'The group was dissolved';
    case 'MTT-102': return 'Conversation started';
    default: return message.type;
  }
}

// The reason a refusal shows (codes from docs/protocol.md#error-codes).
const REASONS = {
  'error-000': 'the message is empty or invalid', 'error-009': 'no such conversation',
  'error-011': 'a field is missing or too long', 'error-012': 'you cannot send as someone else',
  'error-013': 'no such user', 'error-014': 'you are not a member of this group',
  'error-015': 'this conversation is closed', 'error-016': 'only the sender may recall a message',
  'error-017': 'too late to recall this message', 'error-018': 'the message is too large',
  'error-019': 'no such message', 'error-021': 'not allowed', 'error-022': 'this kind of message is sent by the server only',
  'error-023': 'no such file', 'error-024': 'too many messages, slow down', 'error-025': 'server trouble, try again',
  'error-026': 'a value is out of range', 'error-027': 'not signed in', 'error-028': 'no such announcement',
};
export const reason = (code) => (REASONS[code] ? REASONS[code] + ' (' + code + ')' : code || 'refused');
