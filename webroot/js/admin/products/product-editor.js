// Product editor: create (POST) / update (PUT with version) / delete, variant quick edits.
import { ref, reactive, computed, watch, onMounted, onBeforeUnmount, nextTick } from 'vue';
import { html } from '../../shared/html.js';
import { prevent } from '../../shared/forms.js';
import { toMinor } from '../../shared/money.js';
import { buildTree, flattenTree } from '../../shared/categories.js';
import { FieldError } from '../../shared/errors.js';
import { api, errors, navigate, notify, validationError, CURRENCIES, t } from '../context.js';
import { emptyForm, emptyVariant, fromProduct, toInput, variantRow } from './product-form.js';
import { VariantsTable } from './variants-table.js';
import { GeneralFields, TranslationFields, AttributeFields, SeoFields } from './product-fields.js';
import { MediaFields } from './media-fields.js';
import { OptionGroups } from './option-groups.js';
import { fieldLabel, fieldSelector } from './field-labels.js';
import { productName } from './products-page.js';

export const ProductEditor = {
  name: 'ProductEditor',
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
    const sent = ref(null); // the ProductInput last sent, to name the rows of the server's field paths
    const summary = ref(null);
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
      sent.value = input;
      if (local.length) {
        problem.value = validationError(local);
        showSummary();
        return;
      }
      saving.value = true;
      try {
        if (isNew.value) {
          const p = await api.post('/admin/products', input);
          notify(t('productCreated'));
          navigate(`/products/${p.id}`);
        } else {
          const p = await api.put(`/admin/products/${encodeURIComponent(props.id)}`, { ...input, version: version.value });
          apply(p);
          notify(t('productSaved'));
        }
      } catch (e) {
        problem.value = e;
        if (e.code === 'VERSION_CONFLICT') {
          errors.show({
            code: e.code,
            detail: t('versionConflict'),
            correlationId: e.correlationId,
          }, { label: t('reload'), run: load });
        } else if (e.errors && e.errors.length) {
          showSummary();
        } else {
          errors.show(e);
        }
      } finally {
        saving.value = false;
      }
    }

    async function remove() {
      const name = productName(loaded.value || { slug: form.slug, translations: form.translations });
      if (!window.confirm(t('confirmDeleteProduct', { name }))) return;
      try {
        await api.del(`/admin/products/${encodeURIComponent(props.id)}`);
        notify(t('productDeleted'));
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
        if (Number.isNaN(amount)) local.push({ field: `variants[${i}].prices.${c}`, message: 'must be an amount like 39.99' });
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
        showSummary();
        return;
      }
      if (!calls.length) { notify(t('nothingChanged')); return; }
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
        notify(t('variantUpdated', { sku: row.original.sku }));
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        quickBusy.value = null;
      }
    }

    const addVariant = () => form.variants.push(emptyVariant());
    const removeVariant = (i) => form.variants.splice(i, 1);

    /** Rows for the combinations the option groups make and no row has yet. */
    function generateRows({ rows }) {
      for (const r of rows) {
        form.variants.push({ ...emptyVariant(), sku: r.sku, options: { ...r.options }, prices: { ...r.prices }, stockOnHand: r.stockOnHand });
      }
      if (rows.length) notify(t(rows.length === 1 ? 'variantGenerated' : 'variantsGenerated', { n: rows.length }));
    }
    function dropOption(name) {
      form.variants.forEach((v) => { delete v.options[name]; });
    }
    function renameOption({ from, to }) {
      form.variants.forEach((v) => {
        if (from in v.options) {
          v.options[to] = v.options[from];
          delete v.options[from];
        }
      });
    }

    // the summary above the form names each refused field as the editor labels it, and leads to it
    const labelled = computed(() => ((problem.value && problem.value.errors) || []).map((e) => ({
      ...e, label: fieldLabel(e.field, { form, sent: sent.value, attributeDefs: defsByCode.value }),
    })));
    function showSummary() {
      nextTick(() => { if (summary.value) summary.value.focus(); });
    }
    function goTo(field) {
      const selector = fieldSelector(field);
      const el = selector && document.querySelector(selector);
      if (el) el.focus();
    }

    // Ctrl+S / ⌘+S saves, wherever the focus is in the editor
    function onKey(e) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        if (!saving.value && !loading.value) save();
      }
    }
    onMounted(() => window.addEventListener('keydown', onKey));
    onBeforeUnmount(() => window.removeEventListener('keydown', onKey));

    function errorSummary() {
      if (!labelled.value.length) return null;
      return html`
        <div ref=${summary} tabindex="-1" class="form-errors" role="alert" data-testid="form-errors">
          <p class="form-errors-title">${t(labelled.value.length === 1 ? 'fixField' : 'fixFields', { n: labelled.value.length })}</p>
          <ul>
            ${labelled.value.map((e, i) => html`
              <li key=${i} data-testid="form-error" data-field=${e.field}>
                ${fieldSelector(e.field)
                  ? html`<a href="#" class="error-link" onClick=${(ev) => { ev.preventDefault(); goTo(e.field); }}><strong>${e.label}</strong></a>`
                  : html`<strong>${e.label}</strong>`}: ${e.message}
              </li>`)}
          </ul>
        </div>`;
    }


    function head() {
      return html`
        <div class="page-head sticky-head">
          <div>
            <a href="#/products" class="back-link">${t('backToProducts')}</a>
            <h1 class="page-title">${isNew.value ? t('newProduct') : t('editProduct')}</h1>
            ${!isNew.value && version.value !== null
              ? html`<p class="muted small">${t('version')} <span data-testid="product-version">${version.value}</span></p>` : null}
          </div>
          <div class="page-actions">
            ${!isNew.value ? html`<button type="button" class="btn btn-danger" onClick=${remove} data-testid="delete-product">${t('delete')}</button>` : null}
            <button type="submit" class="btn btn-primary" disabled=${saving.value || loading.value} data-testid="save-product"
                    title=${t('saveShortcut')} aria-keyshortcuts="Control+S Meta+S">
              ${saving.value ? t('saving') : (isNew.value ? t('createProduct') : t('save'))}
            </button>
          </div>
        </div>`;
    }

    return () => html`
      <section class="page">
        <form onSubmit=${prevent(save)} novalidate data-testid="product-form">
          ${head()}
          ${errorSummary()}
          ${loading.value ? html`<p class="muted">${t('loading')}</p>` : null}
          <div class="editor-grid">
            <${GeneralFields} form=${form} problem=${problem.value} categories=${categories.value} />
            <${TranslationFields} form=${form} problem=${problem.value} />
          </div>
          <${MediaFields} form=${form} />
          <fieldset class="card fieldset">
            <legend>${t('variants')}</legend>
            <h2 class="sub-title">${t('optionGroups')}</h2>
            <p class="hint">${t('optionGroupsHint')}</p>
            <${OptionGroups} form=${form} onGenerate=${generateRows} onRemoveOption=${dropOption} onRenameOption=${renameOption} />
            ${form.optionGroups.map((g, i) => html`
              <div key=${g.key}>
                <${FieldError} error=${problem.value} field=${'optionGroups[' + i + '].name'} />
                <${FieldError} error=${problem.value} field=${'optionGroups[' + i + '].values'} />
              </div>`)}
            <${VariantsTable} variants=${form.variants} groups=${form.optionGroups} problem=${problem.value} sent=${sent.value}
                              busyKey=${quickBusy.value} onAdd=${addVariant} onRemove=${removeVariant} onQuickSave=${quickSave} />
            <${FieldError} error=${problem.value} field="variants" />
          </fieldset>
          <div class="editor-grid">
            <${AttributeFields} form=${form} problem=${problem.value} attributeDefs=${attributeDefs.value}
                                unknownAttributes=${unknownAttributes.value} />
            <${SeoFields} form=${form} problem=${problem.value} />
          </div>
        </form>
      </section>`;
  },
};
