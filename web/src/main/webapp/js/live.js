// The live WebSocket (docs/api.md, "Live channel"): the server pushes every envelope for this
// user's web devices; the page sends envelopes and gets an MTC-001 answer for each. When the
// socket drops, it reconnects with growing delays, then catches up with syncMessage from the
// last stored message it had, because what was pushed while it was away is not pushed again.

/**
 * The socket's address. The only place that knows how the socket authenticates: a browser
 * cannot set an Authorization header on a WebSocket, and a token in the query would end up in
 * access logs, so the page asks for a single-use ticket (liveTicket, valid 30 s) with its token
 * and opens the socket with that.
 */
export async function liveUrl(token) {
  const answer = await fetch('/plugins/tlim/liveTicket', { headers: { Authorization: 'Bearer ' + token } });
  const json = await answer.json().catch(() => ({}));
  if (!answer.ok || json.result !== 'ok') {
    throw new Error('no live ticket: ' + (json.result_detail || answer.status));
  }
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  return scheme + location.host + '/live?ticket=' + encodeURIComponent(json.ticket);
}

const FIRST_DELAY = 500;
const MAX_DELAY = 30000;

/**
 * connectLive({token, onEnvelope, onState, catchUp, onGiveUp}) → {send, close, reconnectNow}.
 * onState('connecting'|'online'|'offline'); catchUp() runs after every reconnect (not the
 * first connect); stillSignedIn() is asked before retrying, so an expired token stops the loop.
 */
export function connectLive({ token, onEnvelope, onState, catchUp, stillSignedIn }) {
  let socket = null;
  let closedByUs = false;
  let attempts = 0;
  let everOpen = false;
  let timer = null;
  let holdUntil = 0;

  async function open() {
    onState('connecting');
    let url;
    try {
      url = await liveUrl(token);
    } catch {
      await retry();
      return;
    }
    if (closedByUs) return;
    socket = new WebSocket(url);
    socket.onopen = async () => {
      attempts = 0;
      onState('online');
      if (everOpen) await catchUp();
      everOpen = true;
    };
    socket.onmessage = (event) => {
      let envelope;
      try { envelope = JSON.parse(event.data); } catch { return; }
      onEnvelope(envelope);
    };
    socket.onclose = async () => {
      socket = null;
      if (closedByUs) return;
      await retry();
    };
  }

  /** After a drop or a failed ticket: tries again later, unless the user is signed out. */
  async function retry() {
    onState('offline');
    if (!(await stillSignedIn())) return;
    // exponential backoff with jitter, so a restarted server is not hit by every page at once
    const backoff = Math.min(MAX_DELAY, FIRST_DELAY * 2 ** attempts) * (0.5 + Math.random() / 2);
    const delay = Math.max(backoff, holdUntil - Date.now());
    attempts++;
    everOpen = true; // whatever happens next is a reconnect, which must catch up
    timer = setTimeout(open, delay);
  }

  open();
  return {
    /** Sends an envelope; false when the socket is not open (the caller keeps it pending). */
    send(envelope) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(envelope));
      return true;
    },
    close() { closedByUs = true; clearTimeout(timer); if (socket) socket.close(); },
    /** Drops the socket as a network failure would, and stays away at least holdMs (for tests and support). */
    drop(holdMs = 0) { holdUntil = Date.now() + holdMs; if (socket) socket.close(4000, 'dropped by the page'); },
  };
}
