// Paying a placed order (/checkout/payment/<orderId>). With the built-in test provider
// (GET /checkout/payment-config says "test"): a card number form, POST .../payment/test-card, then
// POST .../payment/confirm, and on to the order's confirmation; a declined card is said next to the
// field and another one may be tried. With Stripe: Stripe.js (from the payment config's scriptUrl)
// mounts the Payment Element with the order's client secret; paying confirms the PaymentIntent at
// Stripe (3-D Secure and redirects as Stripe needs them, back to the order's confirmation), then
// POST .../payment/confirm; a refusal is said under the element. Should Stripe.js not load, the
// page says so and lets the shopper check the payment's status. An order that no longer awaits
// payment goes straight to its confirmation.
import { ref, computed, watch, onMounted, onUnmounted } from 'vue';
import { html } from '../../shared/html.js';
import { prevent } from '../../shared/forms.js';
import { AddressBlock } from '../../shared/address.js';
import { formatMoney } from '../../shared/money.js';
import { errors, navigate, settings, t } from '../context.js';
import { orderRequests, orderPath, paymentConfig, awaitsPayment, formatTime, forgetPendingOrder } from './state.js';
import { PricedLines, TotalsList, CheckoutSteps, OrderMissing } from './summary.js';

/** The test provider's cards and what they do. */
const TEST_CARDS = [['4242 4242 4242 4242', 'cardSucceeds'], ['4000 0000 0000 0002', 'cardDeclined'], ['4000 0000 0000 0259', 'cardLate']];

/** Stripe.js, loaded once per page from {@code url}: resolves to window.Stripe. */
let stripeJs = null;
function loadStripe(url) {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  if (!stripeJs) {
    stripeJs = new Promise((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: url, async: true });
      script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not load')));
      script.onerror = () => { stripeJs = null; reject(new Error('Stripe.js could not be loaded')); };
      document.head.appendChild(script);
    });
  }
  return stripeJs;
}

/** "4242424242424242" -> "4242 4242 4242 4242" (digits only, at most 19). */
const grouped = (text) => text.replace(/\D/g, '').slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');

export const PaymentPage = {
  name: 'PaymentPage',
  props: { orderId: { type: String, required: true } },
  setup(props) {
    const order = ref(null);
    const config = ref(null);
    const missing = ref(false);
    const card = ref('');
    const paying = ref(false);
    const refusal = ref(null); // the last attempt's problem
    const checking = ref(false);
    const now = ref(Date.now());
    const requests = orderRequests(props.orderId);
    const input = ref(null);
    const stripeReady = ref(false);
    const stripeFailed = ref(false);
    let stripe = null;
    let elements = null;

    const money = (m) => formatMoney(m, null, settings.locale);

    /** The order no longer waits for a payment: its confirmation says where it stands. */
    function onward(o) {
      if (awaitsPayment(o)) return false;
      forgetPendingOrder(o.id);
      navigate(orderPath(o.id), { replace: true });
      return true;
    }

    async function load() {
      try {
        const [o, c] = await Promise.all([requests.get(), paymentConfig()]);
        config.value = c;
        if (!onward(o)) order.value = o;
      } catch (e) {
        if (e.code === 'ORDER_NOT_FOUND') { missing.value = true; forgetPendingOrder(props.orderId); } else errors.show(e);
      }
    }

    async function pay() {
      const digits = card.value.replace(/\D/g, '');
      refusal.value = null;
      if (digits.length < 12) {
        refusal.value = { code: 'CARD_INCOMPLETE' };
        if (input.value) input.value.focus();
        return;
      }
      paying.value = true;
      errors.clear();
      try {
        await requests.payWithTestCard(card.value);
      } catch (e) {
        paying.value = false;
        refusal.value = e;
        if (e.code === 'PAYMENT_NOT_ALLOWED') { load(); return; } // paid or cancelled meanwhile
        if (!['PAYMENT_DECLINED', 'NETWORK_ERROR'].includes(e.code)) errors.show(e);
        if (input.value) { input.value.focus(); input.value.select(); }
        return;
      }
      try {
        await requests.confirm(); // the provider's answer, at once (its notice may come later)
      } catch { /* the confirmation page asks again */ }
      navigate(orderPath(props.orderId), { replace: true });
    }

    /** Stripe: mounts the Payment Element for the order's client secret (once the page shows its place). */
    watch([order, config], async ([o, c]) => {
      if (!o || !c || c.provider !== 'stripe' || elements || !o.payment || !o.payment.clientSecret) return;
      try {
        const Stripe = await loadStripe(c.scriptUrl);
        stripe = Stripe(c.publishableKey);
        elements = stripe.elements({ clientSecret: o.payment.clientSecret, locale: settings.locale });
        elements.create('payment').mount('#stripe-element');
        stripeReady.value = true;
      } catch {
        stripeFailed.value = true;
      }
    }, { flush: 'post' });

    /** Stripe: confirms the PaymentIntent with what the shopper entered in the Payment Element. */
    async function payWithStripe() {
      refusal.value = null;
      paying.value = true;
      errors.clear();
      const back = `${window.location.origin}${orderPath(props.orderId)}`;
      let result;
      try {
        result = await stripe.confirmPayment({ elements, confirmParams: { return_url: back }, redirect: 'if_required' });
      } catch {
        result = { error: { message: null } };
      }
      if (result.error) {
        paying.value = false;
        refusal.value = { code: 'STRIPE_REFUSED', detail: result.error.message };
        return;
      }
      try {
        await requests.confirm();
      } catch { /* the confirmation page asks again */ }
      navigate(orderPath(props.orderId), { replace: true });
    }

    /** Stripe: the shopper paid elsewhere (or Elements finished); ask the provider where the payment stands. */
    async function check() {
      checking.value = true;
      try {
        if (!onward(await requests.confirm())) refusal.value = { code: 'NOT_PAID_YET' };
      } catch (e) {
        errors.show(e);
      } finally {
        checking.value = false;
      }
    }

    function refusalText(e) {
      const detail = String(e.detail || '');
      switch (e.code) {
        case 'CARD_INCOMPLETE': return t('cardIncomplete');
        case 'NOT_PAID_YET': return t('notPaidYet');
        case 'STRIPE_REFUSED': return detail || t('paymentFailed');
        case 'PAYMENT_DECLINED':
          if (/insufficient funds/i.test(detail)) return t('cardInsufficient');
          if (/^processing_error|could not be processed/.test(detail)) return t('cardProcessingError');
          return t('cardDeclinedTryAnother');
        case 'PAYMENT_NOT_ALLOWED': return t('paymentNotAllowed');
        case 'NETWORK_ERROR': return t('paymentOffline');
        default: return t('paymentFailed');
      }
    }

    const secondsLeft = computed(() => (order.value && order.value.paymentDueAt
      ? Math.max(0, (Date.parse(order.value.paymentDueAt) - now.value) / 1000) : null));
    let timer = null;
    onMounted(() => {
      load();
      timer = setInterval(() => {
        now.value = Date.now();
        if (secondsLeft.value === 0 && order.value && !paying.value) { order.value = null; load(); } // cancelled by now
      }, 1000);
    });
    onUnmounted(() => clearInterval(timer));

    function testForm(o) {
      const e = refusal.value;
      return html`
        <form class="stack payment-form" novalidate onSubmit=${prevent(pay)} data-testid="test-card-form">
          <p class="test-mode" data-testid="test-mode"><span class="badge badge-warn">${t('testMode')}</span> ${t('testModeNote')}</p>
          <div class="field">
            <label for="card-number">${t('cardNumber')}</label>
            <input ref=${input} id="card-number" class="card-input" type="text" inputmode="numeric" autocomplete="cc-number"
                   placeholder="1234 1234 1234 1234" maxlength="23" value=${card.value}
                   onInput=${(ev) => { card.value = grouped(ev.target.value); ev.target.value = card.value; }}
                   aria-invalid=${e ? 'true' : null} aria-describedby=${e ? 'card-error test-cards' : 'test-cards'}
                   disabled=${paying.value} data-testid="card-number" />
            ${e ? html`<p class="field-error" id="card-error" role="alert" data-testid="payment-error" data-code=${e.code}>${refusalText(e)}</p>` : null}
          </div>
          <div class="test-cards" id="test-cards">
            <p class="small muted">${t('testCardsHint')}</p>
            <ul>
              ${TEST_CARDS.map(([number, what]) => html`
                <li key=${number}>
                  <button type="button" class="test-card" onClick=${() => { card.value = number; refusal.value = null; }}
                          disabled=${paying.value} data-testid="test-card">${number}</button>
                  <span class="small muted">${t(what)}</span>
                </li>`)}
            </ul>
          </div>
          <button type="submit" class="btn btn-primary btn-block btn-large" disabled=${paying.value} data-testid="pay-button">
            ${paying.value ? t('paying') : t('payAmount', { amount: money(o.totals.total) })}
          </button>
          <p class="secure-note small muted">${t('secureNote')}</p>
        </form>`;
    }

    function stripeForm(o) {
      const e = refusal.value;
      return html`
        <form class="stack payment-form" novalidate onSubmit=${prevent(payWithStripe)} data-testid="stripe-form">
          <div id="stripe-element" class="stripe-element" data-testid="stripe-element"></div>
          ${!stripeReady.value && !stripeFailed.value ? html`<p class="muted small">${t('stripeLoading')}</p>` : null}
          ${stripeFailed.value ? html`<p class="field-error" role="alert" data-testid="stripe-unavailable">${t('stripeUnavailable')}</p>` : null}
          ${e ? html`<p class="field-error" role="alert" data-testid="payment-error" data-code=${e.code}>${refusalText(e)}</p>` : null}
          <button type="submit" class="btn btn-primary btn-block btn-large" disabled=${paying.value || !stripeReady.value}
                  data-testid="pay-button">
            ${paying.value ? t('paying') : t('payAmount', { amount: money(o.totals.total) })}
          </button>
          <p class="secure-note small muted">${t('stripeSecureNote')}</p>
          <button type="button" class="btn btn-ghost btn-small" onClick=${check} disabled=${checking.value} data-testid="check-payment">${t('checkPayment')}</button>
        </form>`;
    }

    return () => {
      if (missing.value) {
        return html`<${OrderMissing} />`;
      }
      const o = order.value;
      const c = config.value;
      return html`
        <section class="container page checkout-page" data-testid="payment-page">
          <${CheckoutSteps} current="payment" />
          <h1 class="page-title">${t('payment')}</h1>
          ${!o ? html`<p class="muted">${t('loading')}</p>` : html`
            <div class="checkout-layout">
              <div class="checkout-form">
                <section class="card checkout-section" aria-labelledby="pay-title">
                  <div class="placed-note" role="status" data-testid="order-placed-note">
                    <p>${t('orderPlacedPayNow', { number: o.number })}</p>
                    ${secondsLeft.value !== null ? html`<p class="small muted">${t('reservedUntil', { time: formatTime(o.paymentDueAt) })}</p>` : null}
                  </div>
                  <h2 class="section-title" id="pay-title">${t('payAmountDue', { amount: money(o.totals.total) })}</h2>
                  ${c && c.provider === 'stripe' ? stripeForm(o) : testForm(o)}
                </section>
              </div>
              <aside class="card checkout-summary" aria-labelledby="pay-summary">
                <h2 class="section-title" id="pay-summary">${t('orderNumber', { number: o.number })}</h2>
                <${PricedLines} lines=${o.lines} inclusive=${o.pricesIncludeTax} links=${false} />
                <${TotalsList} totals=${o.totals} inclusive=${o.pricesIncludeTax} shipping=${o.shipping}
                  rates=${o.lines.map((l) => l.taxRate)} />
                <div class="summary-address">
                  <h3 class="sub-title">${t('shipsTo')}</h3>
                  <${AddressBlock} address=${o.shippingAddress} locale=${settings.locale} />
                </div>
              </aside>
            </div>`}
        </section>`;
    };
  },
};
