// The search feature of the admin: the index's rebuild, synonyms and query analytics (roles catalog or admin).
import { messages } from './messages.js';
import { SearchAdminPage } from './search-page.js';

const SEARCH_STAFF = ['catalog', 'admin'];

export default {
  name: 'search',
  routes: [{ path: '/search', name: 'searchAdmin', component: SearchAdminPage, section: 'search', role: SEARCH_STAFF }],
  messages,
  nav: { href: '#/search', label: 'navSearch', testId: 'nav-search', section: 'search', role: SEARCH_STAFF },
};
