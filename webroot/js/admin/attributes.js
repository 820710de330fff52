// Attribute definitions: list, create (TEXT/NUMBER/BOOLEAN/ENUM with unit and enum values), delete.
import { ref, reactive, onMounted } from 'vue';
import { FieldError, FormErrors } from '../shared/errors.js';
import { api, errors, notify, validationError, LOCALES } from './state.js';

const TYPES = ['TEXT', 'NUMBER', 'BOOLEAN', 'ENUM'];

function emptyDraft() {
  return { code: '', type: 'TEXT', unit: '', valuesText: '', names: Object.fromEntries(LOCALES.map((l) => [l, ''])) };
}

export const AttributesPage = {
  name: 'AttributesPage',
  components: { FieldError, FormErrors },
  setup() {
    const items = ref([]);
    const loading = ref(false);
    const draft = reactive(emptyDraft());
    const problem = ref(null);
    const busy = ref(false);

    async function load() {
      loading.value = true;
      try {
        const res = await api.get('/admin/attributes', { query: { locale: 'en' } });
        items.value = Array.isArray(res) ? res : res.items || [];
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    async function create() {
      errors.clear();
      problem.value = null;
      const values = draft.valuesText.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
      const local = [];
      if (!/^[a-z][a-z0-9_]*$/.test(draft.code.trim())) {
        local.push({ field: 'code', message: 'use lowercase letters, digits and underscores, starting with a letter' });
      }
      if (draft.type === 'ENUM' && !values.length) local.push({ field: 'values', message: 'an ENUM needs at least one value' });
      if (local.length) {
        problem.value = validationError(local);
        errors.show(problem.value);
        return;
      }
      const names = Object.fromEntries(Object.entries(draft.names).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
      const body = {
        code: draft.code.trim(),
        type: draft.type,
        unit: draft.type === 'NUMBER' && draft.unit.trim() ? draft.unit.trim() : null,
        values: draft.type === 'ENUM' ? values : [],
        names,
      };
      busy.value = true;
      try {
        await api.post('/admin/attributes', body);
        Object.assign(draft, emptyDraft());
        notify(`Attribute ${body.code} created`);
        await load();
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    async function remove(a) {
      if (!window.confirm(`Delete attribute "${a.code}"?`)) return;
      errors.clear();
      try {
        await api.del(`/admin/attributes/${encodeURIComponent(a.code)}`);
        notify(`Attribute ${a.code} deleted`);
        await load();
      } catch (e) {
        errors.show(e);
      }
    }

    const displayName = (a) => a.name || (a.names && (a.names.en || Object.values(a.names)[0])) || a.code;

    return { items, loading, draft, problem, busy, create, remove, displayName, TYPES, LOCALES };
  },
  template: `
    <section class="page">
      <div class="page-head"><h1 class="page-title">Attributes</h1></div>
      <div class="split">
        <div class="card table-card">
          <table class="table" data-testid="attributes-table">
            <thead><tr><th scope="col">Code</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Unit</th><th scope="col">Values</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              <tr v-for="a in items" :key="a.code" data-testid="admin-attribute-row" :data-code="a.code">
                <td><code>{{ a.code }}</code></td>
                <td>{{ displayName(a) }}</td>
                <td><span class="badge badge-muted">{{ a.type }}</span></td>
                <td>{{ a.unit || '—' }}</td>
                <td class="small">{{ (a.values || []).join(', ') || '—' }}</td>
                <td class="row-actions">
                  <button type="button" class="btn btn-ghost btn-small btn-danger-text" @click="remove(a)" data-testid="delete-attribute">Delete</button>
                </td>
              </tr>
              <tr v-if="!loading && !items.length"><td colspan="6" class="empty">No attributes yet.</td></tr>
            </tbody>
          </table>
        </div>

        <form class="card fieldset stack" @submit.prevent="create" novalidate data-testid="attribute-create-form">
          <h2 class="section-title">New attribute</h2>
          <FormErrors :error="problem" />
          <label class="field"><span>Code</span>
            <input v-model="draft.code" type="text" placeholder="material" data-testid="attribute-code">
            <FieldError :error="problem" field="code" /></label>
          <label class="field"><span>Type</span>
            <select v-model="draft.type" data-testid="attribute-type">
              <option v-for="t in TYPES" :key="t" :value="t">{{ t }}</option>
            </select>
            <FieldError :error="problem" field="type" /></label>
          <label v-if="draft.type === 'NUMBER'" class="field"><span>Unit</span>
            <input v-model="draft.unit" type="text" placeholder="g" data-testid="attribute-unit">
            <FieldError :error="problem" field="unit" /></label>
          <label v-if="draft.type === 'ENUM'" class="field"><span>Values <span class="muted">(comma separated)</span></span>
            <input v-model="draft.valuesText" type="text" placeholder="linen, cotton" data-testid="attribute-values">
            <FieldError :error="problem" field="values" /></label>
          <label v-for="l in LOCALES" :key="l" class="field"><span>Name ({{ l }})</span>
            <input v-model="draft.names[l]" type="text" :data-testid="'attribute-name-' + l">
            <FieldError :error="problem" :field="'names.' + l" /></label>
          <button type="submit" class="btn btn-primary" :disabled="busy" data-testid="create-attribute">Create attribute</button>
        </form>
      </div>
    </section>`,
};
