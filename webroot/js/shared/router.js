// Tiny router: routes like '/p/:slug'. route is reactive {name, params, path, query}; query is the
// location's query string without '?'. Features bring their routes; the app shell starts the router
// with all of them.
// mode 'history' (the storefront): clean URLs (/p/slug?x=1), links are plain <a href="/p/slug">
// that the router takes over (same origin, left click without modifier keys, no target or download),
// back and forward follow popstate; a legacy '#/...' address is rewritten to its clean form, through
// `legacy` (a function mapping an old path to the new one). mode 'hash' (the admin, under /admin/):
// the route lives in the hash (#/products?page=2).
import { reactive } from 'vue';

export function createRouter({ fallback = null, mode = 'hash', legacy = (p) => p, owns = () => true } = {}) {
  let compiled = [];
  const route = reactive({ name: null, params: {}, path: '', query: '' });
  const history = mode === 'history';

  function match(path) {
    const segs = path.split('/').filter(Boolean);
    for (const r of compiled) {
      if (r.parts.length !== segs.length) continue;
      const params = {};
      const ok = r.parts.every((p, i) => {
        if (p.startsWith(':')) {
          try {
            params[p.slice(1)] = decodeURIComponent(segs[i]);
          } catch (e) {
            return false;
          }
          return true;
        }
        return p === segs[i];
      });
      if (ok) return { name: r.name, params, path };
    }
    return null;
  }

  /** The routed address: path and query string. */
  function address() {
    if (history) return { path: window.location.pathname || '/', query: window.location.search.replace(/^\?/, '') };
    const [path, query = ''] = window.location.hash.replace(/^#/, '').split('?');
    return { path: path || '/', query };
  }

  function current() {
    const { path, query } = address();
    const found = match(path) || { name: 'notFound', params: {}, path };
    return { ...found, query };
  }

  function apply(next) {
    Object.keys(route.params).forEach((k) => delete route.params[k]);
    route.name = next.name;
    route.path = next.path;
    route.query = next.query;
    Object.assign(route.params, next.params);
  }

  const isRoot = (r) => r.name === 'notFound' && fallback && (r.path === '/' || r.path === '');

  function sync({ scroll = true } = {}) {
    const before = route.path;
    const next = current();
    if (isRoot(next)) {
      navigate(fallback, { replace: true });
      return;
    }
    apply(next);
    if (scroll && before !== next.path) window.scrollTo(0, 0);
  }

  /** Goes to path (with its query string); replace: without a new history entry. */
  function navigate(path, { replace = false } = {}) {
    if (history) {
      const here = window.location.pathname + window.location.search;
      if (here === path) return;
      if (replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
      sync();
      return;
    }
    const target = `#${path}`;
    if (window.location.hash === target) return;
    if (replace) {
      window.history.replaceState(null, '', target);
      sync();
    } else {
      window.location.hash = path;
    }
  }

  /** A click on a link to one of our pages: routed here instead of loading the page again. */
  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest && event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || !owns(url.pathname)) return;
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  }

  /** Starts routing over [{path, name}]: route follows the location from now on. */
  function start(routes) {
    const names = new Set();
    compiled = routes.map((r) => {
      if (names.has(r.name)) throw new Error(`route "${r.name}" is defined twice`);
      names.add(r.name);
      return { path: r.path, name: r.name, parts: r.path.split('/').filter(Boolean) };
    });
    if (history) {
      if (window.location.hash.startsWith('#/')) {
        const [path, query] = window.location.hash.slice(1).split('?');
        window.history.replaceState(null, '', legacy(path) + (query ? `?${query}` : ''));
      }
      window.addEventListener('popstate', () => sync());
      document.addEventListener('click', onClick);
    } else {
      window.addEventListener('hashchange', () => sync());
    }
    apply(current());
    if (isRoot(route)) navigate(fallback, { replace: true });
  }

  return { route, navigate, start };
}
