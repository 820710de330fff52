// Storefront entry point: the features, in header order.
import { startShop } from './app.js';
import catalog from './catalog/index.js';
import account from './account/index.js';
import cart from './cart/index.js';
import checkout from './checkout/index.js';
import search from './search/index.js';
import recommendations from './recommendations/index.js';

startShop([catalog, search, account, cart, checkout, recommendations], '#app');
