// Storefront entry point: the features, in header order. Checkout and search join this list.
import { startShop } from './app.js';
import catalog from './catalog/index.js';
import account from './account/index.js';
import cart from './cart/index.js';

startShop([catalog, account, cart], '#app');
