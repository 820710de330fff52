// Account page: GET /me with the bearer token (refresh on 401 happens in the api client), logout.
import { ref, onMounted } from 'vue';
import { api, session, errors, navigate, signOut, settings } from './state.js';
import { t } from './i18n.js';

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
      const tokens = api.tokens.get();
      try {
        if (tokens && tokens.refreshToken) {
          await api.post('/auth/logout', { refreshToken: tokens.refreshToken }, { auth: false });
        }
      } catch { /* the session ends locally either way */ }
      signOut();
      navigate('/');
    }

    const since = (iso) => (iso ? new Date(iso).toLocaleDateString(settings.locale, { dateStyle: 'long' }) : '');

    onMounted(load);
    return { session, loading, logout, since, t };
  },
  template: `
    <section class="container page narrow">
      <div class="card form-card" data-testid="account">
        <h1 class="page-title">{{ t('account') }}</h1>
        <p v-if="loading && !session.customer" class="muted">{{ t('loading') }}</p>
        <template v-if="session.customer">
          <p class="lead" data-testid="account-welcome">{{ t('welcome', { name: session.customer.name }) }}</p>
          <dl class="kv">
            <dt>{{ t('fullName') }}</dt><dd data-testid="account-name">{{ session.customer.name }}</dd>
            <dt>{{ t('email') }}</dt><dd data-testid="account-email">{{ session.customer.email }}</dd>
            <dt>{{ t('memberSince') }}</dt><dd>{{ since(session.customer.createdAt) }}</dd>
          </dl>
        </template>
        <button type="button" class="btn" @click="logout" data-testid="logout-button">{{ t('logout') }}</button>
      </div>
    </section>`,
};
