// The search feature: the header's search box with autocomplete, and the results page with facets.
import { messages } from './messages.js';
import { SearchBox } from './search-box.js';
import { SearchPage } from './search-page.js';

export default {
  name: 'search',
  routes: [{ path: '/search', name: 'search', component: SearchPage, ownsTitle: true }],
  messages,
  header: { tools: SearchBox },
};
