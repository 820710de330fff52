// Recursive category navigation (nested <ul>, dropdowns open on hover and keyboard focus).
export const CategoryMenu = {
  name: 'CategoryMenu',
  props: {
    nodes: { type: Array, required: true },
    depth: { type: Number, default: 0 },
    activeId: { type: String, default: null },
  },
  template: `
    <ul :class="depth === 0 ? 'cat-top' : 'cat-sub'">
      <li v-for="n in nodes" :key="n.id" :class="{ 'has-children': n.children.length > 0 }">
        <a :href="'#/category/' + n.id" class="cat-link" data-testid="category-link" :data-category-id="n.id"
           :aria-current="activeId === n.id ? 'page' : null">{{ n.name }}</a>
        <CategoryMenu v-if="n.children.length" :nodes="n.children" :depth="depth + 1" :active-id="activeId" />
      </li>
    </ul>`,
};
