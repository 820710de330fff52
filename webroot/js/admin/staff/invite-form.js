// Invites a staff member (POST /admin/staff): e-mail, name, roles, and a password the server
// generates (shown here once, until Done) or one the admin chooses (never echoed back).
import { ref, reactive } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { api, errors, notify, validationError, t } from '../context.js';
import { roleChoices } from './roles.js';

function emptyDraft() {
  return { email: '', name: '', roles: ['catalog'], choosePassword: false, password: '' };
}

export const InviteForm = {
  name: 'InviteForm',
  emits: ['invited'],
  setup(props, { emit }) {
    const draft = reactive(emptyDraft());
    const problem = ref(null);
    const busy = ref(false);
    const generated = ref(null); // {email, password}: shown until the admin is done with it
    const copied = ref(false);
    const canCopy = Boolean(window.isSecureContext && navigator.clipboard);

    async function invite() {
      errors.clear();
      problem.value = null;
      const local = [];
      if (!draft.roles.length) local.push({ field: 'roles', message: t('pickRole') });
      if (draft.choosePassword && !draft.password) local.push({ field: 'password', message: t('passwordNeeded') });
      if (local.length) {
        problem.value = validationError(local);
        errors.show(problem.value);
        return;
      }
      const body = { email: draft.email.trim(), name: draft.name.trim(), roles: [...draft.roles] };
      if (draft.choosePassword) body.password = draft.password;
      busy.value = true;
      try {
        const res = await api.post('/admin/staff', body);
        Object.assign(draft, emptyDraft());
        if (res.generatedPassword) {
          copied.value = false;
          generated.value = { email: res.staff.email, password: res.generatedPassword };
        } else {
          notify(t('staffInvited', { email: res.staff.email }));
        }
        emit('invited', res.staff);
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    async function copy() {
      try {
        await navigator.clipboard.writeText(generated.value.password);
        copied.value = true;
      } catch { /* the password stays on screen to be copied by hand */ }
    }

    const passwordChoice = (choose, label, testId) => html`
      <label class="check">
        <input type="radio" name="invite-password-mode" checked=${draft.choosePassword === choose}
          onChange=${() => { draft.choosePassword = choose; }} data-testid=${testId} />
        <span>${label}</span>
      </label>`;

    function shown() {
      const g = generated.value;
      return html`
        <div class="card fieldset stack" role="status" data-testid="invited-panel">
          <h2 class="section-title">${t('invitedTitle')}</h2>
          <p>${t('initialPasswordFor', { email: g.email })}</p>
          <code class="secret" data-testid="generated-password">${g.password}</code>
          <p class="hint">${t('passOnNow')}</p>
          <div class="inline-actions">
            ${canCopy ? html`<button type="button" class="btn" onClick=${copy} data-testid="copy-password">${copied.value ? t('copied') : t('copy')}</button>` : null}
            <button type="button" class="btn btn-primary" onClick=${() => { generated.value = null; }} data-testid="invited-done">${t('done')}</button>
          </div>
        </div>`;
    }

    function form() {
      const p = problem.value;
      return html`
        <form class="card fieldset stack" onSubmit=${prevent(invite)} novalidate data-testid="invite-form">
          <h2 class="section-title">${t('inviteStaff')}</h2>
          <${FormErrors} error=${p} />
          <label class="field"><span>${t('email')}</span>
            <input ...${model(draft, 'email')} type="email" autocomplete="off" data-testid="invite-email" />
            <${FieldError} error=${p} field="email" /></label>
          <label class="field"><span>${t('name')}</span>
            <input ...${model(draft, 'name')} type="text" autocomplete="off" data-testid="invite-name" />
            <${FieldError} error=${p} field="name" /></label>
          <fieldset class="choices">
            <legend>${t('roles')}</legend>
            ${roleChoices(draft, 'roles', 'invite-role-')}
            <${FieldError} error=${p} field="roles" />
          </fieldset>
          <fieldset class="choices">
            <legend>${t('initialPassword')}</legend>
            ${passwordChoice(false, t('generatePassword'), 'invite-generate-password')}
            ${passwordChoice(true, t('choosePassword'), 'invite-choose-password')}
            ${draft.choosePassword ? html`
              <input ...${model(draft, 'password')} type="password" autocomplete="new-password" aria-label=${t('initialPassword')}
                data-testid="invite-password" />` : null}
            <${FieldError} error=${p} field="password" />
          </fieldset>
          <button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="invite-staff">
            ${busy.value ? t('inviting') : t('invite')}
          </button>
        </form>`;
    }

    return () => (generated.value ? shown() : form());
  },
};
