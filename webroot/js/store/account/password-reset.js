// "Forgot password?" (/forgot-password): asks for a reset link by e-mail, and always says the same
// afterwards (whether an account has the address is never told). "Set a new password"
// (/reset-password/<token>, the link from the mail): the new password, twice; then sign in with it.
import { ref, reactive } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { api, errors, settings, t } from '../context.js';

export const ForgotPassword = {
  name: 'ForgotPassword',
  setup() {
    const form = reactive({ email: '' });
    const busy = ref(false);
    const problem = ref(null);
    const sent = ref(null);

    async function submit() {
      busy.value = true;
      problem.value = null;
      errors.clear();
      try {
        const res = await api.post('/auth/password-reset', { email: form.email.trim() },
          { auth: false, query: { locale: settings.locale } });
        sent.value = { email: form.email.trim(), minutes: res.validMinutes };
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    return () => html`
      <section class="container page narrow">
        <div class="card form-card">
          <h1 class="page-title">${t('forgotTitle')}</h1>
          ${sent.value ? html`
            <div class="stack" data-testid="reset-requested" role="status">
              <p>${t('resetSent', { email: sent.value.email })}</p>
              <p class="muted">${t('resetSentHint', { minutes: sent.value.minutes })}</p>
            </div>` : html`
            <p class="muted lead-small">${t('forgotLead')}</p>
            <${FormErrors} error=${problem.value} />
            <form onSubmit=${prevent(submit)} class="stack" data-testid="forgot-form">
              <label class="field">
                <span>${t('email')}</span>
                <input ...${model(form, 'email')} type="email" name="email" autocomplete="email" required
                       data-testid="forgot-email" aria-describedby="forgot-email-error" />
                <${FieldError} error=${problem.value} field="email" id="forgot-email-error" />
              </label>
              <button type="submit" class="btn btn-primary btn-block" disabled=${busy.value} data-testid="forgot-submit">${t('sendResetLink')}</button>
            </form>`}
          <p class="muted form-foot"><a href="/login">${t('backToLogin')}</a></p>
        </div>
      </section>`;
  },
};

export const ResetPassword = {
  name: 'ResetPassword',
  props: { token: { type: String, required: true } },
  setup(props) {
    const form = reactive({ password: '', repeat: '' });
    const busy = ref(false);
    const problem = ref(null);
    const differ = ref(null); // the field error of a repeat that does not match, shown beside the field only
    const done = ref(null);

    async function submit() {
      problem.value = null;
      differ.value = null;
      errors.clear();
      if (form.password !== form.repeat) {
        differ.value = { code: 'VALIDATION_FAILED', errors: [{ field: 'repeat', message: t('passwordsDiffer') }] };
        return;
      }
      busy.value = true;
      try {
        done.value = await api.post('/auth/password-reset/confirm', { token: props.token, password: form.password }, { auth: false });
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    const invalid = () => problem.value && problem.value.code === 'RESET_TOKEN_INVALID';

    return () => html`
      <section class="container page narrow">
        <div class="card form-card">
          <h1 class="page-title">${t('newPasswordTitle')}</h1>
          ${done.value ? html`
            <div class="stack" data-testid="password-changed" role="status">
              <p>${t('passwordChanged')}</p>
              <a href="/login" class="btn btn-primary btn-block" data-testid="go-login">${t('login')}</a>
            </div>` : invalid() ? html`
            <div class="stack" data-testid="reset-link-invalid">
              <p>${t('resetLinkInvalid')}</p>
              <a href="/forgot-password" class="btn btn-block">${t('requestNewLink')}</a>
            </div>` : html`
            <${FormErrors} error=${problem.value} />
            <form onSubmit=${prevent(submit)} class="stack" data-testid="reset-form">
              <label class="field">
                <span>${t('newPassword')}</span>
                <input ...${model(form, 'password')} type="password" name="password" autocomplete="new-password" required minlength="10"
                       data-testid="reset-password" aria-describedby="reset-password-hint reset-password-error" />
                <span class="hint" id="reset-password-hint">${t('passwordRule')}</span>
                <${FieldError} error=${problem.value} field="password" id="reset-password-error" />
              </label>
              <label class="field">
                <span>${t('repeatPassword')}</span>
                <input ...${model(form, 'repeat')} type="password" name="repeat" autocomplete="new-password" required
                       data-testid="reset-repeat" aria-describedby="reset-repeat-error" />
                <${FieldError} error=${differ.value} field="repeat" id="reset-repeat-error" />
              </label>
              <button type="submit" class="btn btn-primary btn-block" disabled=${busy.value} data-testid="reset-submit">${t('setPassword')}</button>
            </form>`}
        </div>
      </section>`;
  },
};
