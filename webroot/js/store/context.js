// What every storefront feature may use: settings (currency, locale) persisted in localStorage,
// translations, the router, the error banner, the API client, the customer's session, live updates,
// what a shopper is told about stock, and the parts features put on other features' pages. Features
// bring the rest.
import { reactive, watch } from 'vue';
import { createApi } from '../shared/api.js';
import { createLive } from '../shared/live.js';
import { createErrorState } from '../shared/errors.js';
import { createRouter } from '../shared/router.js';
import { createI18n } from '../shared/i18n.js';
import { fieldReason } from './error-messages.js';
import { SHOP_CURRENCIES } from '../shared/currencies.js';
export { CURRENCIES_FROM_SHOP, MAX_LINE_QUANTITY } from '../shared/currencies.js';
export { imageAttrs } from '../shared/images.js';

/** The currencies the shop sells in, its default first. */
export const CURRENCIES = SHOP_CURRENCIES;
export const LOCALES = [{ code: 'en', label: 'English' }, { code: 'de', label: 'Deutsch' }];

function stored(key, allowed, fallback) {
  const v = localStorage.getItem(key);
  return allowed.includes(v) ? v : fallback;
}

// ?locale=de in an address (the pages' hreflang links) picks the language, and is remembered
const urlLocale = new URLSearchParams(window.location.search).get('locale');

export const settings = reactive({
  currency: stored('kinetic.currency', CURRENCIES, CURRENCIES[0]),
  locale: LOCALES.some((l) => l.code === urlLocale) ? urlLocale : stored('kinetic.locale', LOCALES.map((l) => l.code),
    (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en'),
});

watch(() => settings.currency, (v) => localStorage.setItem('kinetic.currency', v));
watch(() => settings.locale, (v) => {
  localStorage.setItem('kinetic.locale', v);
  document.documentElement.lang = v;
}, { immediate: true });

export const i18n = createI18n(() => settings.locale);
export const { t } = i18n;

/** A refused field's reason (the server's English) in the page's language, where known. */
export const fieldText = (message) => fieldReason(message, t);

/** Paths the storefront's router does not own: the API, the admin, files. */
const NOT_PAGES = /^\/(api|admin|graphql|webhooks|webjars|assets|js|media)(\/|$)|\.[a-z0-9]+$/i;

/** Addresses of earlier versions: #/product/<slug> and #/category/<id> (now /p/<slug>, /c/<slug>). */
function legacyPath(path) {
  return path.replace(/^\/product\//, '/p/').replace(/^\/category\//, '/c/');
}

export const { route, navigate, start: startRouter } = createRouter({
  mode: 'history', legacy: legacyPath, owns: (path) => !NOT_PAGES.test(path),
});

/** The current address's query parameters (reactive through route.query). */
export const routeQuery = () => new URLSearchParams(route.query);

export const errors = createErrorState();

const authLost = [];
/** Registers what to do when the customer's session ends on the server side. */
export const onAuthLost = (fn) => authLost.push(fn);

export const api = createApi({
  base: '/api/v1',
  authPath: '/auth',
  marker: { storage: localStorage, key: 'kinetic.customer.session' },
  onAuthLost: () => authLost.forEach((fn) => fn()),
});

// Earlier versions kept the token pair here; the refresh token now lives in an HttpOnly cookie.
localStorage.removeItem('kinetic.customer.tokens');

/**
 * Whether a customer is signed in (the account feature signs in and out), and who once read. The
 * access token stays in the API client's memory; loggedIn survives a reload through its marker.
 */
export const session = reactive({ loggedIn: api.hasSession(), customer: null });

onAuthLost(() => {
  session.loggedIn = false;
  session.customer = null;
});

const liveParams = [];
/** Adds to what the live socket sends when it connects (the cart feature: its guest token). */
export const addLiveParams = (fn) => liveParams.push(fn);

/** Live updates (shared/live.js): pages watch a subscription, and poll while it is not running. */
export const live = createLive({
  url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
  params: async () => {
    const parts = await Promise.all(liveParams.map((fn) => fn()));
    const authorization = session.loggedIn ? await api.authorization() : null;
    return Object.assign({}, ...parts, authorization ? { authorization } : {});
  },
});
watch(() => session.loggedIn, () => live.reconnect());

/** At most this many units are "only n left". */
/** At most this many units left is "Only n left" (catalog.lowStockThreshold, written into the page by the server; else 5). */
export const LOW_STOCK = (() => {
  const meta = document.querySelector('meta[name="kinetic:low-stock"]');
  const n = meta ? parseInt(meta.content, 10) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : 5;
})();

/** Units of a variant a shopper can buy: `available` (on hand less reservations) where sent, else the stock on hand. */
export const unitsAvailable = (v) => (v ? v.available ?? v.stockOnHand ?? 0 : 0);

/** What a shopper is told about n available units: {level: 'ok' | 'low' | 'out', label}, never a large exact count. */
export function availability(n) {
  if (!(n > 0)) return { level: 'out', label: t('outOfStock') };
  if (n <= LOW_STOCK) return { level: 'low', label: t('onlyLeft', { n }) };
  return { level: 'ok', label: t('inStock') };
}

/** The same for a list's product card, whose `availability` is a level (in_stock, low, sold_out), not a count. */
export function cardAvailability(card) {
  if (card.availability === 'low') return { level: 'low', label: t('fewLeft') };
  if (card.availability === 'in_stock' || (!card.availability && card.available)) return { level: 'ok', label: t('inStock') };
  return { level: 'out', label: t('outOfStock') };
}

let parts = { productActions: [], accountSections: [], productBelow: [], cartBelow: [], listBelow: [], listFacets: [] };
/** Components other features put on the product page, each given {product, variant} (the cart's buy box). */
export const productActions = () => parts.productActions;
/** Components other features put on the account page, below the customer's details (the checkout's orders). */
export const accountSections = () => parts.accountSections;
/**
 * Components below the product page ({product}), the cart ({cart}) and the home and category lists
 * ({categoryId}, null on the home page): the recommendations' rows.
 */
export const productBelow = () => parts.productBelow;
export const cartBelow = () => parts.cartBelow;
export const listBelow = () => parts.listBelow;
/**
 * The facet panel a category page shows beside its products (the search's: {facets, search: {filters},
 * onToggle(code, value), onPrice, onClear, showPrice}); empty without the search feature.
 */
export const listFacets = () => parts.listFacets;
/** The shell hands over the features' parts once at start. */
export function provideParts(next) {
  parts = next;
}

let shopCart = { headers: () => ({}), version: () => null, reload: () => Promise.resolve() };
/**
 * The shopper's cart as other features need it (the checkout prices and orders it): headers()
 * naming it in a request (a guest's X-Cart-Token), version() (reactive: changes with the cart, its
 * currency, a sign-in merge) and reload() (read it again, e.g. after an order emptied it). The cart
 * feature provides it at start.
 */
export const cartHeaders = () => shopCart.headers();
export const cartVersion = () => shopCart.version();
export const reloadCart = () => shopCart.reload();
export function provideCart(next) {
  shopCart = next;
}
