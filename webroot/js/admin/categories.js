// Categories: tree list, create, rename (PUT), delete (409 CATEGORY_NOT_EMPTY shown in the banner).
import { ref, reactive, computed, onMounted } from 'vue';
import { buildTree, flattenTree, categoryName } from '../shared/categories.js';
import { FieldError, FormErrors } from '../shared/errors.js';
import { api, errors, notify, LOCALES } from './state.js';

function emptyDraft() {
  return { slug: '', parentId: '', position: 0, names: Object.fromEntries(LOCALES.map((l) => [l, ''])) };
}

export const CategoriesPage = {
  name: 'CategoriesPage',
  components: { FieldError, FormErrors },
  setup() {
    const items = ref([]);
    const loading = ref(false);
    const draft = reactive(emptyDraft());
    const createProblem = ref(null);
    const editing = ref(null); // {id, slug, parentId, position, names}
    const editProblem = ref(null);
    const busy = ref(false);

    /** Admin categories may come with a names map; if not, merge names from the localized storefront lists. */
    async function load() {
      loading.value = true;
      try {
        const res = await api.get('/admin/categories');
        let list = Array.isArray(res) ? res : res.items || [];
        if (list.length && !list[0].names) {
          const localized = await Promise.all(LOCALES.map((l) => api.get('/categories', { query: { locale: l }, auth: false })));
          const byLocale = Object.fromEntries(LOCALES.map((l, i) => [l, new Map((localized[i].items || []).map((c) => [c.id, c.name]))]));
          list = list.map((c) => ({
            ...c, names: Object.fromEntries(LOCALES.map((l) => [l, byLocale[l].get(c.id) || (l === 'en' ? c.name : '') || ''])),
          }));
        }
        items.value = list;
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    const rows = computed(() => flattenTree(buildTree(items.value)));

    function body(c) {
      const names = Object.fromEntries(Object.entries(c.names).filter(([, v]) => v && v.trim()).map(([k, v]) => [k, v.trim()]));
      return { slug: c.slug.trim(), parentId: c.parentId || null, names, position: Number(c.position) || 0 };
    }

    async function create() {
      errors.clear();
      createProblem.value = null;
      busy.value = true;
      try {
        await api.post('/admin/categories', body(draft));
        Object.assign(draft, emptyDraft());
        notify('Category created');
        await load();
      } catch (e) {
        createProblem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    function startEdit(c) {
      editProblem.value = null;
      editing.value = {
        id: c.id, slug: c.slug, parentId: c.parentId || '', position: c.position ?? 0,
        names: Object.fromEntries(LOCALES.map((l) => [l, (c.names && c.names[l]) || ''])),
      };
    }

    async function saveEdit() {
      errors.clear();
      editProblem.value = null;
      busy.value = true;
      try {
        await api.put(`/admin/categories/${encodeURIComponent(editing.value.id)}`, body(editing.value));
        editing.value = null;
        notify('Category saved');
        await load();
      } catch (e) {
        editProblem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    async function remove(c) {
      if (!window.confirm(`Delete category "${categoryName(c)}"?`)) return;
      errors.clear();
      try {
        await api.del(`/admin/categories/${encodeURIComponent(c.id)}`);
        notify('Category deleted');
        await load();
      } catch (e) {
        errors.show(e);
      }
    }

    /** Parents offered when editing c: everything except c and its descendants. */
    function parentOptions(exceptId) {
      if (!exceptId) return rows.value;
      const out = [];
      let skipDepth = null;
      for (const r of rows.value) {
        if (skipDepth !== null && r.depth > skipDepth) continue;
        skipDepth = null;
        if (r.id === exceptId) { skipDepth = r.depth; continue; }
        out.push(r);
      }
      return out;
    }

    const indent = (depth) => '\u00a0\u00a0\u00a0'.repeat(depth);

    return {
      items, rows, loading, draft, createProblem, editing, editProblem, busy,
      create, startEdit, saveEdit, remove, parentOptions, indent, categoryName, LOCALES,
    };
  },
  template: `
    <section class="page">
      <div class="page-head"><h1 class="page-title">Categories</h1></div>
      <div class="split">
        <div class="card table-card">
          <table class="table" data-testid="categories-table">
            <thead><tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col" class="num">Position</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              <template v-for="c in rows" :key="c.id">
                <tr data-testid="admin-category-row" :data-id="c.id">
                  <td>
                    <span class="tree-indent" :style="{ paddingLeft: (c.depth * 1.25) + 'rem' }">
                      <span v-if="c.depth" class="tree-branch" aria-hidden="true">└</span>{{ categoryName(c) }}
                    </span>
                    <span v-if="c.names && c.names.de" class="muted small"> · de: {{ c.names.de }}</span>
                  </td>
                  <td><code>{{ c.slug }}</code></td>
                  <td class="num">{{ c.position }}</td>
                  <td class="row-actions">
                    <button type="button" class="btn btn-small" @click="startEdit(c)" data-testid="rename-category">Rename</button>
                    <button type="button" class="btn btn-ghost btn-small btn-danger-text" @click="remove(c)" data-testid="delete-category">Delete</button>
                  </td>
                </tr>
                <tr v-if="editing && editing.id === c.id" class="edit-row">
                  <td colspan="4">
                    <form class="inline-form" @submit.prevent="saveEdit" data-testid="category-edit-form">
                      <label v-for="l in LOCALES" :key="l" class="field"><span>Name ({{ l }})</span>
                        <input v-model="editing.names[l]" type="text" :data-testid="'category-edit-name-' + l">
                        <FieldError :error="editProblem" :field="'names.' + l" /></label>
                      <label class="field"><span>Slug</span><input v-model="editing.slug" type="text">
                        <FieldError :error="editProblem" field="slug" /></label>
                      <label class="field"><span>Parent</span>
                        <select v-model="editing.parentId">
                          <option value="">(top level)</option>
                          <option v-for="p in parentOptions(c.id)" :key="p.id" :value="p.id">{{ indent(p.depth) }}{{ categoryName(p) }}</option>
                        </select></label>
                      <label class="field field-narrow"><span>Position</span><input v-model="editing.position" type="number" step="1"></label>
                      <div class="inline-actions">
                        <button type="submit" class="btn btn-primary btn-small" :disabled="busy" data-testid="save-category">Save</button>
                        <button type="button" class="btn btn-ghost btn-small" @click="editing = null">Cancel</button>
                      </div>
                      <FormErrors :error="editProblem" />
                    </form>
                  </td>
                </tr>
              </template>
              <tr v-if="!loading && !rows.length"><td colspan="4" class="empty">No categories yet.</td></tr>
            </tbody>
          </table>
        </div>

        <form class="card fieldset stack" @submit.prevent="create" novalidate data-testid="category-create-form">
          <h2 class="section-title">New category</h2>
          <FormErrors :error="createProblem" />
          <label v-for="l in LOCALES" :key="l" class="field"><span>Name ({{ l }})</span>
            <input v-model="draft.names[l]" type="text" :data-testid="'category-name-' + l">
            <FieldError :error="createProblem" :field="'names.' + l" /></label>
          <label class="field"><span>Slug</span><input v-model="draft.slug" type="text" data-testid="category-slug">
            <FieldError :error="createProblem" field="slug" /></label>
          <label class="field"><span>Parent</span>
            <select v-model="draft.parentId" data-testid="category-parent">
              <option value="">(top level)</option>
              <option v-for="p in rows" :key="p.id" :value="p.id">{{ indent(p.depth) }}{{ categoryName(p) }}</option>
            </select>
            <FieldError :error="createProblem" field="parentId" /></label>
          <label class="field"><span>Position</span><input v-model="draft.position" type="number" step="1"></label>
          <button type="submit" class="btn btn-primary" :disabled="busy" data-testid="create-category">Create category</button>
        </form>
      </div>
    </section>`,
};
