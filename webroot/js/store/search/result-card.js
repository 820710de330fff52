// A result: the slim product card the search answers (name, one image, price range, availability level).
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { settings, t, cardAvailability, imageAttrs } from '../context.js';

function priceLabel(card) {
  if (!card.priceMin) return t('noPrice', { currency: settings.currency });
  const min = formatMoney(card.priceMin.amount, card.priceMin.currency, settings.locale);
  return card.priceMax && card.priceMax.amount !== card.priceMin.amount ? t('fromPrice', { price: min }) : min;
}

export const ResultCard = {
  name: 'ResultCard',
  props: { card: { type: Object, required: true }, onOpen: { type: Function, default: null } },
  setup(props) {
    return () => {
      const card = props.card;
      return html`
        <article class="card product-card" data-testid="product-card" data-slug=${card.slug}>
          <a href=${'/p/' + encodeURIComponent(card.slug)} class="card-link" onClick=${() => props.onOpen && props.onOpen(card)}>
            <div class="card-media">
              ${card.image
                ? html`<img ...${imageAttrs(card.image.url, 400)} alt=${card.image.alt || card.name} loading="lazy" width="400" height="400" />`
                : html`<div class="img-placeholder" aria-hidden="true">${(card.name || '?').charAt(0)}</div>`}
            </div>
            <div class="card-body">
              <h2 class="card-title" data-testid="product-name">${card.name}</h2>
              <p class="card-price" data-testid="product-price">${priceLabel(card)}</p>
              <p class=${['card-stock', cardAvailability(card).level]} data-testid="stock-status">${cardAvailability(card).label}</p>
            </div>
          </a>
        </article>`;
    };
  },
};
