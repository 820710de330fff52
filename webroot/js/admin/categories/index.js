// The categories feature of the admin: the category tree, create, rename, delete.
import { messages } from './messages.js';
import { CategoriesPage } from './categories-page.js';

export default {
  name: 'categories',
  routes: [{ path: '/categories', name: 'categories', component: CategoriesPage }],
  messages,
  nav: { href: '#/categories', label: 'navCategories', testId: 'nav-categories', section: 'categories' },
};
