// Category helpers: the API returns a flat list ordered by position; the tree is built via parentId.

/** Returns root nodes: {...category, children: [...]}, children ordered by position. */
export function buildTree(items) {
  const byId = new Map();
  (items || []).forEach((c) => byId.set(c.id, { ...c, children: [] }));
  const roots = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : null;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list) => {
    list.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    list.forEach((n) => sort(n.children));
    return list;
  };
  return sort(roots);
}

/** Depth-first flat list with depth, for indented <select> options and tables. */
export function flattenTree(roots, depth = 0, out = []) {
  for (const n of roots) {
    out.push({ ...n, depth });
    flattenTree(n.children, depth + 1, out);
  }
  return out;
}

/** Path from the root to the category with the given id (inclusive), or []. */
export function pathTo(items, id) {
  const byId = new Map((items || []).map((c) => [c.id, c]));
  const path = [];
  let cur = byId.get(id);
  const seen = new Set();
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    path.unshift(cur);
    cur = cur.parentId ? byId.get(cur.parentId) : null;
  }
  return path;
}

/** Display name of a category in a locale: admin categories may carry a `names` map. */
export function categoryName(c, locale = 'en') {
  if (!c) return '';
  if (c.names) return c.names[locale] || c.names.en || Object.values(c.names)[0] || c.slug;
  return c.name || c.slug;
}
