// Signing the customer in and out. The session's state lives in context.js (other features follow
// it: the cart merges the guest cart on sign-in); the access token in the API client's memory, the
// refresh token in an HttpOnly cookie.
import { api, session } from '../context.js';

export { session };

export async function signIn(credentials) {
  await api.login(credentials);
  session.loggedIn = true;
}

export async function signOut() {
  await api.logout();
  session.loggedIn = false;
  session.customer = null;
}
