// The staff session: signed in, who (GET /admin/me), and whether it ended on the server side.
import { reactive } from 'vue';
import { api, errors, onAuthLost, route, navigate } from '../context.js';

export const staff = reactive({ loggedIn: api.hasSession(), me: null, expired: false });

onAuthLost(() => {
  staff.loggedIn = false;
  staff.me = null;
  staff.expired = true;
  if (route.name !== 'login') navigate('/login');
});

export async function signIn(credentials) {
  await api.login(credentials);
  staff.loggedIn = true;
  staff.expired = false;
}

export async function signOut() {
  await api.logout();
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
