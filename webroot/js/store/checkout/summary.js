// The parts of an order's summary that the checkout, the payment and the order pages share: the
// priced lines (a quote's or an order's) and the totals with shipping, net and VAT. Amounts are the
// server's; prices that include VAT show gross figures, the others net ones.
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { settings, t, imageAttrs } from '../context.js';
import { formatRate } from './state.js';

const money = (m) => formatMoney(m, null, settings.locale);

/** The lines: image with the quantity, name, options, unit price, the line's amount. */
export const PricedLines = {
  name: 'PricedLines',
  props: { lines: { type: Array, required: true }, inclusive: { type: Boolean, default: true }, links: { type: Boolean, default: true } },
  setup(props) {
    return () => html`
      <ul class="priced-lines" data-testid="priced-lines">
        ${props.lines.map((l) => {
          const name = l.productName || l.sku || '';
          const options = Object.entries(l.options || {}).map(([k, v]) => `${k}: ${v}`).join(' · ');
          const href = props.links && l.productSlug ? `/p/${encodeURIComponent(l.productSlug)}` : null;
          return html`
            <li key=${l.variantId} class="priced-line" data-testid="priced-line" data-sku=${l.sku}>
              <span class="priced-line-media" aria-hidden="true">
                ${l.image ? html`<img ...${imageAttrs(l.image.url, 56)} alt="" width="56" height="56" loading="lazy" />`
                  : html`<span class="img-placeholder">${name.charAt(0)}</span>`}
                <span class="qty-badge">${l.quantity}</span>
              </span>
              <span class="priced-line-info">
                ${href ? html`<a href=${href} class="priced-line-name" data-testid="priced-line-name">${name}</a>`
                  : html`<span class="priced-line-name" data-testid="priced-line-name">${name}</span>`}
                ${options ? html`<span class="muted small">${options}</span>` : null}
                <span class="muted small">${t('qtyTimes', { n: l.quantity, price: money(l.unitPrice) })}</span>
              </span>
              <span class="priced-line-total" data-testid="priced-line-total">${money(props.inclusive ? l.gross : l.net)}</span>
            </li>`;
        })}
      </ul>`;
  },
};

/** One VAT rate for everything, or null when the lines differ. */
function commonRate(rates) {
  const known = rates.filter((r) => typeof r === 'number');
  return known.length && known.every((r) => r === known[0]) ? known[0] : null;
}

/**
 * Subtotal, shipping, total, VAT and net. shipping: {name, free?} of the chosen method (null: none
 * yet); rates: the lines' (and shipping's) VAT rates, named when they are all the same.
 */
export const TotalsList = {
  name: 'TotalsList',
  props: {
    totals: { type: Object, required: true },
    inclusive: { type: Boolean, default: true },
    shipping: { type: Object, default: null },
    rates: { type: Array, default: () => [] },
    pending: { type: Boolean, default: false },
  },
  setup(props) {
    return () => {
      const s = props.totals;
      const inc = props.inclusive;
      const rate = commonRate(props.rates);
      const vatLabel = rate === null ? t(inc ? 'inclVat' : 'plusVat') : t(inc ? 'inclVatRate' : 'plusVatRate', { rate: formatRate(rate) });
      const shippingAmount = inc ? s.shippingGross : s.shippingNet;
      const shippingText = !props.shipping ? '—' : shippingAmount.amount === 0 ? t('free') : money(shippingAmount);
      const rows = [
        html`<dt>${t('summarySubtotal')}</dt><dd data-testid="summary-subtotal">${money(inc ? s.itemsGross : s.itemsNet)}</dd>`,
        html`<dt>${t('summaryShipping')}${props.shipping ? html`<span class="muted small"> · ${props.shipping.name}</span>` : null}</dt>
             <dd data-testid="summary-shipping" class=${{ 'free-text': props.shipping && shippingAmount.amount === 0 }}>${shippingText}</dd>`,
      ];
      const total = html`<dt class="total-label">${t('summaryTotal')}</dt><dd class="total-amount" data-testid="summary-total">${money(s.total)}</dd>`;
      const tax = html`<dt class="minor">${vatLabel}</dt><dd class="minor" data-testid="summary-tax">${money(s.tax)}</dd>`;
      const net = html`<dt class="minor">${t('netTotal')}</dt><dd class="minor" data-testid="summary-net">${money(s.net)}</dd>`;
      return html`
        <dl class=${['totals', { pending: props.pending }]} aria-busy=${props.pending ? 'true' : 'false'} data-testid="totals">
          ${rows}
          ${inc ? [total, net, tax] : [net, tax, total]}
        </dl>`;
    };
  },
};

/** The steps of buying, with the current one marked: cart, details, payment, confirmation. */
export const CheckoutSteps = {
  name: 'CheckoutSteps',
  props: { current: { type: String, required: true } },
  setup(props) {
    const steps = [['cart', 'stepCart', '/cart'], ['details', 'stepDetails', '/checkout'], ['payment', 'stepPayment', null], ['done', 'stepDone', null]];
    return () => {
      const at = steps.findIndex(([key]) => key === props.current);
      return html`
        <nav aria-label=${t('checkoutProgress')}>
          <ol class="checkout-steps">
            ${steps.map(([key, label, href], i) => html`
              <li key=${key} class=${{ done: i < at, current: i === at }} aria-current=${i === at ? 'step' : null}>
                <span class="step-dot" aria-hidden="true">${i < at ? '✓' : i + 1}</span>
                ${i < at && href ? html`<a href=${href}>${t(label)}</a>` : html`<span>${t(label)}</span>`}
              </li>`)}
          </ol>
        </nav>`;
    };
  },
};

/** A status as a coloured badge. */
export const StatusBadge = {
  name: 'StatusBadge',
  props: { status: { type: Object, required: true }, testid: { type: String, default: 'order-status' } },
  setup(props) {
    return () => html`<span class=${['badge', 'status-badge', `tone-${props.status.tone}`]} data-testid=${props.testid}>${props.status.label}</span>`;
  },
};

/** What the order and payment pages show for an order that cannot be found (or seen). */
export const OrderMissing = {
  name: 'OrderMissing',
  setup() {
    return () => html`
      <section class="container page empty-page" data-testid="order-missing">
        <h1 class="page-title">${t('orderNotFound')}</h1>
        <p class="lead muted">${t('orderNotFoundHint')}</p>
        <a href="/" class="btn">${t('keepShopping')}</a>
      </section>`;
  },
};
