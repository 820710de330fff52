// The products feature of the admin: the products table and the product editor.
import { messages } from './messages.js';
import { ProductsPage } from './products-page.js';
import { ProductEditor } from './product-editor.js';

export default {
  name: 'products',
  routes: [
    { path: '/products', name: 'products', component: ProductsPage, section: 'products' },
    // keyed by product: opening another product (or a new one) starts a fresh editor
    { path: '/products/new', name: 'productNew', component: ProductEditor, props: () => ({ key: 'new' }), section: 'products' },
    { path: '/products/:id', name: 'productEdit', component: ProductEditor, props: (r) => ({ id: r.params.id, key: r.params.id }), section: 'products' },
  ],
  messages,
  nav: { href: '#/products', label: 'navProducts', testId: 'nav-products', section: 'products' },
};
