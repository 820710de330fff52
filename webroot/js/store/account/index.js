// The account feature: sign-in and registration (one form), a forgotten password (request a link,
// set a new password with it), the account page, the header links.
import { messages } from './messages.js';
import { session } from './session.js';
import { AuthForm } from './auth-form.js';
import { AccountPage } from './account-page.js';
import { ForgotPassword, ResetPassword } from './password-reset.js';
import { AccountLinks } from './account-links.js';

export default {
  name: 'account',
  routes: [
    { path: '/login', name: 'login', component: AuthForm, props: () => ({ mode: 'login', key: 'login' }) },
    { path: '/register', name: 'register', component: AuthForm, props: () => ({ mode: 'register', key: 'register' }) },
    { path: '/account', name: 'account', component: AccountPage },
    { path: '/forgot-password', name: 'forgotPassword', component: ForgotPassword },
    { path: '/reset-password/:token', name: 'resetPassword', component: ResetPassword, props: (r) => ({ token: r.params.token, key: r.params.token }) },
  ],
  messages,
  state: session,
  header: { tools: AccountLinks },
};
