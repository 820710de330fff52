// Categories: tree list, create, rename (PUT), reorder among siblings (up/down: the siblings' positions are
// renumbered 0, 1, 2, ... and each changed one saved), delete (409 CATEGORY_NOT_EMPTY shown in the banner).
import { h, Fragment, ref, reactive, computed, onMounted, nextTick } from 'vue';
import { html } from '../../shared/html.js';
import { model, selected, prevent } from '../../shared/forms.js';
import { buildTree, flattenTree, categoryName } from '../../shared/categories.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { api, errors, notify, LOCALES, t } from '../context.js';

function emptyDraft() {
  return { slug: '', parentId: '', position: 0, names: Object.fromEntries(LOCALES.map((l) => [l, ''])) };
}

export const CategoriesPage = {
  name: 'CategoriesPage',
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
          // a locale without a name of its own answers the default locale's: shown empty (saving keeps it so)
          list = list.map((c) => {
            const en = byLocale.en.get(c.id) || c.name || '';
            return {
              ...c, names: Object.fromEntries(LOCALES.map((l) => {
                const name = l === 'en' ? en : byLocale[l].get(c.id) || '';
                return [l, l !== 'en' && name === en ? '' : name];
              })),
            };
          });
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
        notify(t('categoryCreated'));
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
        notify(t('categorySaved'));
        await load();
      } catch (e) {
        editProblem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    const siblingsOf = (c) => rows.value.filter((r) => (r.parentId || null) === (c.parentId || null));

    /** Moves c one place up (-1) or down (+1) among its siblings; the focus stays on the pressed button. */
    async function move(c, delta, testId) {
      const siblings = siblingsOf(c);
      const i = siblings.findIndex((s) => s.id === c.id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= siblings.length) return;
      const order = siblings.slice();
      [order[i], order[j]] = [order[j], order[i]];
      errors.clear();
      busy.value = true;
      try {
        for (let k = 0; k < order.length; k++) {
          if (Number(order[k].position) !== k) {
            await api.put(`/admin/categories/${encodeURIComponent(order[k].id)}`, body({ ...order[k], position: k }), { idempotent: true });
          }
        }
        notify(t('categoryMoved', { name: categoryName(c) }));
        await load();
      } catch (e) {
        errors.show(e);
        await load();
      } finally {
        busy.value = false;
        nextTick(() => {
          const again = document.querySelector(`[data-testid=admin-category-row][data-id="${c.id}"] [data-testid=${testId}]`);
          const target = again && !again.disabled ? again
            : document.querySelector(`[data-testid=admin-category-row][data-id="${c.id}"] [data-testid=rename-category]`);
          if (target) target.focus();
        });
      }
    }

    async function remove(c) {
      if (!window.confirm(t('confirmDeleteCategory', { name: categoryName(c) }))) return;
      errors.clear();
      try {
        await api.del(`/admin/categories/${encodeURIComponent(c.id)}`);
        notify(t('categoryDeleted'));
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


    const parentSelect = (target, options, testId) => html`
      <select ...${selected(target, 'parentId')} data-testid=${testId}>
        <option value="">${t('topLevel')}</option>
        ${options.map((p) => html`<option key=${p.id} value=${p.id}>${indent(p.depth)}${categoryName(p)}</option>`)}
      </select>`;

    function editRow(c) {
      const e = editing.value;
      return html`
        <tr class="edit-row">
          <td colspan="4">
            <form class="inline-form" onSubmit=${prevent(saveEdit)} data-testid="category-edit-form">
              ${LOCALES.map((l) => html`
                <label key=${l} class="field"><span>${t('nameIn', { locale: l })}</span>
                  <input ...${model(e.names, l)} type="text" data-testid=${'category-edit-name-' + l} />
                  <${FieldError} error=${editProblem.value} field=${'names.' + l} /></label>`)}
              <label class="field"><span>${t('slug')}</span><input ...${model(e, 'slug')} type="text" />
                <${FieldError} error=${editProblem.value} field="slug" /></label>
              <label class="field"><span>${t('parent')}</span>
                <select ...${selected(e, 'parentId')}>
                  <option value="">${t('topLevel')}</option>
                  ${parentOptions(c.id).map((p) => html`<option key=${p.id} value=${p.id}>${indent(p.depth)}${categoryName(p)}</option>`)}
                </select></label>
              <label class="field field-narrow"><span>${t('position')}</span><input ...${model(e, 'position')} type="number" step="1" /></label>
              <div class="inline-actions">
                <button type="submit" class="btn btn-primary btn-small" disabled=${busy.value} data-testid="save-category">${t('save')}</button>
                <button type="button" class="btn btn-ghost btn-small" onClick=${() => { editing.value = null; }}>${t('cancel')}</button>
              </div>
              <${FormErrors} error=${editProblem.value} />
            </form>
          </td>
        </tr>`;
    }

    function row(c) {
      return html`
        <tr data-testid="admin-category-row" data-id=${c.id}>
          <td>
            <span class="tree-indent" style=${{ paddingLeft: (c.depth * 1.25) + 'rem' }}>
              ${c.depth ? html`<span class="tree-branch" aria-hidden="true">└</span>` : null}${categoryName(c)}
            </span>
            ${c.names && c.names.de ? html`<span class="muted small"> · de: ${c.names.de}</span>` : null}
          </td>
          <td><code>${c.slug}</code></td>
          <td class="num">${c.position}</td>
          <td class="row-actions">
            <span class="order-buttons">
              <button type="button" class="btn btn-ghost btn-small" disabled=${busy.value || siblingsOf(c)[0].id === c.id}
                      onClick=${() => move(c, -1, 'category-up')} aria-label=${t('moveCategoryUp', { name: categoryName(c) })}
                      title=${t('moveUp')} data-testid="category-up">↑</button>
              <button type="button" class="btn btn-ghost btn-small" disabled=${busy.value || siblingsOf(c)[siblingsOf(c).length - 1].id === c.id}
                      onClick=${() => move(c, 1, 'category-down')} aria-label=${t('moveCategoryDown', { name: categoryName(c) })}
                      title=${t('moveDown')} data-testid="category-down">↓</button>
            </span>
            <button type="button" class="btn btn-small" onClick=${() => startEdit(c)} data-testid="rename-category">${t('rename')}</button>
            <button type="button" class="btn btn-ghost btn-small btn-danger-text" onClick=${() => remove(c)} data-testid="delete-category">${t('delete')}</button>
          </td>
        </tr>`;
    }

    function createForm() {
      return html`
        <form class="card fieldset stack" onSubmit=${prevent(create)} novalidate data-testid="category-create-form">
          <h2 class="section-title">${t('newCategory')}</h2>
          <${FormErrors} error=${createProblem.value} />
          ${LOCALES.map((l) => html`
            <label key=${l} class="field"><span>${t('nameIn', { locale: l })}</span>
              <input ...${model(draft.names, l)} type="text" data-testid=${'category-name-' + l} />
              <${FieldError} error=${createProblem.value} field=${'names.' + l} /></label>`)}
          <label class="field"><span>${t('slug')}</span><input ...${model(draft, 'slug')} type="text" data-testid="category-slug" />
            <${FieldError} error=${createProblem.value} field="slug" /></label>
          <label class="field"><span>${t('parent')}</span>
            ${parentSelect(draft, rows.value, 'category-parent')}
            <${FieldError} error=${createProblem.value} field="parentId" /></label>
          <label class="field"><span>${t('position')}</span><input ...${model(draft, 'position')} type="number" step="1" /></label>
          <button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="create-category">${t('createCategory')}</button>
        </form>`;
    }

    return () => html`
      <section class="page">
        <div class="page-head"><h1 class="page-title">${t('navCategories')}</h1></div>
        <div class="split">
          <div class="card table-card">
            <table class="table" data-testid="categories-table">
              <thead><tr><th scope="col">${t('name')}</th><th scope="col">${t('slug')}</th><th scope="col" class="num">${t('position')}</th><th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
              <tbody>
                ${rows.value.map((c) => h(Fragment, { key: c.id }, [row(c), editing.value && editing.value.id === c.id ? editRow(c) : null]))}
                ${!loading.value && !rows.value.length ? html`<tr><td colspan="4" class="empty">${t('noCategories')}</td></tr>` : null}
              </tbody>
            </table>
          </div>
          ${createForm()}
        </div>
      </section>`;
  },
};
