// Admin state: staff token in sessionStorage, current staff member, errors, notices, router.
import { reactive } from 'vue';
import { createApi, tokenStore } from '../shared/api.js';
import { createErrorState } from '../shared/errors.js';
import { createRouter } from '../shared/router.js';

export const LOCALES = ['en', 'de'];
export const CURRENCIES = ['EUR', 'USD'];

const tokens = tokenStore(sessionStorage, 'kinetic.admin.tokens');

export const staff = reactive({ loggedIn: Boolean(tokens.get()), me: null, expired: false });

export const errors = createErrorState();

export const { route, navigate } = createRouter([
  { path: '/login', name: 'login' },
  { path: '/products', name: 'products' },
  { path: '/products/new', name: 'productNew' },
  { path: '/products/:id', name: 'productEdit' },
  { path: '/categories', name: 'categories' },
  { path: '/attributes', name: 'attributes' },
  { path: '/staff', name: 'staff' },
  { path: '/audit-log', name: 'auditLog' },
], '/products');

export const api = createApi({
  base: '/api/v1',
  tokens,
  refreshPath: '/admin/auth/refresh', // staff refresh tokens rotate here only
  onAuthLost: () => {
    staff.loggedIn = false;
    staff.me = null;
    staff.expired = true;
    if (route.name !== 'login') navigate('/login');
  },
});

export function signIn(newTokens) {
  tokens.set(newTokens);
  staff.loggedIn = true;
  staff.expired = false;
}

export function signOut() {
  tokens.clear();
  staff.loggedIn = false;
  staff.me = null;
}

export async function loadMe() {
  try {
    staff.me = await api.get('/admin/me');
  } catch (e) {
    if (e.status !== 401) errors.show(e);
  }
}

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
