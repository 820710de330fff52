// Storefront entry point: the features, in header order. Cart, checkout and search join this list.
import { startShop } from './app.js';
import catalog from './catalog/index.js';
import account from './account/index.js';

startShop([catalog, account], '#app');
