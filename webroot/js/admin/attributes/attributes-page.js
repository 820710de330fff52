// Attribute definitions: list, create (TEXT/NUMBER/BOOLEAN/ENUM with unit and enum values), edit (names per
// locale, unit, values: POST with the same code replaces; ATTRIBUTE_IN_USE when products hold a dropped value), delete.
import { h, Fragment, ref, reactive, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { model, selected, prevent } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { api, errors, notify, validationError, LOCALES, t } from '../context.js';

const TYPES = ['TEXT', 'NUMBER', 'BOOLEAN', 'ENUM'];

function emptyDraft() {
  return { code: '', type: 'TEXT', unit: '', valuesText: '', names: Object.fromEntries(LOCALES.map((l) => [l, ''])) };
}

export const AttributesPage = {
  name: 'AttributesPage',
  setup() {
    const items = ref([]);
    const loading = ref(false);
    const draft = reactive(emptyDraft());
    const problem = ref(null);
    const busy = ref(false);
    const editing = ref(null); // {code, type, unit, valuesText, names}
    const editProblem = ref(null);

    /** The list answers one locale's name: read it once per locale to edit every name. */
    async function load() {
      loading.value = true;
      try {
        const lists = await Promise.all(LOCALES.map((l) => api.get('/admin/attributes', { query: { locale: l } })));
        const byLocale = lists.map((res) => new Map((Array.isArray(res) ? res : res.items || []).map((a) => [a.code, a.name])));
        const first = lists[0];
        // a locale without a name of its own answers the default locale's: shown empty (saving keeps it so)
        items.value = (Array.isArray(first) ? first : first.items || []).map((a) => ({
          ...a, names: Object.fromEntries(LOCALES.map((l, i) => {
            const name = byLocale[i].get(a.code) || '';
            return [l, i > 0 && name === byLocale[0].get(a.code) ? '' : name];
          })),
        }));
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
        local.push({ field: 'code', message: t('codeRule') });
      }
      if (draft.type === 'ENUM' && !values.length) local.push({ field: 'values', message: t('enumNeedsValue') });
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
        notify(t('attributeCreated', { code: body.code }));
        await load();
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    function startEdit(a) {
      editProblem.value = null;
      editing.value = {
        code: a.code, type: a.type, unit: a.unit || '', valuesText: (a.values || []).join(', '),
        names: Object.fromEntries(LOCALES.map((l) => [l, (a.names && a.names[l]) || ''])),
      };
    }

    async function saveEdit() {
      errors.clear();
      editProblem.value = null;
      const e = editing.value;
      const values = e.valuesText.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
      if (e.type === 'ENUM' && !values.length) {
        editProblem.value = validationError([{ field: 'values', message: t('enumNeedsValue') }]);
        return;
      }
      const names = Object.fromEntries(Object.entries(e.names).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
      busy.value = true;
      try {
        await api.post('/admin/attributes', {
          code: e.code, type: e.type, unit: e.type === 'NUMBER' && e.unit.trim() ? e.unit.trim() : null,
          values: e.type === 'ENUM' ? values : [], names,
        });
        notify(t('attributeSaved', { code: e.code }));
        editing.value = null;
        await load();
      } catch (err) {
        editProblem.value = err;
        if (err.code === 'ATTRIBUTE_IN_USE') {
          editProblem.value = validationError([{ field: 'values', message: t('valueInUse', { detail: err.detail }) }]);
        } else if (!(err.errors && err.errors.length)) {
          errors.show(err);
        }
      } finally {
        busy.value = false;
      }
    }

    function editRow() {
      const e = editing.value;
      const p = editProblem.value;
      return html`
        <tr class="edit-row">
          <td colspan="6">
            <form class="inline-form" onSubmit=${prevent(saveEdit)} novalidate data-testid="attribute-edit-form">
              ${LOCALES.map((l) => html`
                <label key=${l} class="field"><span>${t('nameIn', { locale: l })}</span>
                  <input ...${model(e.names, l)} type="text" data-testid=${'attribute-edit-name-' + l} />
                  <${FieldError} error=${p} field=${'names.' + l} /></label>`)}
              ${e.type === 'NUMBER' ? html`
                <label class="field"><span>${t('unit')}</span><input ...${model(e, 'unit')} type="text" data-testid="attribute-edit-unit" />
                  <${FieldError} error=${p} field="unit" /></label>` : null}
              ${e.type === 'ENUM' ? html`
                <label class="field grow"><span>${t('values')} <span class="muted">${t('commaSeparated')}</span></span>
                  <input ...${model(e, 'valuesText')} type="text" data-testid="attribute-edit-values" />
                  <${FieldError} error=${p} field="values" /></label>` : null}
              <div class="inline-actions">
                <button type="submit" class="btn btn-primary btn-small" disabled=${busy.value} data-testid="save-attribute">${t('save')}</button>
                <button type="button" class="btn btn-ghost btn-small" onClick=${() => { editing.value = null; }}>${t('cancel')}</button>
              </div>
            </form>
          </td>
        </tr>`;
    }

    async function remove(a) {
      if (!window.confirm(t('confirmDeleteAttribute', { code: a.code }))) return;
      errors.clear();
      try {
        await api.del(`/admin/attributes/${encodeURIComponent(a.code)}`);
        notify(t('attributeDeleted', { code: a.code }));
        await load();
      } catch (e) {
        errors.show(e);
      }
    }

    const displayName = (a) => a.name || (a.names && (a.names.en || Object.values(a.names)[0])) || a.code;


    const row = (a) => html`
      <tr data-testid="admin-attribute-row" data-code=${a.code}>
        <td><code>${a.code}</code></td>
        <td>${displayName(a)}</td>
        <td><span class="badge badge-muted">${a.type}</span></td>
        <td>${a.unit || '—'}</td>
        <td class="small">${(a.values || []).join(', ') || '—'}</td>
        <td class="row-actions">
          <button type="button" class="btn btn-small" onClick=${() => startEdit(a)} data-testid="edit-attribute">${t('edit')}</button>
          <button type="button" class="btn btn-ghost btn-small btn-danger-text" onClick=${() => remove(a)} data-testid="delete-attribute">${t('delete')}</button>
        </td>
      </tr>`;

    function createForm() {
      const p = problem.value;
      return html`
        <form class="card fieldset stack" onSubmit=${prevent(create)} novalidate data-testid="attribute-create-form">
          <h2 class="section-title">${t('newAttribute')}</h2>
          <${FormErrors} error=${p} />
          <label class="field"><span>${t('code')}</span>
            <input ...${model(draft, 'code')} type="text" placeholder="material" data-testid="attribute-code" />
            <${FieldError} error=${p} field="code" /></label>
          <label class="field"><span>${t('type')}</span>
            <select ...${selected(draft, 'type')} data-testid="attribute-type">
              ${TYPES.map((type) => html`<option key=${type} value=${type}>${type}</option>`)}
            </select>
            <${FieldError} error=${p} field="type" /></label>
          ${draft.type === 'NUMBER' ? html`
            <label class="field"><span>${t('unit')}</span>
              <input ...${model(draft, 'unit')} type="text" placeholder="g" data-testid="attribute-unit" />
              <${FieldError} error=${p} field="unit" /></label>` : null}
          ${draft.type === 'ENUM' ? html`
            <label class="field"><span>${t('values')} <span class="muted">${t('commaSeparated')}</span></span>
              <input ...${model(draft, 'valuesText')} type="text" placeholder="linen, cotton" data-testid="attribute-values" />
              <${FieldError} error=${p} field="values" /></label>` : null}
          ${LOCALES.map((l) => html`
            <label key=${l} class="field"><span>${t('nameIn', { locale: l })}</span>
              <input ...${model(draft.names, l)} type="text" data-testid=${'attribute-name-' + l} />
              <${FieldError} error=${p} field=${'names.' + l} /></label>`)}
          <button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="create-attribute">${t('createAttribute')}</button>
        </form>`;
    }

    return () => html`
      <section class="page">
        <div class="page-head"><h1 class="page-title">${t('navAttributes')}</h1></div>
        <div class="split">
          <div class="card table-card">
            <table class="table" data-testid="attributes-table">
              <thead><tr><th scope="col">${t('code')}</th><th scope="col">${t('name')}</th><th scope="col">${t('type')}</th><th scope="col">${t('unit')}</th><th scope="col">${t('values')}</th><th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
              <tbody>
                ${items.value.map((a) => h(Fragment, { key: a.code }, [row(a), editing.value && editing.value.code === a.code ? editRow() : null]))}
                ${!loading.value && !items.value.length ? html`<tr><td colspan="6" class="empty">${t('noAttributesYet')}</td></tr>` : null}
              </tbody>
            </table>
          </div>
          ${createForm()}
        </div>
      </section>`;
  },
};
