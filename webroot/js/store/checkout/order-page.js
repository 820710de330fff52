// One order: the confirmation after paying (#/order/<id>, a guest's address carries the order's
// token) and the order in the customer's account (#/account/orders/<id>). Number, status, items,
// totals, addresses, shipping and payment. While the provider is still processing the payment the
// page asks again (POST .../payment/confirm) every 2 s, later every 10 s; an order still awaiting
// payment leads back to the payment.
import { ref, computed, watch, onMounted, onUnmounted } from 'vue';
import { html } from '../../shared/html.js';
import { AddressBlock } from '../../shared/address.js';
import { errors, navigate, session, settings, t } from '../context.js';
import {
  orderRequests, paymentPath, awaitsPayment, paymentProcessing, orderStatus, formatDate, formatTime, deliveryEstimate,
  forgetPendingOrder,
} from './state.js';
import { PricedLines, TotalsList, CheckoutSteps, StatusBadge, OrderMissing } from './summary.js';

const FAST_POLLS = 15;

export const OrderPage = {
  name: 'OrderPage',
  props: { orderId: { type: String, required: true }, mode: { type: String, default: 'confirmation' } },
  setup(props) {
    const order = ref(null);
    const missing = ref(false);
    let requests = orderRequests(props.orderId);
    let polls = 0;
    let timer = null;
    let alive = true;

    function schedule() {
      clearTimeout(timer);
      if (!alive || !paymentProcessing(order.value)) return;
      timer = setTimeout(poll, polls < FAST_POLLS ? 2000 : 10000);
    }

    async function poll() {
      polls += 1;
      try {
        order.value = await requests.confirm();
      } catch { /* asked again at the next turn */ }
      schedule();
    }

    // an order that no longer awaits payment is not offered again at the checkout
    watch(order, (o) => { if (o && !awaitsPayment(o)) forgetPendingOrder(o.id); });

    async function load() {
      try {
        order.value = await requests.get();
        missing.value = false;
        if (paymentProcessing(order.value)) poll();
      } catch (e) {
        if (e.code === 'ORDER_NOT_FOUND' || e.status === 401) missing.value = true;
        else errors.show(e);
      }
    }

    watch(() => props.orderId, () => {
      requests = orderRequests(props.orderId);
      order.value = null;
      polls = 0;
      load();
    });
    onMounted(() => {
      if (props.mode === 'account' && !session.loggedIn) { navigate(`/login?next=/account/orders/${props.orderId}`, { replace: true }); return; }
      load();
    });
    onUnmounted(() => { alive = false; clearTimeout(timer); });

    const status = computed(() => (order.value ? orderStatus(order.value.state, order.value.payment && order.value.payment.status) : null));

    function hero(o) {
      if (props.mode !== 'confirmation') return null;
      const first = (o.shippingAddress && o.shippingAddress.name || '').split(' ')[0];
      if (paymentProcessing(o)) {
        return html`
          <div class="order-hero processing" role="status" data-testid="order-hero" data-kind="processing">
            <span class="spinner" aria-hidden="true"></span>
            <div><h1 class="page-title">${t('confirmingPayment')}</h1><p class="muted">${t('confirmingPaymentNote')}</p></div>
          </div>`;
      }
      if (awaitsPayment(o)) {
        return html`
          <div class="order-hero waiting" role="status" data-testid="order-hero" data-kind="awaiting">
            <span class="hero-icon" aria-hidden="true">!</span>
            <div>
              <h1 class="page-title">${t('paymentOutstanding')}</h1>
              <p class="muted">${t('reservedUntil', { time: formatTime(o.paymentDueAt) })}</p>
              <a href=${'#' + paymentPath(o.id)} class="btn btn-primary hero-action" data-testid="pay-now">${t('payNow')}</a>
            </div>
          </div>`;
      }
      if (o.state === 'cancelled') {
        return html`
          <div class="order-hero cancelled" role="status" data-testid="order-hero" data-kind="cancelled">
            <span class="hero-icon" aria-hidden="true">✕</span>
            <div><h1 class="page-title">${t('orderCancelled')}</h1><p class="muted">${t('orderCancelledNote')}</p></div>
          </div>`;
      }
      return html`
        <div class="order-hero done" role="status" data-testid="order-hero" data-kind="paid">
          <span class="hero-icon" aria-hidden="true">✓</span>
          <div>
            <h1 class="page-title" data-testid="thank-you">${first ? t('thanksName', { name: first }) : t('thanks')}</h1>
            <p class="muted">${t('orderConfirmed', { email: o.email })}</p>
          </div>
        </div>`;
    }

    function head(o) {
      return html`
        <div class="order-head">
          ${props.mode === 'account' ? null : html`
            <div>
              <p class="order-number-label muted small">${t('orderNumberLabel')}</p>
              <p class="order-number" data-testid="order-number">${o.number}</p>
            </div>`}
          <div class="order-head-meta">
            <${StatusBadge} status=${status.value} />
            <span class="muted small">${t('placedOn', { date: formatDate(o.placedAt, true) })}</span>
          </div>
        </div>`;
    }

    function payment(o) {
      const p = o.payment;
      return html`
        <div class="order-fact">
          <h3 class="sub-title">${t('paymentLabel')}</h3>
          <p data-testid="payment-status">${p ? t(`payment_${p.status}`) : t('payment_creating')}</p>
          ${p && p.provider === 'test' ? html`<p class="muted small">${t('paidWithTest')}</p>` : null}
          ${awaitsPayment(o) && props.mode !== 'confirmation'
            ? html`<a href=${'#' + paymentPath(o.id)} class="btn btn-primary btn-small" data-testid="pay-now">${t('payNow')}</a>` : null}
        </div>`;
    }

    function details(o) {
      const s = o.shipping;
      const when = s ? deliveryEstimate(s.minDays, s.maxDays, new Date(o.placedAt)) : null;
      const sameBilling = JSON.stringify(o.billingAddress) === JSON.stringify(o.shippingAddress);
      return html`
        <div class="order-layout">
          <section class="card order-card" aria-labelledby="order-items">
            <h2 class="section-title" id="order-items">${t('itemsCount', { n: o.itemCount })}</h2>
            <${PricedLines} lines=${o.lines} inclusive=${o.pricesIncludeTax} />
            <${TotalsList} totals=${o.totals} inclusive=${o.pricesIncludeTax} shipping=${s} rates=${o.lines.map((l) => l.taxRate)} />
          </section>
          <section class="card order-card order-facts" aria-label=${t('orderDetails')}>
            <div class="order-fact">
              <h3 class="sub-title">${t('shippingAddress')}</h3>
              <${AddressBlock} address=${o.shippingAddress} locale=${settings.locale} testid="order-shipping-address" />
            </div>
            <div class="order-fact">
              <h3 class="sub-title">${t('billingAddress')}</h3>
              ${sameBilling ? html`<p class="muted">${t('sameAsShipping')}</p>`
                : html`<${AddressBlock} address=${o.billingAddress} locale=${settings.locale} testid="order-billing-address" />`}
            </div>
            ${s ? html`
              <div class="order-fact">
                <h3 class="sub-title">${t('shippingMethod')}</h3>
                <p>${s.name}</p>
                <p class="muted small">${when.days}${o.state === 'paid' ? ` · ${when.by}` : ''}</p>
              </div>` : null}
            ${payment(o)}
            <div class="order-fact">
              <h3 class="sub-title">${t('email')}</h3>
              <p class="wrap-anywhere">${o.email}</p>
            </div>
          </section>
        </div>`;
    }

    function foot() {
      return html`
        <div class="order-foot">
          <a href="#/" class="btn btn-primary">${t('keepShopping')}</a>
          ${session.loggedIn ? html`<a href="#/account/orders" class="btn" data-testid="my-orders-link">${t('yourOrders')}</a>`
            : html`<p class="muted small guest-note">${t('guestKeepLink')}</p>`}
        </div>`;
    }

    return () => {
      if (missing.value) {
        return html`<${OrderMissing} />`;
      }
      const o = order.value;
      const account = props.mode === 'account';
      return html`
        <section class=${['container', 'page', 'order-page', { 'checkout-page': !account }]} data-testid="order-page">
          ${account ? html`<a href="#/account/orders" class="back-link">← ${t('yourOrders')}</a>`
            : html`<${CheckoutSteps} current=${o && awaitsPayment(o) ? 'payment' : 'done'} />`}
          ${!o ? html`<p class="muted">${t('loading')}</p>` : [
            account ? html`<h1 class="page-title order-title">${t('orderPrefix')} <span data-testid="order-number">${o.number}</span></h1>` : hero(o),
            head(o),
            details(o),
            account ? null : foot(),
          ]}
        </section>`;
    };
  },
};
