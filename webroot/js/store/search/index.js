// The search feature: the header's search box with autocomplete, the results page with facets, and
// the facet panel the category pages show (list.facets).
import { messages } from './messages.js';
import { SearchBox } from './search-box.js';
import { SearchPage } from './search-page.js';
import { FacetPanel } from './facet-panel.js';

export default {
  name: 'search',
  routes: [{ path: '/search', name: 'search', component: SearchPage, ownsTitle: true }],
  messages,
  header: { tools: SearchBox },
  list: { facets: FacetPanel },
};
