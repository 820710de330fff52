// Tiny hash router: routes like '/product/:slug'. route is reactive {name, params, path}.
import { reactive } from 'vue';

export function createRouter(routes, fallback) {
  const compiled = routes.map((r) => ({ ...r, parts: r.path.split('/').filter(Boolean) }));

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

  const route = reactive(current());

  function sync() {
    const next = current();
    if (next.name === 'notFound' && fallback && (next.path === '/' || next.path === '')) {
      navigate(fallback);
      return;
    }
    Object.keys(route.params).forEach((k) => delete route.params[k]);
    route.name = next.name;
    route.path = next.path;
    Object.assign(route.params, next.params);
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

  window.addEventListener('hashchange', sync);
  if (route.name === 'notFound' && fallback && (route.path === '/' || route.path === '')) {
    navigate(fallback, { replace: true });
  }
  return { route, navigate };
}
