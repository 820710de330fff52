// Fetch wrapper shared by the storefront and the admin:
// JSON in/out, problem+json errors as ApiError, a bearer access token kept in memory only, and the
// refresh token in an HttpOnly cookie the page never sees (X-Refresh-Token: cookie).

export class ApiError extends Error {
  constructor(problem, status, correlationId) {
    const p = problem && typeof problem === 'object' ? problem : {};
    const detail = p.detail || p.title || `Request failed (HTTP ${status})`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = p.code || (status ? `HTTP_${status}` : 'NETWORK_ERROR');
    this.title = p.title || '';
    this.detail = detail;
    this.type = p.type || null;
    this.errors = Array.isArray(p.errors) ? p.errors : [];
    this.correlationId = p.correlationId || correlationId || null;
    /** The whole problem, for members an operation adds (e.g. `available` of OUT_OF_STOCK). */
    this.problem = p;
  }
}

/** Asks the gateway to keep the refresh token in its cookie; also the CSRF proof of the cookie routes. */
const COOKIE_TRANSPORT = { 'X-Refresh-Token': 'cookie' };

const isWrite = (method) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** A random Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function buildUrl(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, x));
    else params.append(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

/**
 * createApi({ base, authPath, marker, onAuthLost })
 *  - authPath: e.g. '/auth' or '/admin/auth' (login, refresh and logout live below it); null: no session
 *  - marker: {storage, key}: remembers that a session exists (never a token), so a reload refreshes
 *    through the cookie and anonymous visitors never call refresh
 *  - onAuthLost(): called when the session ended on the server side (refresh refused)
 * idempotent (writes): sends an Idempotency-Key, and sends the request once more with it when the
 * connection failed (the server applies it once).
 * Methods: get(path, {query, auth, headers, cache}), post(path, body, opts) (a Blob body is sent as
 * application/octet-stream, e.g. an image upload), put(path, body, opts),
 * patch(path, body, opts), del(path, opts), login(body), logout(), hasSession(), authorization().
 * auth (default true) sends the access token, refreshing it first when the page has none yet (after
 * a reload) or the server answered 401.
 */
export function createApi({ base = '/api/v1', authPath = null, marker = null, onAuthLost = () => {} } = {}) {
  let access = null; // {accessToken, tokenType}: in memory only
  let refreshing = null;

  const hasSession = () => Boolean(marker && marker.storage.getItem(marker.key));

  function remember(tokens) {
    access = { accessToken: tokens.accessToken, tokenType: tokens.tokenType || 'Bearer' };
    if (marker) marker.storage.setItem(marker.key, '1');
  }

  function forget() {
    access = null;
    if (marker) marker.storage.removeItem(marker.key);
  }

  async function send(method, path, { body, query, auth = true, headers: extra = {}, cache } = {}) {
    const headers = { Accept: 'application/json, application/problem+json', ...extra };
    // a Blob (a File from an <input type=file>) is sent as its raw bytes: an upload
    const raw = typeof Blob !== 'undefined' && body instanceof Blob;
    if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
    if (auth && access) headers.Authorization = `${access.tokenType} ${access.accessToken}`;
    try {
      const res = await fetch(buildUrl(base + path, query), {
        method,
        headers,
        credentials: 'same-origin',
        cache, // 'no-cache' revalidates what the browser keeps (a live refresh must not read a cached copy)
        body: body === undefined || raw ? body : JSON.stringify(body),
      });
      return { res, sentToken: Boolean(headers.Authorization) };
    } catch {
      throw new ApiError({ code: 'NETWORK_ERROR', detail: 'Could not reach the server. Check your connection and try again.' }, 0);
    }
  }

  async function parse(res) {
    if (res.status === 204) return null;
    const text = await res.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch { data = null; }
    }
    if (!res.ok) {
      throw new ApiError(data || { detail: `${res.status} ${res.statusText}`.trim() }, res.status,
        res.headers.get('X-Correlation-Id'));
    }
    return data;
  }

  /** Single-flight refresh through the cookie: concurrent callers share one POST .../refresh. */
  function refresh() {
    if (!authPath || !hasSession()) return Promise.resolve(false);
    if (!refreshing) {
      refreshing = (async () => {
        try {
          const { res } = await send('POST', `${authPath}/refresh`, { auth: false, headers: COOKIE_TRANSPORT });
          if (res.status === 401 || res.status === 403) {
            forget();
            onAuthLost();
            return false;
          }
          if (!res.ok) return false;
          remember(await res.json());
          return true;
        } catch {
          return false;
        }
      })().finally(() => { refreshing = null; });
    }
    return refreshing;
  }

  async function request(method, path, opts = {}) {
    const auth = opts.auth !== false;
    if (auth && !access && hasSession()) await refresh();
    if (opts.idempotent && isWrite(method) && !(opts.headers && opts.headers['Idempotency-Key'])) {
      // one key per action: a resend (after a refresh, or a lost connection) is applied once
      opts = { ...opts, headers: { ...(opts.headers || {}), 'Idempotency-Key': newKey() } };
    }
    let sent;
    try {
      sent = await send(method, path, opts);
    } catch (e) {
      if (!opts.idempotent || e.code !== 'NETWORK_ERROR') throw e;
      // the answer may have been lost after the server acted: the same key makes the retry safe
      await new Promise((resolve) => setTimeout(resolve, 500));
      sent = await send(method, path, opts);
    }
    let { res, sentToken } = sent;
    // the first attempt is still running on the server: its answer comes to the same key
    for (let i = 0; opts.idempotent && res.status === 409 && i < 3; i++) {
      const problem = await res.clone().json().catch(() => null);
      if (!problem || problem.code !== 'IDEMPOTENCY_IN_PROGRESS') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      ({ res } = await send(method, path, opts));
    }
    if (res.status === 401 && sentToken) {
      access = null;
      if (await refresh()) ({ res } = await send(method, path, opts));
      if (res.status === 401 && hasSession()) {
        forget();
        onAuthLost();
      }
    }
    return parse(res);
  }

  /** Seconds until the access token expires (its JWT `exp`), or 0 when unreadable. */
  function secondsLeft() {
    try {
      const claims = JSON.parse(atob(access.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return claims.exp - Date.now() / 1000;
    } catch {
      return 0;
    }
  }

  /**
   * The Authorization value of the session ("Bearer ..."), refreshed first when the page has no
   * token or it expires within a minute; null without a session. For connections that authenticate
   * once, such as a WebSocket's first message.
   */
  async function authorization() {
    if (access && secondsLeft() < 60) access = null;
    if (!access && hasSession()) await refresh();
    return access ? `${access.tokenType} ${access.accessToken}` : null;
  }

  /** Signs in with credentials: the access token stays in memory, the refresh token in the cookie. */
  async function login(body) {
    const { res } = await send('POST', `${authPath}/login`, { body, auth: false, headers: COOKIE_TRANSPORT });
    remember(await parse(res));
  }

  /** Revokes the session on the server (the cookie goes with it) and forgets it here, whatever the answer. */
  async function logout() {
    try {
      await send('POST', `${authPath}/logout`, { auth: false, headers: COOKIE_TRANSPORT });
    } catch { /* the session ends locally either way */ }
    forget();
  }

  return {
    request,
    login,
    logout,
    hasSession,
    authorization,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    del: (path, opts) => request('DELETE', path, opts),
  };
}
