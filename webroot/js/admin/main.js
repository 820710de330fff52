// Admin entry point: the features, in navigation order. New admin pages join this
// list as feature folders of their own.
import { startAdmin } from './app.js';
import auth from './auth/index.js';
import products from './products/index.js';
import categories from './categories/index.js';
import attributes from './attributes/index.js';
import staff from './staff/index.js';
import orders from './orders/index.js';
import dashboard from './dashboard/index.js';
import mails from './mails/index.js';
import settings from './settings/index.js';
import search from './search/index.js';
import recommendations from './recommendations/index.js';

startAdmin([auth, dashboard, orders, mails, products, categories, attributes, search, staff, settings, recommendations], '#app');
