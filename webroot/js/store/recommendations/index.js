// The recommendations feature: rows of recommended products below the product page ("similar",
// "bought together"), the cart (complements), the home page (for you) and a category's list (picked
// for you), and the behaviour events
// the recommender learns from (product views with their dwell time, adds to cart, what was shown
// and clicked).
import { h, watch, onUnmounted } from 'vue';
import { messages } from './messages.js';
import { track } from './tracker.js';
import { RecommendationRows } from './recommendation-row.js';
import { cart } from '../cart/state.js';

/** Below the product page: its rows, and the view and leave (with dwell time) of the product. */
const ProductRecommendations = {
  name: 'ProductRecommendations',
  props: { product: { type: Object, required: true } },
  setup(props) {
    let viewed = null;
    let since = 0;
    const leave = () => {
      if (viewed) track({ type: 'product-leave', productId: viewed, dwellMillis: Math.min(Date.now() - since, 3_600_000) });
      viewed = null;
    };
    watch(() => props.product.id, (id) => {
      leave();
      viewed = id;
      since = Date.now();
      track({ type: 'product-view', productId: id });
    }, { immediate: true });
    onUnmounted(leave);
    return () => h(RecommendationRows, { request: { situation: 'product', productId: props.product.id } });
  },
};

/** Below the cart: complements of what it holds. */
const CartRecommendations = {
  name: 'CartRecommendations',
  props: { cart: { type: Object, required: true } },
  setup(props) {
    return () => {
      const ids = [...new Set((props.cart.lines || []).map((l) => l.productId).filter(Boolean))].slice(0, 100);
      return ids.length ? h(RecommendationRows, { request: { situation: 'cart', cart: ids.join(',') } }) : null;
    };
  },
};

/** Below the home page's list: for you (from this session's views), else trending; below a category's: picked for you in it. */
const ListRecommendations = {
  name: 'ListRecommendations',
  props: { categoryId: { type: String, default: null } },
  setup: (props) => () => h(RecommendationRows, {
    request: props.categoryId ? { situation: 'category', categoryId: props.categoryId } : { situation: 'home' },
    limit: 6,
  }),
};

/** Adds to cart, seen as a line's quantity growing in the shopper's cart (whichever page added it). */
function watchAddsToCart() {
  let known = null;
  watch(() => cart.loaded && (cart.data ? cart.data.lines.map((l) => [l.productId, l.quantity]) : []), (lines) => {
    if (!lines) return;
    const now = new Map();
    lines.forEach(([productId, quantity]) => now.set(productId, (now.get(productId) || 0) + quantity));
    if (known) {
      now.forEach((quantity, productId) => {
        if (productId && quantity > (known.get(productId) || 0)) track({ type: 'add-to-cart', productId });
      });
    }
    known = now;
  }, { immediate: true });
}

export default {
  name: 'recommendations',
  routes: [],
  messages,
  product: { below: ProductRecommendations },
  cart: { below: CartRecommendations },
  list: { below: ListRecommendations },
  start: watchAddsToCart,
};
