// One order: the confirmation after paying (/order/<id>, a guest's address carries the order's
// token) and the order in the customer's account (/account/orders/<id>). Number, status, items,
// totals, addresses, shipping and payment. While the provider is still processing the payment the
// page asks again (POST .../payment/confirm) every 2 s, later every 10 s; an order still awaiting
// payment leads back to the payment.
import { ref, reactive, computed, watch, onMounted, onUnmounted } from 'vue';
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { AddressBlock } from '../../shared/address.js';
import { model, prevent } from '../../shared/forms.js';
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

    const ret = reactive({ open: false, qty: {}, reason: '', busy: false });

    /** Units of each line shipped and not already in a return: what can be returned. */
    function returnable(o) {
      const out = {};
      (o.fulfilments || []).forEach((f) => f.lines.forEach((l) => { out[l.variantId] = (out[l.variantId] || 0) + l.quantity; }));
      (o.returns || []).filter((r) => r.status !== 'rejected')
        .forEach((r) => r.lines.forEach((l) => { out[l.variantId] = (out[l.variantId] || 0) - l.quantity; }));
      return out;
    }

    async function sendReturn() {
      const lines = Object.entries(ret.qty).map(([variantId, q]) => ({ variantId, quantity: Number(q) })).filter((l) => l.quantity > 0);
      ret.busy = true;
      errors.clear();
      try {
        order.value = await requests.requestReturn({ lines, reason: ret.reason.trim() });
        Object.assign(ret, { open: false, qty: {}, reason: '' });
      } catch (e) {
        errors.show(e);
      } finally {
        ret.busy = false;
      }
    }

    function shipments(o) {
      const list = o.fulfilments || [];
      const returns = o.returns || [];
      if (!list.length && !returns.length) return null;
      const left = returnable(o);
      const canReturn = o.state === 'delivered' && Object.values(left).some((n) => n > 0);
      return html`
        <section class="card order-card" aria-labelledby="order-shipments" data-testid="order-shipments">
          <h2 class="section-title" id="order-shipments">${t('shipmentsTitle')}</h2>
          <ul class="plain-list">${list.map((f) => html`
            <li key=${f.id} class="ops-item" data-testid="shipment">
              <strong>${f.lines.map((l) => `${l.quantity} × ${l.name || l.sku}`).join(', ')}</strong>
              <span class="muted small"> · ${formatDate(f.at, true)}</span>
              ${f.carrier || f.trackingNumber ? html`<div class="small">${f.carrier ? `${f.carrier} ` : ''}${f.trackingUrl
                ? html`<a href=${f.trackingUrl} target="_blank" rel="noopener noreferrer" data-testid="tracking">${f.trackingNumber || t('trackParcel')}</a>`
                : html`<span data-testid="tracking">${f.trackingNumber || ''}</span>`}</div>` : null}
            </li>`)}</ul>
          ${returns.length ? html`
            <h3 class="sub-title">${t('returnsTitle')}</h3>
            <ul class="plain-list">${returns.map((r) => html`
              <li key=${r.id} class="ops-item" data-testid="return" data-status=${r.status}>
                <strong>${r.lines.map((l) => `${l.quantity} × ${l.name || l.sku}`).join(', ')}</strong>
                <span class="badge tone-info">${t(`returnStatus_${r.status}`)}</span>
                ${r.note ? html`<div class="small muted">${r.note}</div>` : null}
              </li>`)}</ul>` : null}
          ${canReturn && !ret.open ? html`<button type="button" class="btn btn-small" onClick=${() => { ret.open = true; }} data-testid="start-return">${t('startReturn')}</button>` : null}
          ${canReturn && ret.open ? html`
            <form class="stack ops-form" onSubmit=${prevent(sendReturn)} data-testid="return-form">
              ${o.lines.filter((l) => (left[l.variantId] || 0) > 0).map((l) => html`
                <label key=${l.variantId} class="field field-row-inline">
                  <span>${l.productName || l.sku} <span class="muted small">(${t('upTo', { n: left[l.variantId] })})</span></span>
                  <input type="number" min="0" max=${left[l.variantId]} class="input-qty" ...${model(ret.qty, l.variantId)} data-testid="return-qty" />
                </label>`)}
              <label class="field"><span>${t('returnReason')}</span>
                <textarea rows="2" maxlength="500" required ...${model(ret, 'reason')} data-testid="return-reason"></textarea></label>
              <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=${ret.busy} data-testid="return-submit">${t('sendReturn')}</button>
                <button type="button" class="btn btn-ghost" onClick=${() => { ret.open = false; }}>${t('cancelReturn')}</button>
              </div>
            </form>` : null}
        </section>`;
    }

    const status = computed(() => (order.value ? orderStatus(order.value.state, order.value.payment && order.value.payment.status) : null));

    /** Placed or paid and nothing happened to it since: the checkout's confirmation, else the order's status. */
    const fresh = (o) => (o.state === 'placed' || o.state === 'paid') && !refunded(o)
      && !(o.fulfilments || []).length && !(o.returns || []).length;

    /** What went back to the shopper (refunds that succeeded), in the order's currency, or null. */
    function refunded(o) {
      const amount = (o.refunds || []).filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount.amount, 0);
      return amount > 0 ? { amount, currency: o.currency } : null;
    }

    const money = (m) => formatMoney(m, null, settings.locale);

    /** Below the totals once something was refunded: the amount and what the order comes to now. */
    function refundRows(o) {
      const back = refunded(o);
      if (!back) return null;
      return html`
        <dl class="totals refund-totals" data-testid="refund-totals">
          <dt>${t('refundedLabel')}</dt><dd data-testid="summary-refunded">−${money(back)}</dd>
          <dt class="total-label">${t('remainingTotal')}</dt>
          <dd class="total-amount" data-testid="summary-remaining">${money({ amount: Math.max(0, o.totals.total.amount - back.amount), currency: o.currency })}</dd>
        </dl>`;
    }

    /** An order past its confirmation (shipped, delivered, refunded, returned): where it stands. */
    function statusHero(o) {
      const key = { partially_fulfilled: 'heroPartlyShipped', fulfilled: 'heroShipped', delivered: 'heroDelivered', refunded: 'heroRefunded' }[o.state]
        || 'heroInProgress';
      return html`
        <div class="order-hero status" role="status" data-testid="order-hero" data-kind="status">
          <span class="hero-icon" aria-hidden="true">${o.state === 'refunded' ? '↺' : '✓'}</span>
          <div>
            <h1 class="page-title" data-testid="order-status-title">${t(key)}</h1>
            <p class="muted">${t('orderUpdatesTo', { email: o.email })}</p>
          </div>
        </div>`;
    }

    /** Why the order is cancelled: the shop cancelled it (and refunded what was paid), or it was not paid in time. */
    function cancelledNote(o) {
      const refunded = o.payment && ['refunded', 'partially_refunded'].includes(o.payment.status);
      if (refunded) return 'orderCancelledRefundedNote';
      return (o.flags || []).includes('CANCELLED_BY_STAFF') ? 'orderCancelledByShopNote' : 'orderCancelledNote';
    }

    function hero(o) {
      if (props.mode !== 'confirmation') return null;
      if (!fresh(o) && o.state !== 'placed' && o.state !== 'cancelled') return statusHero(o);
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
              <a href=${paymentPath(o.id)} class="btn btn-primary hero-action" data-testid="pay-now">${t('payNow')}</a>
            </div>
          </div>`;
      }
      if (o.state === 'cancelled') {
        return html`
          <div class="order-hero cancelled" role="status" data-testid="order-hero" data-kind="cancelled">
            <span class="hero-icon" aria-hidden="true">✕</span>
            <div><h1 class="page-title">${t('orderCancelled')}</h1><p class="muted" data-testid="order-cancelled-note">${t(cancelledNote(o))}</p></div>
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
          ${refunded(o) ? html`<p class="small" data-testid="refunded-amount">${t('refundedAmount', { amount: money(refunded(o)) })}</p>` : null}
          ${p && p.provider === 'test' ? html`<p class="muted small">${t('paidWithTest')}</p>` : null}
          ${awaitsPayment(o) && props.mode !== 'confirmation'
            ? html`<a href=${paymentPath(o.id)} class="btn btn-primary btn-small" data-testid="pay-now">${t('payNow')}</a>` : null}
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
            ${refundRows(o)}
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
          <a href="/" class="btn btn-primary">${t('keepShopping')}</a>
          ${session.loggedIn ? html`<a href="/account/orders" class="btn" data-testid="my-orders-link">${t('yourOrders')}</a>`
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
          ${account ? html`<a href="/account/orders" class="back-link">← ${t('yourOrders')}</a>`
            : o && !fresh(o) ? null
              : html`<${CheckoutSteps} current=${o && awaitsPayment(o) ? 'payment' : 'done'} />`}
          ${!o ? html`<p class="muted">${t('loading')}</p>` : [
            account ? html`<h1 class="page-title order-title">${t('orderPrefix')} <span data-testid="order-number">${o.number}</span></h1>` : hero(o),
            head(o),
            shipments(o),
            details(o),
            account ? null : foot(),
          ]}
        </section>`;
    };
  },
};
