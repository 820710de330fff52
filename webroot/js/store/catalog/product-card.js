// A product tile in the grid.
import { computed } from 'vue';
import { html } from '../../shared/html.js';
import { formatMoney, priceIn } from '../../shared/money.js';
import { settings, t, availability, unitsAvailable } from '../context.js';

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
    const stock = computed(() => availability((props.product.variants || []).reduce((n, v) => n + unitsAvailable(v), 0)));
    return () => {
      const product = props.product;
      return html`
        <article class="card product-card" data-testid="product-card" data-slug=${product.slug}>
          <a href=${'#/product/' + encodeURIComponent(product.slug)} class="card-link">
            <div class="card-media">
              ${image.value
                ? html`<img src=${image.value.url} alt=${image.value.alt || product.name} loading="lazy" width="400" height="400" />`
                : html`<div class="img-placeholder" aria-hidden="true">${(product.name || '?').charAt(0)}</div>`}
            </div>
            <div class="card-body">
              <h2 class="card-title" data-testid="product-name">${product.name}</h2>
              <p class="card-price" data-testid="product-price">${priceLabel.value}</p>
              <p class=${['card-stock', stock.value.level]} data-testid="stock-status">${stock.value.label}</p>
            </div>
          </a>
        </article>`;
    };
  },
};
