// Staff login (POST /api/v1/admin/auth/login), token kept in sessionStorage.
import { ref, reactive } from 'vue';
import { FieldError, FormErrors } from '../shared/errors.js';
import { api, errors, navigate, signIn, loadMe, staff } from './state.js';

export const AdminLogin = {
  name: 'AdminLogin',
  components: { FieldError, FormErrors },
  setup() {
    const form = reactive({ email: '', password: '' });
    const busy = ref(false);
    const problem = ref(null);

    async function submit() {
      busy.value = true;
      problem.value = null;
      errors.clear();
      try {
        const tokens = await api.post('/admin/auth/login', { email: form.email.trim(), password: form.password }, { auth: false });
        signIn(tokens);
        await loadMe();
        navigate('/products');
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }
    return { form, busy, problem, submit, staff };
  },
  template: `
    <section class="login-screen">
      <div class="card form-card">
        <p class="brand brand-lg"><span class="brand-mark" aria-hidden="true">K</span>Kinetic <span class="muted">Admin</span></p>
        <h1 class="page-title">Staff sign in</h1>
        <p v-if="staff.expired" class="banner banner-info" role="status">Your session has expired. Please sign in again.</p>
        <FormErrors :error="problem" />
        <form @submit.prevent="submit" class="stack" data-testid="login-form">
          <label class="field">
            <span>Email</span>
            <input v-model="form.email" type="email" autocomplete="username" required data-testid="login-email">
            <FieldError :error="problem" field="email" />
          </label>
          <label class="field">
            <span>Password</span>
            <input v-model="form.password" type="password" autocomplete="current-password" required data-testid="login-password">
            <FieldError :error="problem" field="password" />
          </label>
          <button type="submit" class="btn btn-primary btn-block" :disabled="busy" data-testid="login-submit">
            {{ busy ? 'Signing in…' : 'Sign in' }}
          </button>
        </form>
      </div>
    </section>`,
};
