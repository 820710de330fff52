// Product editor: create (POST) / update (PUT with version) / delete, variant quick edits.
import { ref, reactive, computed, watch } from 'vue';
import { toMinor, toMajor } from '../shared/money.js';
import { buildTree, flattenTree } from '../shared/categories.js';
import { FieldError, FormErrors } from '../shared/errors.js';
import { api, errors, navigate, notify, validationError, LOCALES, CURRENCIES } from './state.js';
import { emptyForm, emptyVariant, fromProduct, toInput, variantRow } from './product-form.js';
import { VariantsTable } from './variants-table.js';
import { productName } from './products.js';

export const ProductEditor = {
  name: 'ProductEditor',
  components: { FieldError, FormErrors, VariantsTable },
  props: { id: { type: String, default: null } },
  setup(props) {
    const form = reactive(emptyForm());
    const version = ref(null);
    const loaded = ref(null); // last AdminProduct from the server
    const loading = ref(false);
    const saving = ref(false);
    const problem = ref(null);
    const quickBusy = ref(null);
    const categories = ref([]);
    const attributeDefs = ref([]);
    const isNew = computed(() => !props.id);

    function apply(p) {
      Object.assign(form, fromProduct(p));
      version.value = p.version;
      loaded.value = p;
    }

    async function load() {
      errors.clear();
      problem.value = null;
      if (isNew.value) {
        Object.assign(form, emptyForm());
        version.value = null;
        loaded.value = null;
        return;
      }
      loading.value = true;
      try {
        apply(await api.get(`/admin/products/${encodeURIComponent(props.id)}`));
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }

    async function loadLookups() {
      try {
        const [cats, attrs] = await Promise.all([
          api.get('/categories', { query: { locale: 'en' }, auth: false }),
          api.get('/admin/attributes', { query: { locale: 'en' } }),
        ]);
        categories.value = flattenTree(buildTree(cats.items || []));
        attributeDefs.value = Array.isArray(attrs) ? attrs : attrs.items || [];
      } catch (e) {
        errors.show(e);
      }
    }

    watch(() => props.id, load, { immediate: true });
    loadLookups();

    const defsByCode = computed(() => Object.fromEntries(attributeDefs.value.map((a) => [a.code, a])));
    const unknownAttributes = computed(() => Object.keys(form.attributes).filter((k) => !defsByCode.value[k]));

    async function save() {
      errors.clear();
      problem.value = null;
      const { input, errors: local } = toInput(form, defsByCode.value);
      if (local.length) {
        problem.value = validationError(local);
        errors.show(problem.value);
        return;
      }
      saving.value = true;
      try {
        if (isNew.value) {
          const p = await api.post('/admin/products', input);
          notify('Product created');
          navigate(`/products/${p.id}`);
        } else {
          const p = await api.put(`/admin/products/${encodeURIComponent(props.id)}`, { ...input, version: version.value });
          apply(p);
          notify('Product saved');
        }
      } catch (e) {
        problem.value = e;
        if (e.code === 'VERSION_CONFLICT') {
          errors.show({
            code: e.code,
            detail: 'This product was changed by someone else. Reload it to get the latest version (your unsaved changes will be lost).',
            correlationId: e.correlationId,
          }, { label: 'Reload', run: load });
        } else {
          errors.show(e);
        }
      } finally {
        saving.value = false;
      }
    }

    async function remove() {
      const name = productName(loaded.value || { slug: form.slug, translations: form.translations });
      if (!window.confirm(`Delete product "${name}"? This cannot be undone.`)) return;
      try {
        await api.del(`/admin/products/${encodeURIComponent(props.id)}`);
        notify('Product deleted');
        navigate('/products');
      } catch (e) {
        errors.show(e);
      }
    }

    /** Saves only the changed prices / stock of one persisted variant via the quick-edit endpoints. */
    async function quickSave(i) {
      const row = form.variants[i];
      if (!row || !row.original) return;
      errors.clear();
      const sku = encodeURIComponent(row.original.sku);
      const calls = [];
      const local = [];
      for (const c of CURRENCIES) {
        const amount = toMinor(row.prices[c], c);
        if (Number.isNaN(amount)) local.push({ field: `variants[${i}].prices.${c}`, message: `${c} price must be an amount like 39.99` });
        else if (amount !== null && amount !== row.original.prices[c]) {
          calls.push(() => api.put(`/admin/variants/${sku}/prices/${c}`, { amount }));
        }
      }
      const stock = Number(row.stockOnHand);
      if (!Number.isInteger(stock) || stock < 0) local.push({ field: `variants[${i}].stockOnHand`, message: 'must be a whole number ≥ 0' });
      else if (stock !== row.original.stockOnHand) {
        calls.push(() => api.put(`/admin/variants/${sku}/stock`, { onHand: stock }));
      }
      if (local.length) {
        problem.value = validationError(local);
        errors.show(problem.value);
        return;
      }
      if (!calls.length) { notify('Nothing changed for this variant'); return; }
      quickBusy.value = row.key;
      try {
        let p = null;
        for (const call of calls) p = await call();
        if (p) {
          version.value = p.version;
          loaded.value = p;
          const fresh = (p.variants || []).find((v) => v.sku === row.original.sku);
          if (fresh) {
            const r = variantRow(fresh);
            Object.assign(row, { prices: r.prices, stockOnHand: r.stockOnHand, original: r.original });
          }
        }
        problem.value = null;
        notify(`Variant ${row.original.sku} updated`);
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        quickBusy.value = null;
      }
    }

    const addVariant = () => form.variants.push(emptyVariant());
    const removeVariant = (i) => form.variants.splice(i, 1);
    const addMedia = () => form.media.push({ url: '', alt: '' });
    const removeMedia = (i) => form.media.splice(i, 1);
    const indent = (depth) => '\u00a0\u00a0\u00a0'.repeat(depth);

    return {
      form, version, loading, saving, problem, quickBusy, categories, attributeDefs, unknownAttributes, isNew,
      save, remove, quickSave, addVariant, removeVariant, addMedia, removeMedia, indent, load, LOCALES, toMajor,
    };
  },
  template: `
    <section class="page">
      <form @submit.prevent="save" novalidate data-testid="product-form">
        <div class="page-head sticky-head">
          <div>
            <a href="#/products" class="back-link">← Products</a>
            <h1 class="page-title">{{ isNew ? 'New product' : 'Edit product' }}</h1>
            <p v-if="!isNew && version !== null" class="muted small">Version <span data-testid="product-version">{{ version }}</span></p>
          </div>
          <div class="page-actions">
            <button v-if="!isNew" type="button" class="btn btn-danger" @click="remove" data-testid="delete-product">Delete</button>
            <button type="submit" class="btn btn-primary" :disabled="saving || loading" data-testid="save-product">
              {{ saving ? 'Saving…' : (isNew ? 'Create product' : 'Save') }}
            </button>
          </div>
        </div>

        <FormErrors :error="problem" />
        <p v-if="loading" class="muted">Loading…</p>

        <div class="editor-grid">
          <fieldset class="card fieldset">
            <legend>General</legend>
            <label class="field">
              <span>Slug</span>
              <input v-model="form.slug" type="text" required data-testid="edit-slug" aria-describedby="err-slug"
                     :aria-invalid="problem && problem.errors && problem.errors.some(e => e.field === 'slug') ? 'true' : null">
              <FieldError :error="problem" field="slug" id="err-slug" />
            </label>
            <div class="field-row">
              <label class="field">
                <span>Status</span>
                <select v-model="form.status" data-testid="edit-status">
                  <option value="DRAFT">Draft</option>
                  <option value="PUBLISHED">Published</option>
                </select>
                <FieldError :error="problem" field="status" />
              </label>
              <label class="field">
                <span>Default locale</span>
                <select v-model="form.defaultLocale" data-testid="edit-default-locale">
                  <option v-for="l in LOCALES" :key="l" :value="l">{{ l }}</option>
                </select>
              </label>
            </div>
            <label class="field">
              <span>Categories</span>
              <select v-model="form.categoryIds" multiple :size="Math.min(Math.max(categories.length, 3), 8)" data-testid="edit-categories">
                <option v-for="c in categories" :key="c.id" :value="c.id">{{ indent(c.depth) }}{{ c.name }}</option>
              </select>
              <span class="hint">Ctrl/⌘-click to select several.</span>
              <FieldError :error="problem" field="categoryIds" />
            </label>
          </fieldset>

          <fieldset class="card fieldset">
            <legend>Translations</legend>
            <div class="translations">
              <div v-for="l in LOCALES" :key="l" class="translation" :data-locale="l">
                <h3 class="sub-title">{{ l.toUpperCase() }} <span v-if="l === form.defaultLocale" class="badge badge-muted">default</span></h3>
                <label class="field">
                  <span>Name ({{ l }})</span>
                  <input v-model="form.translations[l].name" type="text" :data-testid="'edit-name-' + l">
                  <FieldError :error="problem" :field="'translations.' + l + '.name'" />
                </label>
                <label class="field">
                  <span>Description ({{ l }})</span>
                  <textarea v-model="form.translations[l].description" rows="4" :data-testid="'edit-description-' + l"></textarea>
                  <FieldError :error="problem" :field="'translations.' + l + '.description'" />
                </label>
              </div>
            </div>
          </fieldset>
        </div>

        <fieldset class="card fieldset">
          <legend>Variants</legend>
          <VariantsTable :variants="form.variants" :problem="problem" :busy-key="quickBusy"
                         @add="addVariant" @remove="removeVariant" @quick-save="quickSave" />
          <FieldError :error="problem" field="variants" />
        </fieldset>

        <div class="editor-grid">
          <fieldset class="card fieldset">
            <legend>Attributes</legend>
            <p v-if="!attributeDefs.length && !unknownAttributes.length" class="muted">No attributes defined. <a href="#/attributes">Create some</a>.</p>
            <div v-for="a in attributeDefs" :key="a.code" class="field">
              <label :for="'attr-' + a.code">{{ a.name || a.code }} <span v-if="a.unit" class="muted">({{ a.unit }})</span></label>
              <select v-if="a.type === 'ENUM'" :id="'attr-' + a.code" v-model="form.attributes[a.code]" :data-testid="'edit-attr-' + a.code">
                <option :value="undefined">—</option>
                <option v-for="v in a.values || []" :key="v" :value="v">{{ v }}</option>
              </select>
              <select v-else-if="a.type === 'BOOLEAN'" :id="'attr-' + a.code" v-model="form.attributes[a.code]" :data-testid="'edit-attr-' + a.code">
                <option :value="undefined">—</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </select>
              <input v-else :id="'attr-' + a.code" v-model="form.attributes[a.code]" :type="a.type === 'NUMBER' ? 'number' : 'text'"
                     step="any" :data-testid="'edit-attr-' + a.code">
              <FieldError :error="problem" :field="'attributes.' + a.code" />
            </div>
            <p v-for="code in unknownAttributes" :key="code" class="muted small">
              {{ code }}: <code>{{ form.attributes[code] }}</code> (kept as is)
            </p>
          </fieldset>

          <fieldset class="card fieldset">
            <legend>Media &amp; SEO</legend>
            <div v-for="(m, i) in form.media" :key="i" class="field-row media-row">
              <label class="field"><span>Image URL {{ i + 1 }}</span><input v-model="m.url" type="text" data-testid="edit-media-url"></label>
              <label class="field"><span>Alt text</span><input v-model="m.alt" type="text"></label>
              <button type="button" class="btn btn-ghost btn-small" @click="removeMedia(i)" :aria-label="'Remove image ' + (i + 1)">Remove</button>
            </div>
            <button type="button" class="btn btn-small" @click="addMedia" data-testid="add-media">+ Add image</button>
            <label class="field">
              <span>SEO title</span>
              <input v-model="form.seo.title" type="text" data-testid="edit-seo-title">
            </label>
            <label class="field">
              <span>SEO description</span>
              <textarea v-model="form.seo.description" rows="2"></textarea>
            </label>
          </fieldset>
        </div>
      </form>
    </section>`,
};
