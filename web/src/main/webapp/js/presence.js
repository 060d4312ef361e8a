// Who is online (findPresence; a user with only a web page open counts as online): a group's
// members, or a 1:1 chat's peer (its session_id is the peer's id). Refreshed while the
// conversation is open: presence has no live event for pages.

export const PRESENCE_REFRESH_MS = 15000;

export async function groupPresence(api, sessionId) {
  const list = await api.get('findPresence', { session_id: sessionId });
  return new Map(list.map((p) => [p.user_id, p.status === 'online']));
}

/** Whether a 1:1 chat's peer is online. */
export async function peerPresence(api, peer) {
  return (await groupPresence(api, peer)).get(peer) === true;
}

export function presenceLine(online, me) {
  const others = [...online.entries()].filter(([id]) => id !== me);
  const count = others.filter(([, on]) => on).length;
  return others.length + 1 + ' members, ' + count + ' other' + (count === 1 ? '' : 's') + ' online';
}
