// The settings feature of the admin, for admins only: the checkout's tax and shipping settings.
import { messages } from './messages.js';
import { SettingsPage } from './settings-page.js';

const ADMIN = 'admin';

export default {
  name: 'settings',
  routes: [
    { path: '/settings/checkout', name: 'checkoutSettings', component: SettingsPage, section: 'checkoutSettings', role: ADMIN },
  ],
  messages,
  nav: { href: '#/settings/checkout', label: 'navSettings', testId: 'nav-checkout-settings', section: 'checkoutSettings', role: ADMIN },
};
