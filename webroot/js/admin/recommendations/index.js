// The recommender feature of the admin, for admins only: offline evaluation, click-through and latency.
import { messages } from './messages.js';
import { RecommenderPage } from './recommender-page.js';

const ADMIN = 'admin';

export default {
  name: 'recommendations',
  routes: [
    { path: '/recommender', name: 'recommender', component: RecommenderPage, section: 'recommender', role: ADMIN },
  ],
  messages,
  nav: { href: '#/recommender', label: 'navRecommender', testId: 'nav-recommender', section: 'recommender', role: ADMIN },
};
