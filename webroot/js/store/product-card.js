// A product tile in the grid.
import { computed } from 'vue';
import { formatMoney, priceIn } from '../shared/money.js';
import { settings } from './state.js';
import { t } from './i18n.js';

/** Lowest price of the product's variants in the currency, and whether variants differ. */
export function priceSummary(product, currency) {
  const amounts = (product.variants || [])
    .map((v) => priceIn(v.prices, currency))
    .filter(Boolean)
    .map((p) => p.amount);
  if (!amounts.length) return null;
  const min = Math.min(...amounts);
  return { min, varies: amounts.some((a) => a !== min) };
}

export const ProductCard = {
  name: 'ProductCard',
  props: { product: { type: Object, required: true } },
  setup(props) {
    const image = computed(() => (props.product.media || [])[0] || null);
    const priceLabel = computed(() => {
      const s = priceSummary(props.product, settings.currency);
      if (!s) return t('notAvailableIn', { currency: settings.currency });
      const price = formatMoney(s.min, settings.currency, settings.locale);
      return s.varies ? t('from', { price }) : price;
    });
    const stock = computed(() => (props.product.variants || []).reduce((n, v) => n + (v.stockOnHand || 0), 0));
    return { image, priceLabel, stock, t };
  },
  template: `
    <article class="card product-card" data-testid="product-card" :data-slug="product.slug">
      <a :href="'#/product/' + encodeURIComponent(product.slug)" class="card-link">
        <div class="card-media">
          <img v-if="image" :src="image.url" :alt="image.alt || product.name" loading="lazy" width="400" height="400">
          <div v-else class="img-placeholder" aria-hidden="true">{{ (product.name || '?').charAt(0) }}</div>
        </div>
        <div class="card-body">
          <h2 class="card-title" data-testid="product-name">{{ product.name }}</h2>
          <p class="card-price" data-testid="product-price">{{ priceLabel }}</p>
          <p class="card-stock" :class="stock > 0 ? 'ok' : 'out'">
            {{ stock > 0 ? t('inStock', { n: stock }) : t('outOfStock') }}
          </p>
        </div>
      </a>
    </article>`,
};
