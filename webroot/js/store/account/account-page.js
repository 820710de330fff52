// Account page: GET /me with the access token (the API client refreshes it through the cookie), what
// other features put here (the checkout's orders), the address book, logout.
import { h, ref, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { api, errors, navigate, settings, t, accountSections } from '../context.js';
import { session, signOut } from './session.js';
import { AddressBook } from './address-book.js';

export const AccountPage = {
  name: 'AccountPage',
  setup() {
    const loading = ref(true);

    async function load() {
      if (!session.loggedIn) { navigate('/login', { replace: true }); return; }
      loading.value = true;
      try {
        session.customer = await api.get('/me');
      } catch (e) {
        errors.show(e);
        if (e.status === 401) navigate('/login', { replace: true });
      } finally {
        loading.value = false;
      }
    }

    async function logout() {
      await signOut();
      navigate('/');
    }

    const since = (iso) => (iso ? new Date(iso).toLocaleDateString(settings.locale, { dateStyle: 'long' }) : '');

    onMounted(load);
    return () => {
      const c = session.customer;
      return html`
        <section class="container page narrow">
          <div class="card form-card" data-testid="account">
            <h1 class="page-title">${t('account')}</h1>
            ${loading.value && !c ? html`<p class="muted">${t('loading')}</p>` : null}
            ${c ? [
              html`<p class="lead" data-testid="account-welcome">${t('welcome', { name: c.name })}</p>`,
              html`
                <dl class="kv">
                  <dt>${t('fullName')}</dt><dd data-testid="account-name">${c.name}</dd>
                  <dt>${t('email')}</dt><dd data-testid="account-email">${c.email}</dd>
                  <dt>${t('memberSince')}</dt><dd>${since(c.createdAt)}</dd>
                </dl>`,
            ] : null}
            <button type="button" class="btn" onClick=${logout} data-testid="logout-button">${t('logout')}</button>
          </div>
          ${c ? accountSections().map((section) => h(section)) : null}
          ${c ? html`<${AddressBook} />` : null}
        </section>`;
    };
  },
};
