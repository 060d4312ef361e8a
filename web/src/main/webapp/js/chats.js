// What the page knows: the conversations and their messages, kept by msg_id. Delivery is
// at-least-once and the same message may come from history, syncMessage, the live socket and
// another tab, so every way in goes through add(), which keeps one copy per msg_id.

import { conversationKey, isContent } from './envelope.js';

export class Chats extends EventTarget {
  constructor(me) {
    super();
    this.me = me;
    this.conversations = new Map(); // key (group session_id or peer id) → conversation
    this.byMsgId = new Map(); // msg_id → conversation key
    this.names = new Map([[me, me]]); // user id → user_name
    this.cursor = null; // {msgId, id}: the stored message syncMessage continues after
  }

  nameOf(userId) { return this.names.get(userId) || userId; }

  /** The conversation, created empty when first seen (a group or 1:1 chat born live). */
  ensure(key, fields = {}) {
    let c = this.conversations.get(key);
    if (!c) {
      c = { key, type: 99, name: key, pic: '', modified: 0, unread: 0, messages: new Map(), loaded: false,
        oldestMsgId: null, complete: false, closed: false, creator: null, readNums: new Map(), clearRequest: null };
      this.conversations.set(key, c);
    }
    Object.assign(c, fields);
    return c;
  }

  /** Adds a message once; answers {conversation, added}. */
  add(message) {
    const key = conversationKey(message, this.me);
    const c = this.ensure(key);
    const had = c.messages.get(message.msgId);
    if (message.id !== undefined && message.id !== null) this.advanceCursor(message);
    if (had) {
      // a later copy may know more: the server's id, or that it was recalled meanwhile
      if (message.id !== undefined) had.id = message.id;
      if (message.recalled) had.recalled = true;
      return { conversation: c, message: had, added: false };
    }
    c.messages.set(message.msgId, message);
    this.byMsgId.set(message.msgId, key);
    if (isContent(message.type) || message.from === 'system') c.modified = Math.max(c.modified, message.time);
    return { conversation: c, message, added: true };
  }

  find(msgId) {
    const key = this.byMsgId.get(msgId);
    const c = key && this.conversations.get(key);
    return c ? { conversation: c, message: c.messages.get(msgId) } : null;
  }

  advanceCursor(message) {
    if (!this.cursor || message.id > this.cursor.id) this.cursor = { msgId: message.msgId, id: message.id };
  }

  /** Newest first, as the list shows them. */
  sorted() {
    return [...this.conversations.values()].sort((a, b) => b.modified - a.modified);
  }

  /** Messages oldest first, as the view shows them. */
  messagesOf(c) {
    return [...c.messages.values()].sort((a, b) => a.time - b.time || (a.id ?? Infinity) - (b.id ?? Infinity));
  }

  last(c) {
    const list = this.messagesOf(c).filter((m) => m.type !== 'MTT-102');
    return list[list.length - 1];
  }

  /** Tells the views what changed: 'list' (the list), or a conversation key. */
  changed(what) { this.dispatchEvent(new CustomEvent('change', { detail: what })); }
}
