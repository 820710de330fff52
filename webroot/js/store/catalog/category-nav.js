// Category navigation under the header: nested <ul>, dropdowns open on hover and keyboard focus.
import { h, ref, computed, watch } from 'vue';
import { html } from '../../shared/html.js';
import { buildTree } from '../../shared/categories.js';
import { route, t } from '../context.js';
import { catalog } from './state.js';

export const CategoryMenu = {
  name: 'CategoryMenu',
  props: {
    nodes: { type: Array, required: true },
    depth: { type: Number, default: 0 },
    activeId: { type: String, default: null },
  },
  setup(props) {
    return () => html`
      <ul class=${props.depth === 0 ? 'cat-top' : 'cat-sub'}>
        ${props.nodes.map((n) => html`
          <li key=${n.id} class=${{ 'has-children': n.children.length > 0 }}>
            <a href=${'/c/' + encodeURIComponent(n.slug)} class="cat-link" data-testid="category-link" data-category-id=${n.id}
               aria-current=${props.activeId === n.id ? 'page' : null}>${n.name}</a>
            ${n.children.length
              ? h(CategoryMenu, { nodes: n.children, depth: props.depth + 1, activeId: props.activeId })
              : null}
          </li>`)}
      </ul>`;
  },
};

export const CategoryNav = {
  name: 'CategoryNav',
  setup() {
    const tree = computed(() => buildTree(catalog.categories));
    // on a phone the categories are behind a menu button; any new page closes the menu
    const open = ref(false);
    watch(() => route.path, () => { open.value = false; });
    const activeId = computed(() => {
      if (route.name !== 'category') return null;
      const c = catalog.categories.find((x) => x.slug === route.params.slug || x.id === route.params.slug);
      return c ? c.id : null;
    });
    return () => html`
      <nav class=${['cat-nav', { open: open.value }]} aria-label=${t('categories')}>
        <div class="container">
          <button type="button" class="btn btn-ghost cat-menu-toggle" aria-expanded=${open.value ? 'true' : 'false'}
                  aria-controls="category-menu" data-testid="category-menu-toggle" onClick=${() => { open.value = !open.value; }}>
            <span class="burger" aria-hidden="true"></span>${t('categories')}
          </button>
          <div id="category-menu" class="cat-menu">
            <${CategoryMenu} nodes=${tree.value} activeId=${activeId.value} />
          </div>
        </div>
      </nav>`;
  },
};
