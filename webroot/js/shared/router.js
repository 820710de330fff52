// Tiny hash router: routes like '/product/:slug'. route is reactive {name, params, path}.
// Features bring their routes; the app shell starts the router with all of them.
import { reactive } from 'vue';

export function createRouter({ fallback = null } = {}) {
  let compiled = [];
  const route = reactive({ name: null, params: {}, path: '' });

  function match(path) {
    const segs = path.split('/').filter(Boolean);
    for (const r of compiled) {
      if (r.parts.length !== segs.length) continue;
      const params = {};
      const ok = r.parts.every((p, i) => {
        if (p.startsWith(':')) {
          params[p.slice(1)] = decodeURIComponent(segs[i]);
          return true;
        }
        return p === segs[i];
      });
      if (ok) return { name: r.name, params, path };
    }
    return null;
  }

  function current() {
    const raw = window.location.hash.replace(/^#/, '').split('?')[0] || '/';
    return match(raw) || { name: 'notFound', params: {}, path: raw };
  }

  function apply(next) {
    Object.keys(route.params).forEach((k) => delete route.params[k]);
    route.name = next.name;
    route.path = next.path;
    Object.assign(route.params, next.params);
  }

  const isRoot = (r) => r.name === 'notFound' && fallback && (r.path === '/' || r.path === '');

  function sync() {
    const next = current();
    if (isRoot(next)) {
      navigate(fallback);
      return;
    }
    apply(next);
    window.scrollTo(0, 0);
  }

  function navigate(path, { replace = false } = {}) {
    const target = `#${path}`;
    if (window.location.hash === target) return;
    if (replace) {
      history.replaceState(null, '', target);
      sync();
    } else {
      window.location.hash = path;
    }
  }

  /** Starts routing over [{path, name}]: route follows the location's hash from now on. */
  function start(routes) {
    const names = new Set();
    compiled = routes.map((r) => {
      if (names.has(r.name)) throw new Error(`route "${r.name}" is defined twice`);
      names.add(r.name);
      return { path: r.path, name: r.name, parts: r.path.split('/').filter(Boolean) };
    });
    apply(current());
    window.addEventListener('hashchange', sync);
    if (isRoot(route)) navigate(fallback, { replace: true });
  }

  return { route, navigate, start };
}
