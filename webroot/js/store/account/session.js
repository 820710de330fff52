// The customer's session. The access token lives in the API client's memory, the refresh token in
// an HttpOnly cookie; loggedIn survives a reload through a marker in localStorage (never a token).
import { reactive } from 'vue';
import { api, onAuthLost } from '../context.js';

export const session = reactive({
  loggedIn: api.hasSession(),
  customer: null,
});

onAuthLost(() => {
  session.loggedIn = false;
  session.customer = null;
});

export async function signIn(credentials) {
  await api.login(credentials);
  session.loggedIn = true;
}

export async function signOut() {
  await api.logout();
  session.loggedIn = false;
  session.customer = null;
}
