// The cart feature: the cart page, the wishlist page, the mini-cart in the header, the buy box on the
// product page; the guest cart kept across reloads and merged at sign-in.
import { messages } from './messages.js';
import { cart, startCart } from './state.js';
import { CartPage } from './cart-page.js';
import { WishlistPage } from './wishlist-page.js';
import { MiniCart } from './mini-cart.js';
import { BuyBox } from './buy-box.js';

export default {
  name: 'cart',
  routes: [
    { path: '/cart', name: 'cart', component: CartPage },
    { path: '/wishlist', name: 'wishlist', component: WishlistPage },
  ],
  messages,
  state: cart,
  header: { tools: MiniCart },
  product: { actions: BuyBox },
  start: startCart,
};
