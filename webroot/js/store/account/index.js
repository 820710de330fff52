// The account feature: sign-in and registration (one form), the account page, the header links.
import { messages } from './messages.js';
import { session } from './session.js';
import { AuthForm } from './auth-form.js';
import { AccountPage } from './account-page.js';
import { AccountLinks } from './account-links.js';

export default {
  name: 'account',
  routes: [
    { path: '/login', name: 'login', component: AuthForm, props: () => ({ mode: 'login', key: 'login' }) },
    { path: '/register', name: 'register', component: AuthForm, props: () => ({ mode: 'register', key: 'register' }) },
    { path: '/account', name: 'account', component: AccountPage },
  ],
  messages,
  state: session,
  header: { tools: AccountLinks },
};
