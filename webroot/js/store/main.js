// Storefront entry point: the features, in header order. Search joins this list.
import { startShop } from './app.js';
import catalog from './catalog/index.js';
import account from './account/index.js';
import cart from './cart/index.js';
import checkout from './checkout/index.js';
import recommendations from './recommendations/index.js';

startShop([catalog, account, cart, checkout, recommendations], '#app');
