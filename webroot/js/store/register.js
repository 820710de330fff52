// Customer registration (then signs in with the same credentials).
import { ref, reactive } from 'vue';
import { FieldError, FormErrors } from '../shared/errors.js';
import { api, errors, navigate, signIn } from './state.js';
import { t } from './i18n.js';

export const RegisterPage = {
  name: 'RegisterPage',
  components: { FieldError, FormErrors },
  setup() {
    const form = reactive({ name: '', email: '', password: '' });
    const busy = ref(false);
    const problem = ref(null);

    async function submit() {
      busy.value = true;
      problem.value = null;
      errors.clear();
      const body = { name: form.name.trim(), email: form.email.trim(), password: form.password };
      try {
        await api.post('/auth/register', body, { auth: false });
        const tokens = await api.post('/auth/login', { email: body.email, password: body.password }, { auth: false });
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
        <h1 class="page-title">{{ t('createAccount') }}</h1>
        <FormErrors :error="problem" />
        <form @submit.prevent="submit" class="stack" data-testid="register-form">
          <label class="field">
            <span>{{ t('fullName') }}</span>
            <input v-model="form.name" type="text" autocomplete="name" required data-testid="register-name">
            <FieldError :error="problem" field="name" />
          </label>
          <label class="field">
            <span>{{ t('email') }}</span>
            <input v-model="form.email" type="email" autocomplete="email" required data-testid="register-email">
            <FieldError :error="problem" field="email" />
          </label>
          <label class="field">
            <span>{{ t('password') }}</span>
            <input v-model="form.password" type="password" autocomplete="new-password" required data-testid="register-password">
            <FieldError :error="problem" field="password" />
          </label>
          <button type="submit" class="btn btn-primary btn-block" :disabled="busy" data-testid="register-submit">{{ t('createAccount') }}</button>
        </form>
        <p class="muted form-foot">{{ t('haveAccount') }} <a href="#/login">{{ t('login') }}</a></p>
      </div>
    </section>`,
};
