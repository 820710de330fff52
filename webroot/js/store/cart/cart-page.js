// The cart page: lines (image, name, options, unit price, quantity, line total), the subtotal, how long
// the items stay reserved, and what changed since they were added (price, availability, stock). It
// follows changes live (context's live: a subscription to the cart, else polling).
import { h, ref, reactive, computed, onMounted, onUnmounted } from 'vue';
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { QuantityStepper } from '../../shared/stepper.js';
import { errors, live, settings, t, cartBelow, imageAttrs } from '../context.js';
import { cart, loadCart, setQuantity, removeLine, acknowledge, cartErrorText, cappedText, MAX_QUANTITY } from './state.js';

/** "14 min 32 s" for 872 seconds (a countdown, never read as a time of day); hours when needed. */
function remaining(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return t('hoursMinutes', { h, m });
  return m > 0 ? t('minutesSeconds', { m, s: s % 60 }) : t('seconds', { s });
}

export const CartPage = {
  name: 'CartPage',
  setup() {
    const loading = ref(!cart.loaded);
    const busy = reactive({}); // variantId -> true while its change is on the way
    const lineErrors = reactive({}); // variantId -> the refusal (its text follows a language switch)
    const lineCapped = reactive({}); // variantId -> the quantity a typed larger one was lowered to
    const acknowledging = ref(false);
    const now = ref(Date.now());
    let lapsedReload = null; // the reservedUntil already reloaded for

    const money = (m) => formatMoney(m, null, settings.locale);

    async function reload() {
      try {
        await loadCart();
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }

    async function run(variantId, action) {
      busy[variantId] = true;
      delete lineErrors[variantId];
      delete lineCapped[variantId];
      try {
        await action();
      } catch (e) {
        lineErrors[variantId] = e;
      } finally {
        delete busy[variantId];
      }
    }

    async function ok() {
      acknowledging.value = true;
      try {
        await acknowledge();
      } catch (e) {
        errors.show(e);
      } finally {
        acknowledging.value = false;
      }
    }

    const secondsLeft = computed(() => {
      const until = cart.data && cart.data.reservedUntil;
      return until ? (Date.parse(until) - now.value) / 1000 : null;
    });

    let timer = null;
    let unwatch = null;
    onMounted(() => {
      reload();
      unwatch = live.watch('subscription { cartChanged { __typename } }', () => loadCart());
      timer = setInterval(() => {
        now.value = Date.now();
        // the reservation lapsed: read what the cart holds now, once
        const until = cart.data && cart.data.reservedUntil;
        if (until && secondsLeft.value <= 0 && lapsedReload !== until) {
          lapsedReload = until;
          loadCart().catch(() => {});
        }
      }, 1000);
    });
    onUnmounted(() => {
      cart.adopted = null;
      clearInterval(timer);
      if (unwatch) unwatch();
    });

    function flags(l) {
      const out = [];
      if (l.priceChanged && l.previousUnitPrice && l.unitPrice) {
        out.push(html`<p class="line-flag warn" data-testid="flag-price">${t('wasNow', { was: money(l.previousUnitPrice), now: money(l.unitPrice) })}</p>`);
      }
      if (l.unavailable) {
        const text = l.unavailableReason === 'NO_PRICE' ? t('lineNoPrice', { currency: cart.data.currency }) : t('lineUnavailable');
        out.push(html`<p class="line-flag out" data-testid="flag-unavailable">${text}</p>`);
      } else if (l.insufficientStock) {
        out.push(html`
          <p class="line-flag warn" data-testid="flag-stock">
            ${l.available > 0 ? t('lineShort', { n: l.available }) : t('lineNone')}
            ${l.available > 0 ? html` <button type="button" class="btn btn-small" data-testid="set-available"
                disabled=${!!busy[l.variantId]} onClick=${() => run(l.variantId, () => setQuantity(l.variantId, l.available))}>
                ${t('setQuantityTo', { n: l.available })}</button>` : null}
          </p>`);
      }
      return out;
    }

    function line(l) {
      const name = l.productName || l.sku || '';
      const href = l.productSlug ? `/p/${encodeURIComponent(l.productSlug)}` : null;
      const options = Object.entries(l.options || {}).map(([k, v]) => `${k}: ${v}`).join(' · ');
      const flagged = l.priceChanged || l.unavailable || l.insufficientStock;
      return html`
        <li key=${l.variantId} class=${['card', 'cart-line', { flagged, dimmed: l.unavailable }]} data-testid="cart-line"
            data-variant-id=${l.variantId} data-sku=${l.sku}>
          <a class="cart-line-media" href=${href} tabindex="-1" aria-hidden="true">
            ${l.image
              ? html`<img ...${imageAttrs(l.image.url, 96)} alt="" width="96" height="96" loading="lazy" />`
              : html`<div class="img-placeholder">${name.charAt(0)}</div>`}
          </a>
          <div class="cart-line-info">
            ${href ? html`<a class="cart-line-name" href=${href} data-testid="line-name">${name}</a>`
              : html`<span class="cart-line-name" data-testid="line-name">${name}</span>`}
            ${options ? html`<p class="muted small">${options}</p>` : null}
            ${l.unitPrice ? html`<p class="small" data-testid="line-unit-price">${t('unitPrice', { price: money(l.unitPrice) })}</p>` : null}
            ${flags(l)}
            ${lineErrors[l.variantId] ? html`<p class="field-error" role="alert" data-testid="line-error">${cartErrorText(lineErrors[l.variantId], true)}</p>` : null}
            ${lineCapped[l.variantId] && !lineErrors[l.variantId]
              ? html`<p class="line-flag warn" role="status" data-testid="line-capped">${cappedText(lineCapped[l.variantId])}</p>` : null}
          </div>
          <div class="cart-line-qty">
            ${l.unavailable ? null : html`
              <${QuantityStepper} value=${l.quantity} max=${Math.max(l.quantity, Math.min(l.available, MAX_QUANTITY))}
                disabled=${!!busy[l.variantId]} label=${t('quantity')} decreaseLabel=${t('decrease')} increaseLabel=${t('increase')}
                onChange=${(n) => run(l.variantId, () => setQuantity(l.variantId, n))}
                onCapped=${(n) => { lineCapped[l.variantId] = n; }} />`}
            <button type="button" class="btn btn-ghost btn-small btn-danger-text" data-testid="remove-line"
                    aria-label=${t('removeItem', { name })} disabled=${!!busy[l.variantId]}
                    onClick=${() => run(l.variantId, () => removeLine(l.variantId))}>${t('remove')}</button>
          </div>
          <p class="cart-line-total" data-testid="line-total">${money(l.lineTotal)}</p>
        </li>`;
    }

    function mergedNotice() {
      const m = cart.merged;
      if (!m) return null;
      const names = new Map(((cart.data && cart.data.lines) || []).map((l) => [l.variantId, l.productName || l.sku]));
      return html`
        <div class="banner banner-info notice" role="status" data-testid="merge-notice">
          <div class="banner-text">
            <strong>${t('mergedCarts')}</strong>
            <ul class="notice-list">
              ${m.adjustments.map((a) => html`
                <li key=${a.variantId} data-testid="merge-adjustment">${t('mergeCapped', {
                  name: names.get(a.variantId) || a.variantId, granted: a.granted, requested: a.requested,
                  reason: a.reason === 'STOCK' ? t('capStock') : t('capLimit'),
                })}</li>`)}
            </ul>
          </div>
          <button type="button" class="btn btn-ghost btn-small" aria-label=${t('dismiss')} onClick=${() => { cart.merged = null; }}>✕</button>
        </div>`;
    }

    /** The header's currency was put to the cart's (changed on another device or tab): said once, briefly. */
    function currencyNotice() {
      const a = cart.adopted;
      if (!a) return null;
      return html`
        <div class="banner banner-info notice" role="status" data-testid="currency-notice">
          <div class="banner-text">${t('currencyAdopted', { currency: a.to })}</div>
          <button type="button" class="btn btn-ghost btn-small" aria-label=${t('dismiss')} onClick=${() => { cart.adopted = null; }}>✕</button>
        </div>`;
    }

    function priceNotice(c) {
      if (!c.lines.some((l) => l.priceChanged)) return null;
      return html`
        <div class="banner banner-warn notice" role="status" data-testid="price-notice">
          <strong>${t('pricesChanged')}</strong>
          <button type="button" class="btn btn-small" data-testid="acknowledge-changes" disabled=${acknowledging.value}
                  onClick=${ok}>${t('ok')}</button>
        </div>`;
    }

    function reservation() {
      const s = secondsLeft.value;
      if (s === null) return null;
      return s > 0
        ? html`<p class="reservation">
            <strong role="timer" data-testid="reservation-countdown">${t('reservedFor', { time: remaining(s) })}</strong>
            <span class="muted small">${t('reservationNote')}</span></p>`
        : html`<p class="reservation lapsed small" data-testid="reservation-lapsed">${t('reservationLapsed')}</p>`;
    }

    /** Lines the shopper must look at first: the checkout would refuse the cart as it is. */
    const blocked = (c) => c.lines.some((l) => l.unavailable || l.insufficientStock || l.priceChanged);

    function summary(c) {
      return html`
        <aside class="card cart-summary" aria-label=${t('subtotal')}>
          <dl class="summary-rows">
            <dt>${t('items')}</dt><dd data-testid="cart-item-count">${c.itemCount}</dd>
            <dt>${t('subtotal')}</dt><dd class="summary-total" data-testid="cart-subtotal">${money(c.subtotal)}</dd>
          </dl>
          ${reservation()}
          ${blocked(c)
            ? html`<p class="checkout-blocked small" data-testid="checkout-blocked">${t('checkoutBlocked')}</p>` : null}
          ${blocked(c)
            ? html`<button type="button" class="btn btn-primary btn-block btn-large" disabled data-testid="checkout-button">${t('goToCheckout')}</button>`
            : html`<a href="/checkout" class="btn btn-primary btn-block btn-large" data-testid="checkout-button">${t('goToCheckout')}</a>`}
          <a href="/" class="btn btn-block">${t('continueShopping')}</a>
        </aside>`;
    }

    return () => {
      const c = cart.data;
      let body;
      if (!c && (loading.value || !cart.loaded)) body = html`<p class="muted">${t('loading')}</p>`;
      else if (!c || !c.lines.length) {
        body = html`
          <div class="empty-page" data-testid="cart-empty">
            <p class="lead">${t('emptyCart')}</p>
            <a href="/" class="btn btn-primary">${t('continueShopping')}</a>
          </div>`;
      } else {
        body = [
          priceNotice(c),
          html`
            <div class="cart-layout">
              <ul class="cart-lines" aria-live="polite">${c.lines.map(line)}</ul>
              ${summary(c)}
            </div>`,
          ...cartBelow().map((part) => h(part, { cart: c })),
        ];
      }
      return html`
        <section class="container page" data-testid="cart-page">
          <h1 class="page-title">${t('yourCart')}</h1>
          ${mergedNotice()}
          ${currencyNotice()}
          ${body}
        </section>`;
    };
  },
};
