// The search page's state lives in the location: /search?q=…&sort=…&page=…&f.<facet>=<value>…
// so a search can be shared, reloaded and gone back to.
import { navigate } from '../context.js';

const FILTER = 'f.';

/** The search described by the current location's query string. */
export function readSearch() {
  const query = window.location.search.replace(/^\?/, '');
  const params = new URLSearchParams(query);
  const filters = {};
  for (const [key, value] of params) {
    if (key.startsWith(FILTER) && value) (filters[key.slice(FILTER.length)] ||= []).push(value);
  }
  return {
    q: params.get('q') || '',
    sort: params.get('sort') || 'relevance',
    page: Math.max(1, parseInt(params.get('page') || '1', 10) || 1),
    minPrice: params.get('min') || '',
    maxPrice: params.get('max') || '',
    filters,
  };
}

/** The location of a search; defaults are left out. */
export function searchPath(search) {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.sort && search.sort !== 'relevance') params.set('sort', search.sort);
  if (search.page && search.page > 1) params.set('page', String(search.page));
  if (search.minPrice) params.set('min', search.minPrice);
  if (search.maxPrice) params.set('max', search.maxPrice);
  Object.entries(search.filters || {}).forEach(([code, values]) => values.forEach((v) => params.append(FILTER + code, v)));
  const qs = params.toString();
  return qs ? `/search?${qs}` : '/search';
}

export function goToSearch(search) {
  navigate(searchPath(search));
}
