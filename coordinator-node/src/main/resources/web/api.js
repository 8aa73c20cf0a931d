// The JSON API under /api, as the pages use it: the session cookie plus its CSRF token on changes.

let session = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text && response.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : text;
  if (response.status === 401 && session) {
    session = null;
    window.dispatchEvent(new Event('frms:logged-out'));
  }
  if (!response.ok) throw new ApiError(response.status, data?.error || `${response.status} ${text}`);
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body ?? {});
export const put = (path, body) => call('PUT', path, body ?? {});
export const patch = (path, body) => call('PATCH', path, body ?? {});
export const del = (path) => call('DELETE', path);

/** Who is logged in (null if nobody); asks the server once per page load. */
export async function currentSession() {
  if (session) return session;
  try {
    session = await call('GET', '/api/session');
  } catch (e) {
    if (e.status !== 401) throw e;
    session = null;
  }
  return session;
}

export async function logIn(name, password) {
  session = await call('POST', '/api/session', { name, password });
  return session;
}

export async function logOut() {
  try {
    await call('DELETE', '/api/session');
  } finally {
    session = null;
  }
}

/** True if the logged-in user's role includes {@code role} (viewer < operator < admin). */
export function may(role) {
  const order = ['viewer', 'operator', 'admin'];
  return session !== null && order.indexOf(session.role) >= order.indexOf(role);
}
