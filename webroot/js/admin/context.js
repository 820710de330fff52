// What every admin feature may use: translations, the router, the error banner, the notice toast
// and the API client (staff session: access token in memory, refresh token in an HttpOnly cookie).
import { reactive } from 'vue';
import { createApi } from '../shared/api.js';
import { createErrorState } from '../shared/errors.js';
import { createRouter } from '../shared/router.js';
import { createI18n } from '../shared/i18n.js';
import { SHOP_CURRENCIES } from '../shared/currencies.js';
export { sized } from '../shared/images.js';

export const LOCALES = ['en', 'de'];
/** The currencies the shop sells in, its default first (prices, shipping rates, the dashboard). */
export const CURRENCIES = SHOP_CURRENCIES;

/** The admin speaks English; features still bring their strings as messages, as in the storefront. */
export const i18n = createI18n(() => 'en');
export const { t } = i18n;

export const { route, navigate, start: startRouter } = createRouter({ fallback: '/products' });

export const errors = createErrorState();

let who = { me: () => null, reload: () => Promise.resolve() };
/** The signed-in staff member ({id, email, name, roles}), or null while signed out or not yet known. */
export const currentStaff = () => who.me();
/** Whether the signed-in staff member holds role (false while not yet known). */
export const hasRole = (role) => ((currentStaff() && currentStaff().roles) || []).includes(role);
/** Reads the signed-in member again, e.g. after their own roles changed. */
export const reloadStaff = () => who.reload();
/** The shell hands over the auth feature's answer to "who is signed in" ({me(), reload()}) once at start. */
export function provideStaff(source) {
  who = source;
}

const authLost = [];
/** Registers what to do when the staff session ends on the server side. */
export const onAuthLost = (fn) => authLost.push(fn);

export const api = createApi({
  base: '/api/v1',
  authPath: '/admin/auth', // staff refresh tokens rotate here only
  // per tab, as the session was before; the cookie itself ends with the browser session
  marker: { storage: sessionStorage, key: 'kinetic.admin.session' },
  onAuthLost: () => authLost.forEach((fn) => fn()),
});

// Earlier versions kept the token pair here; the refresh token now lives in an HttpOnly cookie.
sessionStorage.removeItem('kinetic.admin.tokens');

/** Short-lived success message ("Saved"). */
export const notice = reactive({ text: '' });
let noticeTimer = null;
export function notify(text) {
  notice.text = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.text = ''; }, 3500);
}

/** Problem-like error built on the client, same shape as the server's problem+json. */
export function validationError(list) {
  return { code: 'VALIDATION_FAILED', detail: 'Some fields are invalid.', errors: list };
}
