// The orders feature of the admin: the orders list with its filters and an order's page with its
// timeline (roles admin and fulfilment).
import { messages } from './messages.js';
import { OrdersPage } from './orders-page.js';
import { OrderDetail } from './order-detail.js';

const ORDER_STAFF = ['admin', 'fulfilment'];

export default {
  name: 'orders',
  routes: [
    { path: '/orders', name: 'orders', component: OrdersPage, section: 'orders', role: ORDER_STAFF },
    { path: '/orders/:id', name: 'order', component: OrderDetail, props: (r) => ({ id: r.params.id, key: r.params.id }), section: 'orders', role: ORDER_STAFF },
  ],
  messages,
  nav: [
    { href: '#/orders', label: 'navOrders', testId: 'nav-orders', section: 'orders', role: ORDER_STAFF },
  ],
};
