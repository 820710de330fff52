// The shopper's cart and the customer's wishlist, as the API answers them (openapi/cart.yaml).
// A guest's cart is named by its token, kept in localStorage and sent as X-Cart-Token; a customer's by
// the access token. Signing in merges the guest cart into the customer's and forgets the token.
// Once there is a cart, its currency is the truth: a cart read in another currency (changed on another
// device or tab) puts the header's picker to it, and only the shopper picking a currency in the header
// changes the cart's (PUT /cart/currency). So two devices or tabs never set the currency back and forth.
import { reactive, watch } from 'vue';
import {
  api, settings, session, t, errors, addLiveParams, live, provideCart, CURRENCIES, CURRENCIES_FROM_SHOP, MAX_LINE_QUANTITY,
} from '../context.js';

const TOKEN_KEY = 'kinetic.cart.token';
/** The shop's cart.maxLineQuantity (GET /cart/currencies; 99, the engine's default, when it could not be asked): the API refuses more anyway (LINE_LIMIT_EXCEEDED). */
export const MAX_QUANTITY = MAX_LINE_QUANTITY;

export const cart = reactive({
  data: null, // the Cart, or null while there is none
  loaded: false,
  token: localStorage.getItem(TOKEN_KEY),
  merged: null, // {adjustments} of the merge at the last sign-in, until dismissed
  adopted: null, // {from, to}: the header's currency was put to the cart's, until dismissed or the shopper picks one
});

export const wishlist = reactive({ items: null, loading: false });

addLiveParams(() => (!session.loggedIn && cart.token ? { cartToken: cart.token } : {}));

// another tab started a cart (or dropped one): this tab follows
window.addEventListener('storage', (e) => {
  if (e.key !== TOKEN_KEY || session.loggedIn) return;
  cart.token = e.newValue;
  cart.data = null;
  live.reconnect();
  loadCart().catch(() => {});
});

function keepToken(token) {
  cart.token = token;
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
  live.reconnect();
}

/** What names the shopper's cart in a request: the guest token when there is no customer. */
export const cartHeaders = () => (!session.loggedIn && cart.token ? { 'X-Cart-Token': cart.token } : {});

/** A cart request: the guest token when there is no customer, the page's locale. */
function send(method, path, body) {
  const headers = cartHeaders();
  return api.request(method, `/cart${path}`, { body, headers, query: { locale: settings.locale }, idempotent: method !== 'GET' });
}

/** Takes an answer: remembers a new guest token, ignores an answer older than what is shown. */
function keep(c) {
  if (c.token && !session.loggedIn) keepToken(c.token);
  const shown = cart.data;
  if (!shown || shown.id !== c.id || c.version >= shown.version) cart.data = c;
  cart.loaded = true;
  adoptCurrency();
  return cart.data;
}

/** No cart (CART_NOT_FOUND): a guest's token that names none any more is dropped silently. */
function gone() {
  if (!session.loggedIn && cart.token) keepToken(null);
  cart.data = null;
  cart.loaded = true;
  return null;
}

const notFound = (e) => e.code === 'CART_NOT_FOUND';

/** Reads the cart (nothing to read for a guest without token). */
export async function loadCart() {
  if (!session.loggedIn && !cart.token) return gone();
  try {
    return keep(await send('GET', ''));
  } catch (e) {
    if (notFound(e)) return gone();
    throw e;
  }
}

/** A new cart's body: in the header's currency, unless the shop's currencies could not be asked (then the shop's default). */
const newCart = () => (CURRENCIES_FROM_SHOP ? { currency: settings.currency } : {});

/** Adds units of a variant; a guest without cart gets one in the header's currency first. */
export async function addLine(variantId, quantity) {
  const add = async () => keep(await send('POST', '/lines', { variantId, quantity }));
  if (!cart.data && !cart.token) keep(await send('POST', '', newCart()));
  try {
    return await add();
  } catch (e) {
    if (!notFound(e) || session.loggedIn) throw e;
    gone(); // the stored cart lapsed: start a new one
    keep(await send('POST', '', newCart()));
    return add();
  }
}

async function change(method, path, body) {
  try {
    return keep(await send(method, path, body));
  } catch (e) {
    if (notFound(e)) gone();
    throw e;
  }
}

export const setQuantity = (variantId, quantity) => change('PATCH', `/lines/${variantId}`, { quantity });
export const removeLine = (variantId) => change('DELETE', `/lines/${variantId}`);
export const acknowledge = () => change('POST', '/acknowledge');

let switching = null; // the currency the shopper picked, while the cart changes to it
let mended = null; // a cart currency the shop does not sell, which the cart was asked once to leave

/**
 * The header shows the cart's currency (not while the shopper's own pick is on the way). A cart in a
 * currency the shop no longer sells is moved to the header's, once (refused, it stays).
 */
function adoptCurrency() {
  const c = cart.data;
  if (!c || switching || c.currency === settings.currency) return;
  if (!CURRENCIES.includes(c.currency)) {
    if (mended !== c.currency && CURRENCIES_FROM_SHOP) {
      mended = c.currency;
      changeCurrency(settings.currency);
    }
    return;
  }
  cart.adopted = { from: settings.currency, to: c.currency };
  settings.currency = c.currency; // the watch below then finds nothing to change
}

/** The shopper picked a currency in the header: the cart changes to it; refused, the header goes back to the cart's. */
function changeCurrency(currency) {
  const c = cart.data;
  if (!c || c.currency === currency || switching === currency) return;
  cart.adopted = null;
  switching = currency;
  change('PUT', '/currency', { currency })
    .catch((e) => { if (!notFound(e)) errors.show(e); })
    .finally(() => {
      if (switching === currency) switching = null;
      adoptCurrency();
    });
}

/** After sign-in: the guest cart joins the customer's; the token is forgotten once that is done or moot. */
async function mergeGuestCart() {
  const cartToken = cart.token;
  try {
    const res = await api.post('/cart/merge', { cartToken }, { query: { locale: settings.locale }, idempotent: true });
    keepToken(null);
    cart.data = null;
    keep(res.cart);
    if ((res.adjustments || []).length) cart.merged = { adjustments: res.adjustments };
  } catch (e) {
    if (!notFound(e)) throw e; // kept: merged at the next start
    keepToken(null);
  }
}

/** Why a typed quantity was lowered to n: the stock ("Only n left") or the most a cart line may hold. */
export const cappedText = (n) => (n < MAX_QUANTITY ? t('cappedStock', { n }) : t('cappedLimit', { n }));

/** What the shopper reads for a refused cart change (the problem's `available` where it has one). */
export function cartErrorText(e, line = null) {
  const n = e.problem && typeof e.problem.available === 'number' ? e.problem.available : null;
  switch (e.code) {
    case 'OUT_OF_STOCK':
      if (n > 0) return t('onlyNLeft', { n });
      return line ? t('inCartAlready') : t('soldOut');
    case 'LINE_LIMIT_EXCEEDED': return n > 0 ? t('lineLimit', { n }) : t('lineLimitReached');
    case 'PRODUCT_NOT_AVAILABLE': return t('productNotAvailable');
    case 'CART_FULL': return t('cartFull');
    case 'VARIANT_NOT_FOUND': case 'CART_LINE_NOT_FOUND': return t('variantGone');
    case 'VALIDATION_FAILED': return t('quantityInvalid', { n: MAX_QUANTITY });
    case 'NETWORK_ERROR': return t('offline');
    default: return t('cartFailed');
  }
}

// ---- wishlist (customers only) ----

const wishQuery = () => ({ query: { currency: settings.currency, locale: settings.locale } });

export async function loadWishlist() {
  if (!session.loggedIn) { wishlist.items = null; return; }
  wishlist.loading = true;
  try {
    wishlist.items = (await api.get('/wishlist', wishQuery())).items || [];
  } finally {
    wishlist.loading = false;
  }
}

export async function saveToWishlist(productId, variantId) {
  const body = variantId ? { productId, variantId } : { productId };
  wishlist.items = (await api.post('/wishlist/items', body, { ...wishQuery(), idempotent: true })).items || [];
}

export async function removeFromWishlist(itemId) {
  wishlist.items = (await api.del(`/wishlist/items/${itemId}`, { ...wishQuery(), idempotent: true })).items || [];
}

/** Moves an item into the cart (its variant, one unit); the wishlist is read again. */
export async function moveToCart(item) {
  const body = item.variantId ? { variantId: item.variantId } : {};
  keep(await api.post(`/wishlist/items/${item.id}/move-to-cart`, body, { query: { locale: settings.locale }, idempotent: true }));
  wishlist.items = (wishlist.items || []).filter((i) => i.id !== item.id);
  loadWishlist().catch(() => { /* the local removal stands */ });
}

/** The item saving this product (and variant, when it names one), or null. */
export function savedItem(productId, variantId) {
  return (wishlist.items || []).find((i) => i.productId === productId && (!i.variantId || i.variantId === variantId)) || null;
}

/** At start and on every sign-in and sign-out: merge, then read what the shopper has now. */
export function startCart() {
  // the checkout names the cart by the same token, and reads it again once an order emptied it
  provideCart({ headers: cartHeaders, version: () => (cart.data ? `${cart.data.id}:${cart.data.version}` : null), reload: loadCart });
  watch(() => session.loggedIn, async (loggedIn) => {
    cart.data = null;
    wishlist.items = null;
    try {
      // a merge refused for now (an order being placed from the guest cart in another tab) is tried
      // again at the next start: the cart is read all the same
      if (loggedIn && cart.token) await mergeGuestCart().catch(() => {});
      await loadCart();
    } catch { /* the mini-cart shows nothing; the cart page reports its own errors */ }
  }, { immediate: true });
  watch(() => settings.currency, changeCurrency);
  watch(() => settings.locale, () => { if (cart.data) loadCart().catch(() => {}); });
  watch([() => settings.currency, () => settings.locale], () => {
    if (wishlist.items) loadWishlist().catch(() => {});
  });
}
