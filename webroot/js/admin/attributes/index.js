// The attributes feature of the admin: attribute definitions, create, delete.
import { messages } from './messages.js';
import { AttributesPage } from './attributes-page.js';

export default {
  name: 'attributes',
  routes: [{ path: '/attributes', name: 'attributes', component: AttributesPage }],
  messages,
  nav: { href: '#/attributes', label: 'navAttributes', testId: 'nav-attributes', section: 'attributes' },
};
