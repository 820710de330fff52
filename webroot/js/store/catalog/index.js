// The catalog feature: home and category product lists, the product page, category navigation.
import { watch } from 'vue';
import { settings } from '../context.js';
import { catalog, loadCategories } from './state.js';
import { messages } from './messages.js';
import { ProductList } from './product-list.js';
import { ProductPage } from './product-page.js';
import { CategoryNav } from './category-nav.js';

export default {
  name: 'catalog',
  routes: [
    // distinct keys: going from home to a category (or back) starts a fresh list, filters included
    { path: '/', name: 'home', component: ProductList, props: () => ({ key: 'home' }) },
    { path: '/c/:slug', name: 'category', component: ProductList, props: (r) => ({ categorySlug: r.params.slug, key: 'category' }) },
    { path: '/p/:slug', name: 'product', component: ProductPage, props: (r) => ({ slug: r.params.slug }), ownsTitle: true },
  ],
  messages,
  state: catalog,
  header: { nav: CategoryNav },
  start() {
    watch(() => settings.locale, loadCategories, { immediate: true });
  },
};
