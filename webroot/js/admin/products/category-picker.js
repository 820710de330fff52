// A searchable category picker: the chosen categories as chips, a search box that filters the tree
// (a match shows with its path), and a checkbox per category. Keyboard: type to filter, Tab to the
// list, Space to choose; Escape clears the search.
import { ref, computed } from 'vue';
import { html } from '../../shared/html.js';
import { t } from '../context.js';

export const CategoryPicker = {
  name: 'CategoryPicker',
  // categories: the flattened tree [{id, name, depth, parentId}]
  props: { form: Object, categories: Array },
  setup(props) {
    const query = ref('');
    const byId = computed(() => Object.fromEntries(props.categories.map((c) => [c.id, c])));
    const path = (c) => {
      const names = [];
      for (let x = c; x; x = x.parentId ? byId.value[x.parentId] : null) names.unshift(x.name);
      return names.join(' › ');
    };
    const shown = computed(() => {
      const q = query.value.trim().toLowerCase();
      if (!q) return props.categories.map((c) => ({ c, label: c.name, depth: c.depth }));
      return props.categories.filter((c) => path(c).toLowerCase().includes(q) || (c.slug || '').includes(q))
        .map((c) => ({ c, label: path(c), depth: 0 }));
    });
    const chosen = (id) => props.form.categoryIds.includes(id);
    function toggle(id) {
      const list = props.form.categoryIds;
      const at = list.indexOf(id);
      if (at >= 0) list.splice(at, 1);
      else list.push(id);
    }

    return () => html`
      <div class="category-picker" data-testid="category-picker">
        <div class="chips" aria-live="polite">
          ${props.form.categoryIds.length ? props.form.categoryIds.map((id) => html`
            <span key=${id} class="chip" data-testid="chosen-category" data-id=${id}>
              ${byId.value[id] ? path(byId.value[id]) : id}
              <button type="button" class="chip-remove" onClick=${() => toggle(id)}
                      aria-label=${t('removeCategory', { name: byId.value[id] ? byId.value[id].name : id })}>×</button>
            </span>`) : html`<span class="muted small">${t('noCategoriesChosen')}</span>`}
        </div>
        <input type="search" class="picker-search" value=${query.value} onInput=${(e) => { query.value = e.target.value; }}
               onKeydown=${(e) => { if (e.key === 'Escape') { query.value = ''; } if (e.key === 'Enter') e.preventDefault(); }}
               placeholder=${t('searchCategories')} aria-label=${t('searchCategories')} data-testid="category-search" />
        <ul class="picker-list" aria-label=${t('categories')} data-testid="edit-categories">
          ${shown.value.map(({ c, label, depth }) => html`
            <li key=${c.id} class=${'depth-' + Math.min(depth, 4)}>
              <label class="check">
                <input type="checkbox" checked=${chosen(c.id)} onChange=${() => toggle(c.id)} data-testid="category-option" data-id=${c.id} />
                <span>${label}</span>
              </label>
            </li>`)}
          ${!shown.value.length ? html`<li class="muted small">${t('noCategoryMatches')}</li>` : null}
        </ul>
      </div>`;
  },
};
