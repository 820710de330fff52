// Customer login.
import { ref, reactive } from 'vue';
import { FieldError, FormErrors } from '../shared/errors.js';
import { api, errors, navigate, signIn } from './state.js';
import { t } from './i18n.js';

export const LoginPage = {
  name: 'LoginPage',
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
        const tokens = await api.post('/auth/login', { email: form.email.trim(), password: form.password }, { auth: false });
        signIn(tokens);
        navigate('/account');
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }
    return { form, busy, problem, submit, t };
  },
  template: `
    <section class="container page narrow">
      <div class="card form-card">
        <h1 class="page-title">{{ t('login') }}</h1>
        <FormErrors :error="problem" />
        <form @submit.prevent="submit" class="stack" data-testid="login-form">
          <label class="field">
            <span>{{ t('email') }}</span>
            <input v-model="form.email" type="email" name="email" autocomplete="email" required data-testid="login-email"
                   aria-describedby="login-email-error">
            <FieldError :error="problem" field="email" id="login-email-error" />
          </label>
          <label class="field">
            <span>{{ t('password') }}</span>
            <input v-model="form.password" type="password" name="password" autocomplete="current-password" required
                   data-testid="login-password" aria-describedby="login-password-error">
            <FieldError :error="problem" field="password" id="login-password-error" />
          </label>
          <button type="submit" class="btn btn-primary btn-block" :disabled="busy" data-testid="login-submit">{{ t('login') }}</button>
        </form>
        <p class="muted form-foot">{{ t('noAccount') }} <a href="#/register">{{ t('register') }}</a></p>
      </div>
    </section>`,
};
