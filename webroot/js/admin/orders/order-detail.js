// One order for staff (GET /admin/orders/<id>): state and payment, what staff should look at (flags),
// the items with net, VAT and gross, the totals, the customer, the addresses, the shipping, the
// payment at the provider, what staff do with it (OrderActions: ship, deliver, refund, cancel,
// returns), and the timeline: every change, who made it and when.
import { ref, watch } from 'vue';
import { html } from '../../shared/html.js';
import { AddressBlock } from '../../shared/address.js';
import { api, errors, t } from '../context.js';
import { OrderActions } from './order-actions.js';
import { money, when, whenExact, stateBadge, stateLabel, paymentBadge, eventLabel, actorLabel, rate, ordersList } from './format.js';

export const OrderDetail = {
  name: 'OrderDetail',
  props: { id: { type: String, required: true } },
  setup(props) {
    const detail = ref(null);
    const missing = ref(false);
    const loading = ref(false);

    async function load() {
      loading.value = true;
      try {
        detail.value = await api.get(`/admin/orders/${encodeURIComponent(props.id)}`);
        missing.value = false;
      } catch (e) {
        if (e.code === 'ORDER_NOT_FOUND') missing.value = true;
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }
    watch(() => props.id, load, { immediate: true });

    function items(o) {
      const inc = o.pricesIncludeTax;
      const s = o.totals;
      return html`
        <section class="card admin-card" aria-labelledby="items-title">
          <h2 class="section-title" id="items-title">${t('itemsCount', { n: o.itemCount })}</h2>
          <div class="table-scroll">
            <table class="table table-stack order-lines" data-testid="order-lines">
              <thead><tr><th scope="col">${t('product')}</th><th scope="col" class="num">${t('qty')}</th>
                <th scope="col" class="num">${t('unitPrice')}</th><th scope="col" class="num">${t('net')}</th>
                <th scope="col" class="num">${t('vat')}</th><th scope="col" class="num">${t('gross')}</th></tr></thead>
              <tbody>
                ${o.lines.map((l) => html`
                  <tr key=${l.variantId} data-testid="order-line">
                    <td>
                      <span class="row-title">${l.productName || l.sku}</span>
                      <span class="cell-sub muted small"><code>${l.sku}</code>${Object.entries(l.options || {}).map(([k, v]) => ` · ${k}: ${v}`).join('')}</span>
                    </td>
                    <td class="num" data-label=${t('qty')}>${l.quantity}</td>
                    <td class="num" data-label=${t('unitPrice')}>${money(l.unitPrice)}</td>
                    <td class="num" data-label=${t('net')}>${money(l.net)}</td>
                    <td class="num" data-label=${t('vat')}>${money(l.tax)} <span class="muted small">${rate(l.taxRate)}</span></td>
                    <td class="num" data-label=${t('gross')}><strong>${money(l.gross)}</strong></td>
                  </tr>`)}
              </tbody>
            </table>
          </div>
          <dl class="totals admin-totals" data-testid="order-totals">
            <dt>${inc ? t('itemsGross') : t('itemsNet')}</dt><dd>${money(inc ? s.itemsGross : s.itemsNet)}</dd>
            <dt>${t('shipping')}${o.shipping ? html` <span class="muted small">· ${o.shipping.name}</span>` : null}</dt>
            <dd>${money(inc ? s.shippingGross : s.shippingNet)}</dd>
            <dt class="minor">${t('net')}</dt><dd class="minor">${money(s.net)}</dd>
            <dt class="minor">${t('vat')}</dt><dd class="minor">${money(s.tax)}</dd>
            <dt class="total-label">${t('total')}</dt><dd class="total-amount" data-testid="order-total">${money(s.total)}</dd>
          </dl>
          <p class="muted small">${inc ? t('pricesInclTax') : t('pricesExclTax')}</p>
        </section>`;
    }

    function payment(o) {
      const p = o.payment;
      return html`
        <section class="card admin-card" aria-labelledby="payment-title" data-testid="order-payment">
          <h2 class="section-title" id="payment-title">${t('payment')}</h2>
          ${!p ? html`<p class="muted">${t('noPayment')}</p>` : html`
            <dl class="kv kv-compact">
              <dt>${t('status')}</dt><dd>${paymentBadge(p.status)}</dd>
              <dt>${t('provider')}</dt><dd>${p.provider}</dd>
              <dt>${t('amount')}</dt><dd>${money(p.amount)}</dd>
              ${p.refunded && p.refunded.amount ? html`<dt>${t('refunded')}</dt><dd>${money(p.refunded)}</dd>` : null}
              <dt>${t('intent')}</dt><dd><code class="wrap-anywhere">${p.intentId || '—'}</code></dd>
              ${p.lastError ? html`<dt>${t('lastError')}</dt><dd class="out" data-testid="payment-last-error">${p.lastError}</dd>` : null}
              <dt>${t('updatedLabel')}</dt><dd>${when(p.updatedAt)}</dd>
            </dl>`}
          ${o.state === 'placed' ? html`<p class="muted small">${t('dueBy', { time: when(o.paymentDueAt) })}</p>` : null}
        </section>`;
    }

    function customer(o) {
      const sameBilling = JSON.stringify(o.billingAddress) === JSON.stringify(o.shippingAddress);
      return html`
        <section class="card admin-card" aria-labelledby="customer-title">
          <h2 class="section-title" id="customer-title">${t('customer')}</h2>
          <p class="wrap-anywhere"><a href=${`mailto:${o.email}`} data-testid="order-email">${o.email}</a></p>
          <p class="muted small">${o.customerId ? html`${t('customerAccount')} <code>${o.customerId.slice(0, 8)}</code>` : t('guestCheckout')}</p>
          <div class="admin-addresses">
            <div>
              <h3 class="sub-title">${t('shipTo')}</h3>
              <${AddressBlock} address=${o.shippingAddress} testid="order-ship-to" />
            </div>
            <div>
              <h3 class="sub-title">${t('billTo')}</h3>
              ${sameBilling ? html`<p class="muted small">${t('sameAsShipping')}</p>` : html`<${AddressBlock} address=${o.billingAddress} />`}
            </div>
          </div>
          ${o.shipping ? html`
            <div>
              <h3 class="sub-title">${t('shipping')}</h3>
              <p>${o.shipping.name} · ${money(o.shipping.gross)}</p>
              <p class="muted small">${t(o.shipping.minDays === 1 && o.shipping.maxDays === 1 ? 'deliveryDaysOne' : 'deliveryDays', { days: o.shipping.minDays === o.shipping.maxDays ? o.shipping.minDays : `${o.shipping.minDays}–${o.shipping.maxDays}` })}</p>
            </div>` : null}
        </section>`;
    }

    function timeline(list) {
      return html`
        <section class="card admin-card" aria-labelledby="timeline-title">
          <h2 class="section-title" id="timeline-title">${t('timeline')}</h2>
          <ol class="timeline" data-testid="timeline">
            ${[...list].reverse().map((e) => html`
              <li key=${e.version} class="timeline-event" data-testid="timeline-event" data-type=${e.type}>
                <span class="timeline-dot" aria-hidden="true"></span>
                <div class="timeline-body">
                  <p class="timeline-title"><strong>${eventLabel(e.type)}</strong>
                    ${e.toState && e.fromState !== e.toState
                      ? html` <span class="muted small" data-testid="timeline-states">${e.fromState ? `${stateLabel(e.fromState)} → ` : ''}${stateLabel(e.toState)}</span>` : null}</p>
                  ${e.note ? html`<p class="timeline-note small">${e.note}</p>` : null}
                  <p class="muted small"><time datetime=${e.at} title=${whenExact(e.at)}>${when(e.at)}</time> · ${actorLabel(e.actor, e.actorName)}</p>
                </div>
              </li>`)}
          </ol>
        </section>`;
    }

    return () => {
      const d = detail.value;
      if (missing.value) {
        return html`<section class="page"><a href="#/orders" class="back-link">← ${t('navOrders')}</a>
          <h1 class="page-title">${t('orderNotFound')}</h1></section>`;
      }
      if (!d) return html`<section class="page"><p class="muted">${t('loading')}</p></section>`;
      const o = d.order;
      return html`
        <section class="page order-detail" data-testid="order-detail">
          <a href=${ordersList.hash} class="back-link" data-testid="back-to-orders">← ${t('navOrders')}</a>
          <div class="page-head">
            <div>
              <h1 class="page-title"><span class="muted">${t('order')}</span> <span data-testid="order-number">${o.number}</span></h1>
              <p class="muted small">${t('placedAt', { time: when(o.placedAt) })} · ${t('updatedAt', { time: when(o.updatedAt) })}</p>
            </div>
            <div class="page-actions badges">
              ${stateBadge(o.state)}
              ${paymentBadge(o.payment && o.payment.status)}
              <button type="button" class="btn btn-small" onClick=${load} disabled=${loading.value} data-testid="refresh-order">${t('refreshOrder')}</button>
            </div>
          </div>
          ${(o.flags || []).length ? html`
            <div class="banner banner-warn notice" role="status" data-testid="order-flags">
              <strong>${t('needsAttention')}</strong> ${o.flags.map((f) => html`<span key=${f} class="badge tone-warn">${f}</span>`)}
            </div>` : null}
          <div class="order-admin-grid">
            <div class="stack">
              ${items(o)}
              ${payment(o)}
            </div>
            <div class="stack">
              <${OrderActions} detail=${d} onChanged=${(next) => { detail.value = next; }} />
              ${customer(o)}
              ${timeline(d.timeline || [])}
            </div>
          </div>
        </section>`;
    };
  },
};
