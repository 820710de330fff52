// What the checkout's pages share: the access tokens of the orders placed in this tab (a guest's only
// key to them, sent as X-Order-Token), requests about one order, the shop's payment configuration and
// the countries it ships to, how an order's status reads, the texts of refused fields, and dates,
// rates and delivery estimates in the page's language.
import { api, session, settings, t, fieldText } from '../context.js';

const TOKENS = 'kinetic.order.tokens';
const KEEP_TOKENS = 20;

function tokens() {
  try {
    const all = JSON.parse(sessionStorage.getItem(TOKENS));
    return all && typeof all === 'object' ? all : {};
  } catch {
    return {};
  }
}

/** Keeps an order's access token for this tab (sessionStorage; the newest few). */
export function keepOrderToken(id, token) {
  if (!id || !token) return;
  const all = tokens();
  delete all[id];
  all[id] = token;
  const ids = Object.keys(all);
  ids.slice(0, Math.max(0, ids.length - KEEP_TOKENS)).forEach((old) => delete all[old]);
  sessionStorage.setItem(TOKENS, JSON.stringify(all));
}

/** The order's access token: from the page's address (/order/<id>?token=…, a guest's link), else kept in this tab. */
export function orderToken(id) {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    if (tokens()[id] !== fromUrl) keepOrderToken(id, fromUrl);
    return fromUrl;
  }
  return tokens()[id] || null;
}

/**
 * Requests about one order. With its token the request goes without the customer's credentials: the
 * API reads X-Order-Token only from a caller who is not signed in (a guest order stays visible to a
 * shopper who signed in after placing it). Without one, the customer's access token names the order.
 */
export function orderRequests(id) {
  const token = orderToken(id);
  const as = token ? { auth: false, headers: { 'X-Order-Token': token } } : {};
  const path = `/orders/${encodeURIComponent(id)}`;
  return {
    get: () => api.get(path, as),
    payWithTestCard: (card) => api.post(`${path}/payment/test-card`, { card }, { ...as, idempotent: true }),
    confirm: () => api.post(`${path}/payment/confirm`, undefined, as),
    requestReturn: (body) => api.post(`${path}/returns`, body, { ...as, idempotent: true }),
  };
}

/** Where the order's confirmation is: a guest's address carries the token, so a reload or a bookmark still shows it. */
export function orderPath(id) {
  const token = tokens()[id];
  return !session.loggedIn && token ? `/order/${id}?token=${encodeURIComponent(token)}` : `/order/${id}`;
}

export const paymentPath = (id) => `/checkout/payment/${id}`;

const PENDING = 'kinetic.checkout.pending';
/** The order placed in this tab that may still await payment (the checkout offers to pay it), or null. */
export const pendingOrder = () => sessionStorage.getItem(PENDING);
export const keepPendingOrder = (id) => sessionStorage.setItem(PENDING, id);
/** The order no longer awaits payment (paid, cancelled, or not found). */
export function forgetPendingOrder(id) {
  if (!id || sessionStorage.getItem(PENDING) === id) sessionStorage.removeItem(PENDING);
}

let config = null;
/** GET /checkout/payment-config, once per page load: {provider: 'test' | 'stripe', publishableKey}. */
export function paymentConfig() {
  if (!config) config = api.get('/checkout/payment-config', { auth: false }).catch((e) => { config = null; throw e; });
  return config;
}

const shipTo = new Map();
/**
 * GET /checkout/shipping-countries, once per page load and currency: the codes of the countries the
 * shop ships to in the cart's currency (every country with an active method priced in it; without a
 * currency, priced in any), or null when they could not be asked (the page then offers every country,
 * and the quote says what it cannot ship).
 */
export function shippingCountries(currency) {
  const key = currency || '';
  if (!shipTo.has(key)) {
    const query = currency ? `?currency=${encodeURIComponent(currency)}` : '';
    shipTo.set(key, api.get(`/checkout/shipping-countries${query}`, { auth: false })
      .then((r) => (Array.isArray(r.countries) ? Object.freeze(r.countries.slice()) : null))
      .catch(() => { shipTo.delete(key); return null; }));
  }
  return shipTo.get(key);
}

const OPEN = ['creating', 'requires_payment_method'];

/** The order waits for the shopper to pay (it is cancelled when paymentDueAt passes). */
export const awaitsPayment = (o) => Boolean(o && o.state === 'placed' && (!o.payment || OPEN.includes(o.payment.status)));
/** The shopper paid; the provider has not said yet whether it went through. */
export const paymentProcessing = (o) => Boolean(o && o.state === 'placed' && o.payment && o.payment.status === 'processing');

const STATES = {
  paid: ['statusPaid', 'success'],
  partially_fulfilled: ['statusPartlyShipped', 'info'],
  fulfilled: ['statusShipped', 'success'],
  delivered: ['statusDelivered', 'success'],
  cancelled: ['statusCancelled', 'danger'],
  refunded: ['statusRefunded', 'muted'],
};

/** {label, tone} of an order (state and payment status), as a shopper reads it. */
export function orderStatus(state, paymentStatus) {
  if (state === 'placed') {
    return paymentStatus === 'processing' ? { label: t('statusProcessing'), tone: 'info' } : { label: t('statusAwaitingPayment'), tone: 'warn' };
  }
  const [key, tone] = STATES[state] || [null, 'muted'];
  return { label: key ? t(key) : state, tone };
}

/** A problem whose field errors read in the page's language (or the problem itself). */
export function localized(problem) {
  if (!problem || !Array.isArray(problem.errors) || !problem.errors.length) return problem;
  return { code: problem.code, detail: problem.detail, errors: problem.errors.map((e) => ({ ...e, message: fieldText(e.message) })) };
}

/** "19 %" / "19%" for 1900 basis points. */
export function formatRate(basisPoints) {
  return new Intl.NumberFormat(settings.locale, { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10000);
}

/** A date (and time) in the page's language. */
export function formatDate(iso, withTime = false) {
  if (!iso) return '';
  const options = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' };
  return new Intl.DateTimeFormat(settings.locale, options).format(new Date(iso));
}

export function formatTime(iso) {
  return iso ? new Intl.DateTimeFormat(settings.locale, { timeStyle: 'short' }).format(new Date(iso)) : '';
}

/** The day n working days (Monday to Friday) after from. */
function afterWorkingDays(from, n) {
  const d = new Date(from);
  for (let left = n; left > 0;) {
    d.setDate(d.getDate() + 1);
    if (d.getDay() !== 0 && d.getDay() !== 6) left -= 1;
  }
  return d;
}

/** "2–3 working days" and the day it should arrive by ("Thu, 12 Jun"), for a method's minDays and maxDays. */
export function deliveryEstimate(minDays, maxDays, from = new Date()) {
  const days = minDays === maxDays ? String(maxDays) : `${minDays}–${maxDays}`;
  const by = new Intl.DateTimeFormat(settings.locale, { weekday: 'short', day: 'numeric', month: 'short' })
    .format(afterWorkingDays(from, maxDays));
  return { days: t(maxDays === 1 && minDays === 1 ? 'workingDay' : 'workingDays', { days }), by: t('arrivesBy', { date: by }) };
}
