// The checkout feature: the checkout page (/checkout, from the cart's Checkout button), paying a
// placed order (/checkout/payment/<id>), the order's confirmation (/order/<id>), and the customer's
// orders (/account/orders, /account/orders/<id>; the latest on the account page). The cart it orders
// comes through context.js (cartHeaders, cartVersion, reloadCart), as the cart feature provides it.
import { messages } from './messages.js';
import { CheckoutPage } from './checkout-page.js';
import { PaymentPage } from './payment-page.js';
import { OrderPage } from './order-page.js';
import { OrdersPage, RecentOrders } from './orders-page.js';

export default {
  name: 'checkout',
  routes: [
    { path: '/checkout', name: 'checkout', component: CheckoutPage },
    { path: '/checkout/payment/:orderId', name: 'payment', component: PaymentPage, props: (r) => ({ orderId: r.params.orderId, key: r.params.orderId }) },
    { path: '/order/:orderId', name: 'order', component: OrderPage, props: (r) => ({ orderId: r.params.orderId, mode: 'confirmation', key: r.params.orderId }) },
    { path: '/account/orders', name: 'orders', component: OrdersPage },
    { path: '/account/orders/:orderId', name: 'accountOrder', component: OrderPage, props: (r) => ({ orderId: r.params.orderId, mode: 'account', key: r.params.orderId }) },
  ],
  messages,
  account: { sections: RecentOrders },
};
