// Two tabs of the same user in one browser stay in step at once through a BroadcastChannel:
// a message sent in one shows in the other (with the server's answer), and reading in one
// clears the badge in both. Other devices (phones, other browsers) learn the same from the
// server's copies and receipts; both paths meet in Chats, which keeps one copy per msg_id.

export function createTabs(me, handlers) {
  if (!('BroadcastChannel' in window)) return { tell() {}, close() {} };
  const channel = new BroadcastChannel('tlim:' + me);
  channel.onmessage = (e) => {
    const handler = handlers[e.data && e.data.kind];
    if (handler) handler(e.data);
  };
  return { tell(kind, data) { channel.postMessage({ kind, ...data }); }, close() { channel.close(); } };
}
