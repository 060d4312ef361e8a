// Who in a group is online (findPresence; a user with only a web page open counts as online).
// The API answers presence for groups only, so a 1:1 chat shows none.

export async function groupPresence(api, sessionId) {
  const list = await api.get('findPresence', { session_id: sessionId });
  return new Map(list.map((p) => [p.user_id, p.status === 'online']));
}

export function presenceLine(online, me) {
  const others = [...online.entries()].filter(([id]) => id !== me);
  const count = others.filter(([, on]) => on).length;
  return others.length + 1 + ' members, ' + count + ' other' + (count === 1 ? '' : 's') + ' online';
}
