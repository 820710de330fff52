// Staff (admins only): list, invite (generated password shown once), roles, deactivate/reactivate.
import { ref, reactive, onMounted } from 'vue';
import { FieldError, FormErrors } from '../shared/errors.js';
import { api, errors, notify, staff as me } from './state.js';

export const ROLES = ['admin', 'catalog', 'fulfilment'];

function emptyInvite() {
  return { email: '', name: '', roles: ['catalog'], password: '' };
}

export const StaffPage = {
  name: 'StaffPage',
  components: { FieldError, FormErrors },
  setup() {
    const items = ref([]);
    const loading = ref(false);
    const draft = reactive(emptyInvite());
    const inviteProblem = ref(null);
    const invited = ref(null); // {email, password}: the generated password, shown once
    const editing = ref(null); // {id, roles}
    const busy = ref(false);

    async function load() {
      loading.value = true;
      try {
        items.value = (await api.get('/admin/staff')).items || [];
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    async function run(action, done) {
      errors.clear();
      busy.value = true;
      try {
        await action();
        if (done) notify(done);
        await load();
        return true;
      } catch (e) {
        errors.show(e);
        return false;
      } finally {
        busy.value = false;
      }
    }

    async function invite() {
      inviteProblem.value = null;
      invited.value = null;
      const body = { email: draft.email.trim(), name: draft.name.trim(), roles: [...draft.roles] };
      if (draft.password) body.password = draft.password;
      await run(async () => {
        try {
          const res = await api.post('/admin/staff', body);
          if (res.generatedPassword) invited.value = { email: res.staff.email, password: res.generatedPassword };
          Object.assign(draft, emptyInvite());
        } catch (e) {
          inviteProblem.value = e;
          throw e;
        }
      }, 'Staff member invited');
    }

    const saveRoles = () => run(async () => {
      await api.put(`/admin/staff/${encodeURIComponent(editing.value.id)}/roles`, { roles: editing.value.roles });
      editing.value = null;
    }, 'Roles saved');

    const setActive = (s, active) => {
      if (!active && !window.confirm(`Deactivate ${s.email}? Their sessions end within seconds.`)) return;
      run(() => api.post(`/admin/staff/${encodeURIComponent(s.id)}/${active ? 'reactivate' : 'deactivate'}`),
        active ? 'Reactivated' : 'Deactivated');
    };

    const isMe = (s) => Boolean(me.me && me.me.id === s.id);
    const since = (iso) => (iso ? new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'medium' }) : '');

    return { items, loading, draft, inviteProblem, invited, editing, busy, invite, saveRoles, setActive, isMe, since, ROLES };
  },
  template: `
    <section class="page">
      <div class="page-head"><h1 class="page-title">Staff</h1></div>
      <div v-if="invited" class="banner banner-info" role="status" data-testid="invited-banner">
        <div class="banner-text">
          <strong>Initial password for {{ invited.email }}:</strong>
          <code data-testid="generated-password">{{ invited.password }}</code>
          <span class="muted">Pass it on now: it is not shown again.</span>
        </div>
        <div class="banner-actions"><button type="button" class="btn btn-ghost btn-small" @click="invited = null">Done</button></div>
      </div>
      <div class="split">
        <div class="card table-card">
          <table class="table" data-testid="staff-table">
            <thead><tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Roles</th><th scope="col">Status</th>
              <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              <tr v-for="s in items" :key="s.id" data-testid="staff-row" :data-email="s.email" :data-id="s.id">
                <td>{{ s.name }}<span v-if="isMe(s)" class="muted small"> (you)</span></td>
                <td>{{ s.email }}<br><span class="muted small">since {{ since(s.createdAt) }}</span></td>
                <td>
                  <form v-if="editing && editing.id === s.id" class="inline-form" @submit.prevent="saveRoles" data-testid="roles-form">
                    <label v-for="r in ROLES" :key="r" class="field-inline">
                      <input type="checkbox" :value="r" v-model="editing.roles" :data-testid="'edit-role-' + r"> {{ r }}</label>
                    <button type="submit" class="btn btn-primary btn-small" :disabled="busy || !editing.roles.length" data-testid="save-roles">Save</button>
                    <button type="button" class="btn btn-ghost btn-small" @click="editing = null">Cancel</button>
                  </form>
                  <template v-else><span v-for="r in s.roles" :key="r" class="badge badge-role">{{ r }}</span></template>
                </td>
                <td><span class="badge" :class="s.active ? 'badge-success' : 'badge-muted'" data-testid="staff-status">
                  {{ s.active ? 'active' : 'deactivated' }}</span></td>
                <td class="row-actions">
                  <button type="button" class="btn btn-small" :disabled="busy" @click="editing = { id: s.id, roles: [...s.roles] }"
                    data-testid="edit-roles">Roles</button>
                  <button v-if="s.active && !isMe(s)" type="button" class="btn btn-ghost btn-small btn-danger-text" :disabled="busy"
                    @click="setActive(s, false)" data-testid="deactivate-staff">Deactivate</button>
                  <button v-if="!s.active" type="button" class="btn btn-ghost btn-small" :disabled="busy"
                    @click="setActive(s, true)" data-testid="reactivate-staff">Reactivate</button>
                </td>
              </tr>
              <tr v-if="!loading && !items.length"><td colspan="5" class="empty">No staff.</td></tr>
            </tbody>
          </table>
        </div>

        <form class="card fieldset stack" @submit.prevent="invite" novalidate data-testid="invite-form">
          <h2 class="section-title">Invite staff</h2>
          <FormErrors :error="inviteProblem" />
          <label class="field"><span>E-mail</span><input v-model="draft.email" type="email" autocomplete="off" data-testid="invite-email">
            <FieldError :error="inviteProblem" field="email" /></label>
          <label class="field"><span>Name</span><input v-model="draft.name" type="text" data-testid="invite-name">
            <FieldError :error="inviteProblem" field="name" /></label>
          <div class="field" role="group" aria-labelledby="invite-roles-label"><span id="invite-roles-label">Roles</span>
            <label v-for="r in ROLES" :key="r" class="field-inline">
              <input type="checkbox" :value="r" v-model="draft.roles" :data-testid="'invite-role-' + r"> {{ r }}</label>
            <FieldError :error="inviteProblem" field="roles" /></div>
          <label class="field"><span>Initial password</span>
            <input v-model="draft.password" type="password" autocomplete="new-password" placeholder="leave empty to generate one"
              data-testid="invite-password">
            <FieldError :error="inviteProblem" field="password" /></label>
          <button type="submit" class="btn btn-primary" :disabled="busy || !draft.roles.length" data-testid="invite-staff">Invite</button>
        </form>
      </div>
    </section>`,
};
