// Category navigation under the header: nested <ul>, dropdowns open on hover and keyboard focus.
import { h, computed } from 'vue';
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
            <a href=${'#/category/' + n.id} class="cat-link" data-testid="category-link" data-category-id=${n.id}
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
    const activeId = computed(() => (route.name === 'category' ? route.params.id : null));
    return () => html`
      <nav class="cat-nav" aria-label=${t('categories')}>
        <div class="container">
          <${CategoryMenu} nodes=${tree.value} activeId=${activeId.value} />
        </div>
      </nav>`;
  },
};
