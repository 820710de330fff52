// Storefront state: settings (currency, locale) persisted in localStorage, session, categories, errors.
import { reactive, watch } from 'vue';
import { createApi, tokenStore } from '../shared/api.js';
import { createErrorState } from '../shared/errors.js';
import { createRouter } from '../shared/router.js';

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

const tokens = tokenStore(localStorage, 'kinetic.customer.tokens');

export const session = reactive({
  loggedIn: Boolean(tokens.get()),
  customer: null,
});

export const api = createApi({
  base: '/api/v1',
  tokens,
  refreshPath: '/auth/refresh',
  onAuthLost: () => {
    session.loggedIn = false;
    session.customer = null;
  },
});

export function signIn(newTokens) {
  tokens.set(newTokens);
  session.loggedIn = true;
}

export function signOut() {
  tokens.clear();
  session.loggedIn = false;
  session.customer = null;
}

export const errors = createErrorState();

export const catalog = reactive({ categories: [], loaded: false });

export async function loadCategories() {
  try {
    const res = await api.get('/categories', { query: { locale: settings.locale }, auth: false });
    catalog.categories = res.items || [];
    catalog.loaded = true;
  } catch (e) {
    errors.show(e);
  }
}

export const { route, navigate } = createRouter([
  { path: '/', name: 'home' },
  { path: '/category/:id', name: 'category' },
  { path: '/product/:slug', name: 'product' },
  { path: '/login', name: 'login' },
  { path: '/register', name: 'register' },
  { path: '/account', name: 'account' },
]);
