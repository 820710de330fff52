// Staff login (POST /api/v1/admin/auth/login in cookie mode).
import { ref, reactive } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { errors, t } from '../context.js';
import { signIn, staff } from './session.js';

export const AdminLogin = {
  name: 'AdminLogin',
  setup() {
    const form = reactive({ email: '', password: '' });
    const busy = ref(false);
    const problem = ref(null);

    async function submit() {
      busy.value = true;
      problem.value = null;
      errors.clear();
      try {
        // the shell then opens the start page and loads who signed in (a second load here raced a
        // click on the navigation that the first load had shown)
        await signIn({ email: form.email.trim(), password: form.password });
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    return () => html`
      <section class="login-screen">
        <div class="card form-card">
          <p class="brand brand-lg"><span class="brand-mark" aria-hidden="true">K</span>Kinetic <span class="muted">${t('admin')}</span></p>
          <h1 class="page-title">${t('staffSignIn')}</h1>
          ${staff.expired ? html`<p class="banner banner-info" role="status">${t('sessionExpired')}</p>` : null}
          <${FormErrors} error=${problem.value} />
          <form onSubmit=${prevent(submit)} class="stack" data-testid="login-form">
            <label class="field">
              <span>${t('email')}</span>
              <input ...${model(form, 'email')} type="email" autocomplete="username" required data-testid="login-email" />
              <${FieldError} error=${problem.value} field="email" />
            </label>
            <label class="field">
              <span>${t('password')}</span>
              <input ...${model(form, 'password')} type="password" autocomplete="current-password" required data-testid="login-password" />
              <${FieldError} error=${problem.value} field="password" />
            </label>
            <button type="submit" class="btn btn-primary btn-block" disabled=${busy.value} data-testid="login-submit">
              ${busy.value ? t('signingIn') : t('signIn')}
            </button>
          </form>
        </div>
      </section>`;
  },
};
