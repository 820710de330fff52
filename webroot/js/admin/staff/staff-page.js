// Staff members: everyone or only the active or deactivated ones, role changes, deactivate and
// reactivate (each after a confirmation), and the invite form beside the list.
import { h, Fragment, ref, watch } from 'vue';
import { html } from '../../shared/html.js';
import { selected, prevent } from '../../shared/forms.js';
import { FormErrors } from '../../shared/errors.js';
import { api, errors, notify, validationError, currentStaff, reloadStaff, t } from '../context.js';
import { roleChoices, roleBadges } from './roles.js';
import { InviteForm } from './invite-form.js';

export const StaffPage = {
  name: 'StaffPage',
  setup() {
    const items = ref([]);
    const loading = ref(false);
    const show = ref(''); // '' everyone, 'true' the active, 'false' the deactivated members
    const editing = ref(null); // {id, email, roles}
    const editProblem = ref(null);
    const busy = ref(false);
    let requestNo = 0;

    async function load() {
      const my = ++requestNo;
      loading.value = true;
      try {
        const res = await api.get('/admin/staff', { query: { active: show.value || undefined } });
        if (my === requestNo) items.value = res.items || [];
      } catch (e) {
        if (my === requestNo) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }
    watch(show, load, { immediate: true });

    const isMe = (s) => Boolean(currentStaff() && currentStaff().id === s.id);

    /** Runs a change; on success says done and reloads the list, on failure shows the problem. */
    async function change(action, done) {
      errors.clear();
      busy.value = true;
      try {
        await action();
        notify(done);
        await load();
        return null;
      } catch (e) {
        errors.show(e);
        return e;
      } finally {
        busy.value = false;
      }
    }

    async function saveRoles() {
      const { id, email, roles } = editing.value;
      editProblem.value = null;
      if (!roles.length) {
        editProblem.value = validationError([{ field: 'roles', message: t('pickRole') }]);
        return;
      }
      const mine = id === (currentStaff() && currentStaff().id);
      if (mine && !roles.includes('admin') && !window.confirm(t('confirmDropOwnAdmin'))) return;
      const failed = await change(() => api.put(`/admin/staff/${encodeURIComponent(id)}/roles`, { roles }), t('rolesSaved', { email }));
      editProblem.value = failed;
      if (failed) return;
      editing.value = null;
      if (mine) await reloadStaff(); // the header and the pages follow the new roles
    }

    function setActive(s, active) {
      if (!window.confirm(t(active ? 'confirmReactivate' : 'confirmDeactivate', { email: s.email }))) return;
      change(() => api.post(`/admin/staff/${encodeURIComponent(s.id)}/${active ? 'reactivate' : 'deactivate'}`),
        t(active ? 'memberReactivated' : 'memberDeactivated', { email: s.email }));
    }

    function startEdit(s) {
      editProblem.value = null;
      editing.value = { id: s.id, email: s.email, roles: [...s.roles] };
    }

    const editRow = (s) => html`
      <tr class="edit-row">
        <td colspan="4">
          <form class="inline-form" onSubmit=${prevent(saveRoles)} aria-label=${t('rolesOf', { name: s.name })} data-testid="roles-form">
            <div class="choices-row">${roleChoices(editing.value, 'roles', 'edit-role-')}</div>
            <div class="inline-actions">
              <button type="submit" class="btn btn-primary btn-small" disabled=${busy.value} data-testid="save-roles">${t('save')}</button>
              <button type="button" class="btn btn-ghost btn-small" onClick=${() => { editing.value = null; }}>${t('cancel')}</button>
            </div>
            <${FormErrors} error=${editProblem.value} />
          </form>
        </td>
      </tr>`;

    const row = (s) => html`
      <tr data-testid="staff-row" data-id=${s.id} data-email=${s.email}>
        <td class="cell-main">
          <span class="row-title">${s.name}</span>${isMe(s) ? html`<span class="muted small"> ${t('you')}</span>` : null}
          <span class="cell-sub muted small">${s.email}</span>
        </td>
        <td><span class="badges">${roleBadges(s.roles)}</span></td>
        <td><span class=${['badge', s.active ? 'badge-success' : 'badge-muted']} data-testid="staff-status">
          ${s.active ? t('active') : t('deactivated')}</span></td>
        <td class="row-actions">
          <button type="button" class="btn btn-small" disabled=${busy.value} onClick=${() => startEdit(s)} data-testid="edit-roles">${t('editRoles')}</button>
          ${s.active && !isMe(s) ? html`
            <button type="button" class="btn btn-ghost btn-small btn-danger-text" disabled=${busy.value} onClick=${() => setActive(s, false)}
              data-testid="deactivate-staff">${t('deactivate')}</button>` : null}
          ${!s.active ? html`
            <button type="button" class="btn btn-ghost btn-small" disabled=${busy.value} onClick=${() => setActive(s, true)}
              data-testid="reactivate-staff">${t('reactivate')}</button>` : null}
        </td>
      </tr>`;

    return () => html`
      <section class="page">
        <div class="page-head">
          <h1 class="page-title">${t('navStaff')}</h1>
          <div class="page-actions">
            <label class="field field-inline">
              <span>${t('show')}</span>
              <select ...${selected(show, 'value')} data-testid="staff-filter">
                <option value="">${t('everyone')}</option>
                <option value="true">${t('activeOnly')}</option>
                <option value="false">${t('deactivatedOnly')}</option>
              </select>
            </label>
          </div>
        </div>
        <div class="split">
          <div class="card table-card">
            <table class="table table-stack" data-testid="staff-table">
              <thead><tr><th scope="col">${t('member')}</th><th scope="col">${t('roles')}</th><th scope="col">${t('status')}</th>
                <th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
              <tbody>
                ${items.value.map((s) => h(Fragment, { key: s.id }, [row(s), editing.value && editing.value.id === s.id ? editRow(s) : null]))}
                ${!loading.value && !items.value.length
                  ? html`<tr><td colspan="4" class="empty">${show.value ? t('noStaffMatch') : t('noStaff')}</td></tr>` : null}
              </tbody>
            </table>
          </div>
          <${InviteForm} onInvited=${load} />
        </div>
      </section>`;
  },
};
