// Sign-in. The company's identity provider hands the page a bearer token (a JWT) in the URL
// fragment (#token=…), which never reaches a server log; a developer may paste one instead.
// The token is kept in sessionStorage: for this tab only, gone when the tab closes.

const KEY = 'tlim.token';

/** Reads the JWT's claims without checking them: the server checks, the page only needs sub and exp. */
export function claims(token) {
  const part = String(token).split('.')[1];
  if (!part) throw new Error('this is not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The token handed over in the fragment, removed from the address bar at once. */
export function tokenFromFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token') || params.get('access_token');
  if (token) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

/** {token, user, expires} when the token can be used, else throws with the reason. */
export function signIn(token) {
  token = String(token || '').trim().replace(/^Bearer\s+/i, '');
  const c = claims(token);
  if (!c.sub) throw new Error('the token names no user (no "sub")');
  const expires = c.exp ? c.exp * 1000 : Infinity;
  if (expires <= Date.now()) throw new Error('this token has expired');
  sessionStorage.setItem(KEY, token);
  return { token, user: c.sub, expires };
}

/** The tab's signed-in state, or null. */
export function current() {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  try { return signIn(token); } catch { sessionStorage.removeItem(KEY); return null; }
}

export function signOut() { sessionStorage.removeItem(KEY); }
