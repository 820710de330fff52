// The account links in the site header: Account when signed in, else Log in and Register.
import { html } from '../../shared/html.js';
import { t } from '../context.js';
import { session } from './session.js';

export const AccountLinks = {
  name: 'AccountLinks',
  setup() {
    return () => (session.loggedIn
      ? html`<a href="/account" class="btn btn-ghost btn-small" data-testid="account-link">${t('account')}</a>`
      : [
        html`<a href="/login" class="btn btn-ghost btn-small" data-testid="login-link">${t('login')}</a>`,
        html`<a href="/register" class="btn btn-primary btn-small" data-testid="register-link">${t('register')}</a>`,
      ]);
  },
};
