// The one form behind "Log in" and "Create account": the mode picks the fields, the texts and what
// submitting does (registration signs in with the same credentials afterwards).
import { ref, reactive, computed } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { api, errors, navigate, t } from '../context.js';
import { signIn } from './session.js';

const MODES = {
  login: {
    title: 'login',
    fields: [
      { key: 'email', label: 'email', type: 'email', autocomplete: 'email' },
      { key: 'password', label: 'password', type: 'password', autocomplete: 'current-password' },
    ],
    foot: { text: 'noAccount', link: 'register', href: '/register' },
  },
  register: {
    title: 'createAccount',
    fields: [
      { key: 'name', label: 'fullName', type: 'text', autocomplete: 'name' },
      { key: 'email', label: 'email', type: 'email', autocomplete: 'email' },
      { key: 'password', label: 'password', type: 'password', autocomplete: 'new-password', rule: true },
    ],
    foot: { text: 'haveAccount', link: 'login', href: '/login' },
  },
};

/** The identity context's shortest password (its WEAK_PASSWORD rule). */
const MIN_PASSWORD = 10;

/** Where to go after signing in: the page's ?next=/path (a path of this shop only), else null. */
function nextPath() {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && /^\/[\w/-]*$/.test(next) ? next : null;
}

export const AuthForm = {
  name: 'AuthForm',
  props: { mode: { type: String, required: true, validator: (m) => m in MODES } },
  setup(props) {
    const form = reactive({ name: '', email: '', password: '' });
    const busy = ref(false);
    const problem = ref(null);
    // a too short password is said under the password field, as the rule shown there beforehand
    const shown = computed(() => (problem.value && problem.value.code === 'WEAK_PASSWORD'
      ? { ...problem.value, errors: [{ field: 'password', message: t('passwordRule') }] } : problem.value));
    const ruleMet = computed(() => form.password.length >= MIN_PASSWORD);

    async function submit() {
      busy.value = true;
      problem.value = null;
      errors.clear();
      const credentials = { email: form.email.trim(), password: form.password };
      try {
        if (props.mode === 'register') {
          await api.post('/auth/register', { name: form.name.trim(), ...credentials }, { auth: false });
        }
        await signIn(credentials);
        navigate(nextPath() || '/account');
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    return () => {
      const mode = MODES[props.mode];
      const id = (field) => `${props.mode}-${field.key}`;
      return html`
        <section class="container page narrow">
          <div class="card form-card">
            <h1 class="page-title">${t(mode.title)}</h1>
            <${FormErrors} error=${shown.value} inline=${mode.fields.map((f) => f.key)} />
            <form onSubmit=${prevent(submit)} class="stack" data-testid=${props.mode + '-form'}>
              ${mode.fields.map((f) => html`
                <label key=${f.key} class="field">
                  <span>${t(f.label)}</span>
                  <input ...${model(form, f.key)} type=${f.type} name=${f.key} autocomplete=${f.autocomplete} required
                         minlength=${f.rule ? MIN_PASSWORD : null}
                         data-testid=${id(f)} aria-describedby=${f.rule ? `${id(f)}-rule ${id(f)}-error` : id(f) + '-error'} />
                  ${f.rule ? html`<span class=${['hint', { 'rule-met': ruleMet.value }]} id=${id(f) + '-rule'} data-testid="password-rule">
                    ${ruleMet.value ? '✓ ' : ''}${t('passwordRule')}</span>` : null}
                  <${FieldError} error=${shown.value} field=${f.key} id=${id(f) + '-error'} />
                </label>`)}
              <button type="submit" class="btn btn-primary btn-block" disabled=${busy.value}
                      data-testid=${props.mode + '-submit'}>${t(mode.title)}</button>
            </form>
            ${props.mode === 'login' ? html`<p class="form-foot"><a href="/forgot-password" data-testid="forgot-link">${t('forgotPassword')}</a></p>` : null}
            <p class="muted form-foot">${t(mode.foot.text)} <a href=${mode.foot.href + (nextPath() ? `?next=${nextPath()}` : '')}>${t(mode.foot.link)}</a></p>
          </div>
        </section>`;
    };
  },
};
