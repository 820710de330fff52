// The dashboard feature of the admin, for admins only: the shop's sales figures from the analytics
// rollups (GET /admin/analytics/dashboard) with charts.
import { messages } from './messages.js';
import { DashboardPage } from './dashboard-page.js';

const ADMIN = 'admin';

export default {
  name: 'dashboard',
  routes: [
    { path: '/dashboard', name: 'dashboard', component: DashboardPage, section: 'dashboard', role: ADMIN },
  ],
  messages,
  nav: { href: '#/dashboard', label: 'dashNavDashboard', testId: 'nav-dashboard', section: 'dashboard', role: ADMIN },
};
