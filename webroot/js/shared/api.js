// Fetch wrapper shared by the storefront and the admin:
// JSON in/out, problem+json errors as ApiError, bearer tokens, one refresh on 401.

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
  }
}

/** Token storage ({accessToken, refreshToken, tokenType, expiresIn}) in localStorage or sessionStorage. */
export function tokenStore(storage, key) {
  return {
    get() {
      try { return JSON.parse(storage.getItem(key)) || null; } catch { return null; }
    },
    set(tokens) { storage.setItem(key, JSON.stringify(tokens)); },
    clear() { storage.removeItem(key); },
  };
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
 * createApi({ base, tokens, refreshPath, onAuthLost })
 *  - tokens: a tokenStore (or null)
 *  - refreshPath: e.g. '/auth/refresh'; null disables refresh
 *  - onAuthLost(): called when a 401 could not be recovered
 * Methods: get(path, {query, auth}), post(path, body, opts), put(path, body, opts), del(path, opts).
 * auth (default true) sends the bearer token when one is stored.
 */
export function createApi({ base = '/api/v1', tokens = null, refreshPath = null, onAuthLost = () => {} } = {}) {
  let refreshing = null;

  async function send(method, path, { body, query, auth = true } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const t = auth && tokens ? tokens.get() : null;
    if (t && t.accessToken) headers.Authorization = `${t.tokenType || 'Bearer'} ${t.accessToken}`;
    try {
      const res = await fetch(buildUrl(base + path, query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
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

  /** Single-flight refresh: concurrent 401s share one POST /auth/refresh. */
  function refresh() {
    if (!refreshPath || !tokens) return Promise.resolve(false);
    const current = tokens.get();
    if (!current || !current.refreshToken) return Promise.resolve(false);
    if (!refreshing) {
      refreshing = (async () => {
        try {
          const { res } = await send('POST', refreshPath, { body: { refreshToken: current.refreshToken }, auth: false });
          if (!res.ok) return false;
          tokens.set(await res.json());
          return true;
        } catch {
          return false;
        }
      })().finally(() => { refreshing = null; });
    }
    return refreshing;
  }

  async function request(method, path, opts = {}) {
    let { res, sentToken } = await send(method, path, opts);
    if (res.status === 401 && sentToken) {
      if (await refresh()) {
        ({ res } = await send(method, path, opts));
      }
      if (res.status === 401) {
        if (tokens) tokens.clear();
        onAuthLost();
      }
    }
    return parse(res);
  }

  return {
    tokens,
    request,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    del: (path, opts) => request('DELETE', path, opts),
  };
}
