// What every storefront feature may use: settings (currency, locale) persisted in localStorage,
// translations, the router, the error banner and the API client. Features bring the rest.
import { reactive, watch } from 'vue';
import { createApi } from '../shared/api.js';
import { createErrorState } from '../shared/errors.js';
import { createRouter } from '../shared/router.js';
import { createI18n } from '../shared/i18n.js';

export const CURRENCIES = ['EUR', 'USD'];
export const LOCALES = [{ code: 'en', label: 'English' }, { code: 'de', label: 'Deutsch' }];

function stored(key, allowed, fallback) {
  const v = localStorage.getItem(key);
  return allowed.includes(v) ? v : fallback;
}

export const settings = reactive({
  currency: stored('kinetic.currency', CURRENCIES, 'EUR'),
  locale: stored('kinetic.locale', LOCALES.map((l) => l.code),
    (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en'),
});

watch(() => settings.currency, (v) => localStorage.setItem('kinetic.currency', v));
watch(() => settings.locale, (v) => {
  localStorage.setItem('kinetic.locale', v);
  document.documentElement.lang = v;
}, { immediate: true });

export const i18n = createI18n(() => settings.locale);
export const { t } = i18n;

export const { route, navigate, start: startRouter } = createRouter();

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
