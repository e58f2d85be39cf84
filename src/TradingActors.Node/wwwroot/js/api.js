// The management API, as the dashboard uses it: JSON in and out, the bearer token on every mutating request.
const tokenKey = 'trading-actors.token';

export function token() {
  return sessionStorage.getItem(tokenKey) ?? '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(tokenKey, value);
  } else {
    sessionStorage.removeItem(tokenKey);
  }
}

/**
 * Sends one request and answers {ok, status, body}; never throws for an HTTP error, so callers can show the
 * API's {error, field} next to the field it names. A network failure is answered as status 0.
 */
export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers.Authorization = `Bearer ${token()}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    return { ok: false, status: 0, body: { error: `the node did not answer (${e.message})` } };
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { error: text };
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
