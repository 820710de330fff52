// The checkout (/checkout): the e-mail for the order (a customer's account e-mail), the shipping
// address (customers may pick one from their address book), the billing address (the shipping address
// unless the shopper unticks that), the shipping methods of the quote with price and delivery
// estimate, and the order's summary with live totals: POST /checkout/quote again whenever the
// country, the method or the cart changes. "Place order" sends the total the shopper saw
// (expectedTotal) with an Idempotency-Key and opens the payment. What the shopper typed stays in
// this tab (sessionStorage) until the order is placed. The shipping address's country list offers the
// countries the shop ships to in the cart's currency (GET /checkout/shipping-countries?currency=; every country when that cannot be
// asked); the billing address's offers every country.
import { ref, reactive, computed, watch, nextTick, onMounted, onUnmounted } from 'vue';
import { html } from '../../shared/html.js';
import { prevent } from '../../shared/forms.js';
import { FieldError, FormErrors, fieldMessages } from '../../shared/errors.js';
import { ADDRESS_KEYS, addressBody, addressLine } from '../../shared/address.js';
import { formatMoney } from '../../shared/money.js';
import { api, errors, live, navigate, session, settings, t, cartHeaders, cartVersion, reloadCart } from '../context.js';
import {
  keepOrderToken, localized, paymentPath, deliveryEstimate, orderRequests, awaitsPayment, pendingOrder, keepPendingOrder, forgetPendingOrder,
  shippingCountries,
} from './state.js';
import { AddressFields, addressFieldNames } from './address-fields.js';
import { PricedLines, TotalsList, CheckoutSteps } from './summary.js';

const DRAFT = 'kinetic.checkout.draft';
const NEW = 'new';
/** The cart's own problems (the cart page shows and resolves them). */
const CART_PROBLEMS = ['PRICE_CHANGED', 'UNAVAILABLE', 'INSUFFICIENT_STOCK'];
/** Refusals the page explains itself; anything else also goes to the error banner (with its reference). */
const KNOWN = ['VALIDATION_FAILED', 'CART_CHANGED', 'OUT_OF_STOCK', 'CART_EMPTY', 'CART_NOT_FOUND',
  'SHIPPING_METHOD_UNAVAILABLE', 'PAYMENT_PROVIDER_UNAVAILABLE', 'NETWORK_ERROR'];

const blankAddress = () => Object.fromEntries(ADDRESS_KEYS.map((k) => [k, '']));

function loadDraft() {
  const draft = { email: '', ship: blankAddress(), bill: blankAddress(), billingSame: true, shipChoice: null, billChoice: null,
    methodId: null, saveAddress: true };
  try {
    const kept = JSON.parse(sessionStorage.getItem(DRAFT));
    if (kept && typeof kept === 'object') {
      Object.assign(draft, kept, { ship: { ...draft.ship, ...kept.ship }, bill: { ...draft.bill, ...kept.bill } });
    }
  } catch { /* a fresh draft */ }
  return draft;
}

/** A random Idempotency-Key. */
function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const CheckoutPage = {
  name: 'CheckoutPage',
  setup() {
    const draft = reactive(loadDraft());
    const quote = ref(null);
    const quoting = ref(false);
    const empty = ref(false); // no cart, or nothing in it
    const book = ref(null); // the customer's saved addresses (null: not read)
    const problem = ref(null); // the refusal of the last "Place order"
    const placing = ref(false);
    const alertBox = ref(null);
    const shipTo = ref(null); // the codes of the countries the shop ships to (null: not known, every country is offered)
    let quoteNo = 0;
    let lastAttempt = null; // {body, key} of a placement whose answer never came: sent again with its key

    const money = (m) => formatMoney(m, null, settings.locale);
    const saveDraft = () => sessionStorage.setItem(DRAFT, JSON.stringify(draft));
    watch(draft, saveDraft, { deep: true });

    const bookAddress = (id) => (book.value || []).find((a) => a.id === id) || null;
    const useBook = computed(() => session.loggedIn && (book.value || []).length > 0);
    const shipFromBook = computed(() => useBook.value && draft.shipChoice !== NEW && bookAddress(draft.shipChoice));
    const billFromBook = computed(() => useBook.value && draft.billChoice !== NEW && bookAddress(draft.billChoice));
    const shipAddress = () => (shipFromBook.value ? addressBody(shipFromBook.value) : { ...draft.ship });
    const billAddress = () => (billFromBook.value ? addressBody(billFromBook.value) : { ...draft.bill });
    const shipCountry = computed(() => shipAddress().country || null);

    // ---- the quote ----

    async function send(country, methodId) {
      const body = {};
      if (country) body.shippingAddress = { country };
      if (methodId) body.shippingMethodId = methodId;
      return api.post('/checkout/quote', body, { headers: cartHeaders(), query: { locale: settings.locale } });
    }

    const offers = (q, id) => Boolean(q && id && q.shippingOptions.some((o) => o.methodId === id));

    // the countries offered are those the shop ships to in the cart's currency (known with the first quote)
    let shipToCurrency;
    function loadShipTo(currency) {
      shipToCurrency = currency;
      shippingCountries(currency).then((codes) => { if (shipToCurrency === currency) shipTo.value = codes; });
    }

    /** Prices the cart for the country and method chosen now; an answer overtaken by a newer request is dropped. */
    async function requote() {
      const my = ++quoteNo;
      quoting.value = true;
      const country = shipCountry.value;
      const wanted = draft.methodId;
      try {
        // a method is only sent where the shown quote offers it: another country's zone may not (a refusal)
        const sameZone = quote.value && (!country || quote.value.country === country);
        let q = await send(country, sameZone && offers(quote.value, wanted) ? wanted : null);
        if (my !== quoteNo) return;
        if (wanted && !(q.shipping && q.shipping.methodId === wanted) && offers(q, wanted)) {
          q = await send(country, wanted); // the new country's zone has the chosen method too
          if (my !== quoteNo) return;
        }
        quote.value = q;
        if (q.currency !== shipToCurrency) loadShipTo(q.currency);
        empty.value = q.problems.includes('CART_EMPTY');
        draft.methodId = q.shipping ? q.shipping.methodId : null;
        if (!draft.ship.country) draft.ship.country = q.country;
        if (!draft.bill.country) draft.bill.country = q.country;
      } catch (e) {
        if (my !== quoteNo) return;
        if (e.code === 'CART_NOT_FOUND') { empty.value = true; quote.value = null; return; }
        if (e.code === 'SHIPPING_METHOD_UNAVAILABLE' && draft.methodId) { draft.methodId = null; requote(); return; }
        errors.show(e);
      } finally {
        if (my === quoteNo) quoting.value = false;
      }
    }

    // again when the shopper picks another country or method (not when the quote itself set them)
    watch([shipCountry, () => draft.methodId], ([country, method]) => {
      const q = quote.value;
      if (q && (!country || q.country === country) && (!method || (q.shipping && q.shipping.methodId === method))) return;
      requote();
    });
    // and when the cart changed: another tab, the header's currency, a sign-in merging the guest cart
    watch(cartVersion, (now, before) => { if (before !== undefined) requote(); });
    watch(() => settings.locale, () => requote());

    // ---- who orders, and the address book ----

    async function loadCustomer() {
      if (!session.loggedIn) return;
      try {
        if (!session.customer) session.customer = await api.get('/me');
        const items = (await api.get('/me/addresses')).items || [];
        book.value = items;
        if (!items.length) return;
        if (draft.shipChoice !== NEW && !bookAddress(draft.shipChoice)) {
          draft.shipChoice = (items.find((a) => a.defaultShipping) || items[0]).id;
        }
        if (draft.billChoice !== NEW && !bookAddress(draft.billChoice)) {
          draft.billChoice = (items.find((a) => a.defaultBilling) || items[0]).id;
        }
      } catch (e) {
        if (e.status !== 401) errors.show(e);
      }
    }

    // an order placed in this tab and not paid yet (the shopper came back from the payment): offered at the top
    const unpaid = ref(null);
    async function findUnpaid() {
      const id = pendingOrder();
      if (!id) return;
      try {
        const o = await orderRequests(id).get();
        if (awaitsPayment(o)) unpaid.value = o;
        else forgetPendingOrder(id);
      } catch {
        forgetPendingOrder(id);
      }
    }

    let unwatch = null;
    onMounted(() => {
      if (shipToCurrency === undefined) loadShipTo(null);
      findUnpaid();
      loadCustomer();
      requote();
      // a change to the cart made elsewhere (stock, prices) prices it again
      unwatch = live.watch('subscription { cartChanged { __typename } }', () => requote());
    });
    onUnmounted(() => { if (unwatch) unwatch(); });
    watch(() => session.loggedIn, (inNow) => {
      book.value = null;
      if (inNow) loadCustomer();
    });

    // ---- placing the order ----

    const cartProblems = computed(() => (quote.value ? quote.value.problems.filter((p) => CART_PROBLEMS.includes(p)) : []));
    const noShipping = computed(() => Boolean(quote.value && quote.value.problems.includes('NO_SHIPPING')));
    // above the largest total the shop takes in one order (checkout.maxOrderTotal)
    const tooLarge = computed(() => Boolean(quote.value && quote.value.problems.includes('TOTAL_TOO_LARGE')));
    const canPlace = computed(() => Boolean(quote.value && !quoting.value && !placing.value && !empty.value
      && !cartProblems.value.length && !noShipping.value && !tooLarge.value && draft.methodId));

    async function focusFirstError() {
      await nextTick();
      const el = document.querySelector('.checkout-form [aria-invalid="true"]');
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus({ preventScroll: true });
      } else if (alertBox.value) {
        alertBox.value.scrollIntoView({ block: 'nearest' });
      }
    }

    async function place() {
      if (!canPlace.value) return;
      errors.clear();
      problem.value = null;
      const body = {
        shippingAddress: shipAddress(),
        shippingMethodId: draft.methodId,
        expectedTotal: quote.value.totals.total.amount,
      };
      if (!draft.billingSame) body.billingAddress = billAddress();
      if (!session.loggedIn) body.email = draft.email.trim();
      const text = JSON.stringify(body);
      const key = lastAttempt && lastAttempt.body === text ? lastAttempt.key : newKey();
      lastAttempt = { body: text, key };
      placing.value = true;
      try {
        const placed = await api.post('/checkout/orders', body, {
          headers: { ...cartHeaders(), 'Idempotency-Key': key }, query: { locale: settings.locale }, idempotent: true,
        });
        lastAttempt = null;
        keepOrderToken(placed.order.id, placed.accessToken);
        keepPendingOrder(placed.order.id);
        if (session.loggedIn && !shipFromBook.value && draft.saveAddress) {
          api.post('/me/addresses', body.shippingAddress, { idempotent: true }).catch(() => { /* the order has it anyway */ });
        }
        sessionStorage.removeItem(DRAFT);
        // the API empties the cart just after it answers: read it now and once more a moment later
        reloadCart().catch(() => {});
        setTimeout(() => reloadCart().catch(() => {}), 1500);
        navigate(paymentPath(placed.order.id));
      } catch (e) {
        // only an answer that never came may be sent again with the same key (the server applied it at most once)
        if (!(e.code === 'NETWORK_ERROR' || e.status >= 500)) lastAttempt = null;
        problem.value = e;
        if (['CART_CHANGED', 'OUT_OF_STOCK', 'CART_EMPTY', 'CART_NOT_FOUND'].includes(e.code)) requote();
        if (e.code === 'SHIPPING_METHOD_UNAVAILABLE') { draft.methodId = null; requote(); }
        if (!KNOWN.includes(e.code)) errors.show(e);
        focusFirstError();
      } finally {
        placing.value = false;
      }
    }

    /** What the shopper reads about a refused order, and where it leads ({text, cart?}). */
    function refusal(e) {
      switch (e.code) {
        case 'VALIDATION_FAILED': return { text: t('fixFields') };
        case 'CART_CHANGED': return { text: t('cartChanged'), cart: true };
        case 'OUT_OF_STOCK': return { text: t('orderOutOfStock'), cart: true };
        case 'ORDER_TOTAL_TOO_LARGE': return { text: t('totalTooLarge'), cart: true };
        case 'CART_EMPTY': case 'CART_NOT_FOUND': return { text: t('cartGone') };
        case 'SHIPPING_METHOD_UNAVAILABLE': return { text: t('methodGone') };
        case 'PAYMENT_PROVIDER_UNAVAILABLE': return { text: t('paymentsDown') };
        case 'NETWORK_ERROR': return { text: t('orderOffline') };
        default: return { text: t('orderFailed') };
      }
    }

    /** The shopper changed a refused field: its message goes (and the notice with the last one). */
    function edited(field) {
      const p = problem.value;
      if (!p || !Array.isArray(p.errors) || !p.errors.some((e) => e.field === field)) return;
      const rest = p.errors.filter((e) => e.field !== field);
      problem.value = rest.length ? { code: p.code, detail: p.detail, errors: rest } : null;
    }

    // ---- rendering ----

    const shown = computed(() => localized(problem.value));
    const inline = computed(() => ['email', 'shippingMethodId', ...(shipFromBook.value ? [] : addressFieldNames('shippingAddress')),
      ...(draft.billingSame || billFromBook.value ? [] : addressFieldNames('billingAddress'))]);

    function contact() {
      const c = session.customer;
      const invalid = fieldMessages(shown.value, 'email').length > 0;
      return html`
        <section class="card checkout-section" aria-labelledby="co-contact">
          <h2 class="section-title" id="co-contact">${t('contact')}</h2>
          ${session.loggedIn
            ? html`<p class="signed-in-as" data-testid="checkout-account-email">
                ${c ? html`${t('orderingAs')} <strong>${c.name}</strong> · <span class="nowrap">${c.email}</span>` : t('loading')}</p>`
            : html`
              <div class="field">
                <label for="co-email">${t('email')}</label>
                <input value=${draft.email} onInput=${(e) => { draft.email = e.target.value; edited('email'); }} id="co-email" type="email" autocomplete="email" inputmode="email" required
                       aria-required="true" maxlength="254" aria-invalid=${invalid ? 'true' : null}
                       aria-describedby=${invalid ? 'co-email-error co-email-hint' : 'co-email-hint'} data-testid="checkout-email" />
                <${FieldError} error=${shown.value} field="email" id="co-email-error" />
                <p class="hint" id="co-email-hint">${t('emailHint')}</p>
              </div>
              <p class="muted small login-hint">${t('haveAccountQ')} <a href="/login?next=/checkout" data-testid="checkout-login">${t('signInToCheckout')}</a></p>`}
        </section>`;
    }

    /** Radio cards of the saved addresses and "a new address"; choice: 'shipChoice' or 'billChoice'. */
    function bookChoices(choice, name, testid) {
      return html`
        <div class="choice-list" role="radiogroup" aria-label=${t('savedAddresses')}>
          ${book.value.map((a) => html`
            <label key=${a.id} class=${['choice', { chosen: draft[choice] === a.id }]} data-testid=${testid}>
              <input type="radio" name=${name} value=${a.id} checked=${draft[choice] === a.id}
                     onChange=${() => { draft[choice] = a.id; }} />
              <span class="choice-body">
                <span>${addressLine(a, settings.locale)}</span>
                ${(choice === 'shipChoice' ? a.defaultShipping : a.defaultBilling)
                  ? html`<span class="badge badge-soft">${t('defaultAddress')}</span>` : null}
                ${choice === 'shipChoice' && shipTo.value && !shipTo.value.includes(a.country)
                  ? html`<span class="badge badge-warn" data-testid="ship-choice-outside">${t('notShippedThere')}</span>` : null}
              </span>
            </label>`)}
          <label class=${['choice', { chosen: draft[choice] === NEW }]}>
            <input type="radio" name=${name} value=${NEW} checked=${draft[choice] === NEW}
                   onChange=${() => { draft[choice] = NEW; }} data-testid=${`${testid}-new`} />
            <span class="choice-body">${t('newAddress')}</span>
          </label>
        </div>`;
    }

    function shippingAddress() {
      return html`
        <section class="card checkout-section" aria-labelledby="co-ship">
          <h2 class="section-title" id="co-ship">${t('shippingAddress')}</h2>
          ${useBook.value ? bookChoices('shipChoice', 'ship-choice', 'ship-choice') : null}
          ${shipFromBook.value ? null : html`
            <${AddressFields} address=${draft.ship} prefix="shippingAddress" idPrefix="ship" problem=${shown.value} onEdited=${edited}
                              countries=${shipTo.value} />
            ${session.loggedIn ? html`
              <label class="check save-address">
                <input type="checkbox" checked=${draft.saveAddress} onChange=${(e) => { draft.saveAddress = e.target.checked; }}
                       data-testid="save-address" />
                <span>${t('saveToBook')}</span>
              </label>` : null}`}
          <label class="check billing-same">
            <input type="checkbox" checked=${draft.billingSame} onChange=${(e) => { draft.billingSame = e.target.checked; }}
                   data-testid="billing-same" />
            <span>${t('billingSame')}</span>
          </label>
        </section>`;
    }

    function billingAddress() {
      if (draft.billingSame) return null;
      return html`
        <section class="card checkout-section" aria-labelledby="co-bill" data-testid="billing-section">
          <h2 class="section-title" id="co-bill">${t('billingAddress')}</h2>
          ${useBook.value ? bookChoices('billChoice', 'bill-choice', 'bill-choice') : null}
          ${billFromBook.value ? null : html`<${AddressFields} address=${draft.bill} prefix="billingAddress" idPrefix="bill" problem=${shown.value} onEdited=${edited} />`}
        </section>`;
    }

    function shippingMethods() {
      const q = quote.value;
      let body;
      if (!q) body = html`<p class="muted">${t('loading')}</p>`;
      else if (!q.shippingOptions.length && shipTo.value && !shipTo.value.includes(q.country)) {
        // the shipping address's country list already says the shop does not ship there
        body = html`<p class="muted" data-testid="no-shipping">${t('methodsOnceShipped')}</p>`;
      } else if (!q.shippingOptions.length) {
        body = html`<p class="field-error" role="alert" data-testid="no-shipping">${t('noShippingTo', { country: q.country, currency: q.currency })}</p>`;
      } else {
        body = html`
          <div class="choice-list" role="radiogroup" aria-labelledby="co-method">
            ${q.shippingOptions.map((o) => {
              const when = deliveryEstimate(o.minDays, o.maxDays);
              return html`
                <label key=${o.methodId} class=${['choice', 'method', { chosen: draft.methodId === o.methodId }]}
                       data-testid="shipping-option" data-method-id=${o.methodId}>
                  <input type="radio" name="shipping-method" value=${o.methodId} checked=${draft.methodId === o.methodId}
                         onChange=${() => { draft.methodId = o.methodId; }} />
                  <span class="choice-body">
                    <span class="method-name">${o.name}</span>
                    <span class="muted small">${when.days} · ${when.by}</span>
                    ${!o.free && o.freeAbove ? html`<span class="muted small">${t('freeFrom', { amount: money(o.freeAbove) })}</span>` : null}
                  </span>
                  <span class=${['method-price', { 'free-text': o.price.amount === 0 }]} data-testid="shipping-option-price">
                    ${o.price.amount === 0 ? t('free') : money(o.price)}</span>
                </label>`;
            })}
          </div>
          <${FieldError} error=${shown.value} field="shippingMethodId" />`;
      }
      return html`
        <section class="card checkout-section" aria-labelledby="co-method">
          <h2 class="section-title" id="co-method">${t('shippingMethod')}</h2>
          ${body}
        </section>`;
    }

    function notice() {
      const e = problem.value;
      if (cartProblems.value.length && !e) {
        return html`
          <div ref=${alertBox} class="checkout-alert warn" role="alert" data-testid="cart-problems">
            <p>${t('cartNeedsReview')}</p>
            <a href="/cart" class="btn btn-small" data-testid="review-cart">${t('reviewCart')}</a>
          </div>`;
      }
      if (tooLarge.value && !e) {
        return html`
          <div ref=${alertBox} class="checkout-alert warn" role="alert" data-testid="total-too-large">
            <p>${t('totalTooLarge')}</p>
            <a href="/cart" class="btn btn-small" data-testid="review-cart">${t('reviewCart')}</a>
          </div>`;
      }
      if (!e) return null;
      const r = refusal(e);
      return html`
        <div ref=${alertBox} class="checkout-alert" role="alert" data-testid="checkout-error" data-code=${e.code}>
          <p>${r.text}</p>
          ${r.cart ? html`<a href="/cart" class="btn btn-small" data-testid="review-cart">${t('reviewCart')}</a>` : null}
        </div>`;
    }

    function freeShippingNudge(q) {
      const s = q.shipping;
      if (!s || s.free || !s.freeAbove) return null;
      const missing = s.freeAbove.amount - q.totals.itemsGross.amount;
      if (missing <= 0) return null;
      return html`<p class="nudge small" data-testid="free-shipping-nudge">${t('freeShippingNudge', { amount: money({ amount: missing, currency: q.currency }) })}</p>`;
    }

    function summary() {
      const q = quote.value;
      return html`
        <aside class="card checkout-summary" aria-labelledby="co-summary" data-testid="checkout-summary">
          <h2 class="section-title" id="co-summary">${t('orderSummary')}</h2>
          ${q ? [
            html`<${PricedLines} lines=${q.lines} inclusive=${q.pricesIncludeTax} />`,
            html`<${TotalsList} totals=${q.totals} inclusive=${q.pricesIncludeTax} shipping=${q.shipping}
                   rates=${q.lines.map((l) => l.taxRate)} pending=${quoting.value} />`,
            freeShippingNudge(q),
          ] : html`<p class="muted">${t('loading')}</p>`}
          <div aria-live="polite">${notice()}</div>
          <${FormErrors} error=${shown.value} inline=${inline.value} title=${t('fixTheseFields')} />
          <button type="submit" form="checkout-form" class="btn btn-primary btn-block btn-large" disabled=${!canPlace.value}
                  data-testid="place-order">
            ${placing.value ? t('placingOrder') : quoting.value && q ? t('updatingTotals') : t('placeOrder')}
          </button>
          <p class="muted small pay-next">${t('payNextStep')}</p>
          <a href="/cart" class="back-to-cart small">${t('backToCart')}</a>
        </aside>`;
    }

    function unpaidNotice() {
      const o = unpaid.value;
      if (!o) return null;
      return html`
        <div class="banner banner-warn notice" role="status" data-testid="unpaid-order">
          <span>${t('unpaidOrder', { number: o.number, amount: money(o.totals.total) })}</span>
          <a href=${paymentPath(o.id)} class="btn btn-primary btn-small" data-testid="pay-unpaid">${t('payNow')}</a>
        </div>`;
    }

    /** On narrow screens the summary comes after the form: the total and the items fold out at the top. */
    function peek() {
      const q = quote.value;
      if (!q) return null;
      const n = q.lines.reduce((sum, l) => sum + l.quantity, 0);
      return html`
        <details class="card summary-peek" data-testid="summary-peek">
          <summary>
            <span>${t(n === 1 ? 'showSummaryOne' : 'showSummary', { n })}</span>
            <strong>${money(q.totals.total)}</strong>
          </summary>
          <${PricedLines} lines=${q.lines} inclusive=${q.pricesIncludeTax} />
        </details>`;
    }

    return () => {
      if (empty.value) {
        return html`
          <section class="container page" data-testid="checkout-page">
            ${unpaidNotice()}
            <div class="empty-page" data-testid="checkout-empty">
              <h1 class="page-title">${t('checkout')}</h1>
              <p class="lead">${t('nothingToCheckOut')}</p>
              <a href="/" class="btn btn-primary">${t('keepShopping')}</a>
            </div>
          </section>`;
      }
      return html`
        <section class="container page checkout-page" data-testid="checkout-page">
          <${CheckoutSteps} current="details" />
          <h1 class="page-title">${t('checkout')}</h1>
          ${unpaidNotice()}
          ${peek()}
          <div class="checkout-layout">
            <form id="checkout-form" class="checkout-form" novalidate onSubmit=${prevent(place)} data-testid="checkout-form">
              ${contact()}
              ${shippingAddress()}
              ${billingAddress()}
              ${shippingMethods()}
            </form>
            ${summary()}
          </div>
        </section>`;
    };
  },
};
