// A product tile in the grid: the slim card the lists answer (name, first image, price range in
// the requested currency, availability as a level).
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { settings, t, cardAvailability, imageAttrs } from '../context.js';

/** "19.99", "from 19.99" when the variants' prices differ, or that it is not sold in the currency. */
export function cardPrice(card) {
  if (!card.priceMin) return t('notAvailableIn', { currency: settings.currency });
  const price = formatMoney(card.priceMin.amount, card.priceMin.currency, settings.locale);
  return card.priceMax && card.priceMax.amount !== card.priceMin.amount ? t('from', { price }) : price;
}

export const ProductCard = {
  name: 'ProductCard',
  props: { product: { type: Object, required: true } },
  setup(props) {
    return () => {
      const card = props.product;
      const stock = cardAvailability(card);
      return html`
        <article class="card product-card" data-testid="product-card" data-slug=${card.slug}>
          <a href=${'/p/' + encodeURIComponent(card.slug)} class="card-link">
            <div class="card-media">
              ${card.image
                ? html`<img ...${imageAttrs(card.image.url, 400)} alt=${card.image.alt || card.name} loading="lazy" width="400" height="400" />`
                : html`<div class="img-placeholder" aria-hidden="true">${(card.name || '?').charAt(0)}</div>`}
            </div>
            <div class="card-body">
              <h2 class="card-title" data-testid="product-name">${card.name}</h2>
              <p class="card-price" data-testid="product-price">${cardPrice(card)}</p>
              <p class=${['card-stock', stock.level]} data-testid="stock-status">${stock.label}</p>
            </div>
          </a>
        </article>`;
    };
  },
};
