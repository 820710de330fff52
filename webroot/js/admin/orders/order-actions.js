// What staff do with an order (roles admin and fulfilment), beside its detail: ship units with a
// carrier and tracking (POST /admin/orders/<id>/fulfilments), mark it delivered, cancel it, refund by
// amount or lines, and handle the customer's returns (approve or reject, receive with restock,
// refund). Each action sends an Idempotency-Key and shows the order as the server answers it; a
// refused action shows why. What cannot be undone (a refund, a return's refund, marking it delivered)
// is asked first, saying what will happen. Shipments, refunds and returns are listed with their states.
import { reactive, ref } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { toMajor, toMinor } from '../../shared/money.js';
import { api, errors, notify, t } from '../context.js';
import { money, when } from './format.js';

const SHIPPABLE = ['paid', 'partially_fulfilled'];
const CANCELLABLE = ['placed', 'paid'];
const REFUNDABLE = ['succeeded', 'partially_refunded'];

/** Units of each variant shipped so far, and returned (returns not rejected). */
function tally(list, skip) {
  const out = {};
  (list || []).filter((x) => !skip || !skip(x)).forEach((x) => x.lines.forEach((l) => { out[l.variantId] = (out[l.variantId] || 0) + l.quantity; }));
  return out;
}

/** Units of each variant refunded (refunds not failed): by lines only (those never ship), or also by return. */
function refundedUnits(o, byLinesOnly) {
  return tally((o.refunds || []).filter((r) => r.lines), (r) => r.status === 'failed' || (byLinesOnly && r.returnId));
}

/** What refunding {@code lines} ({variantId, quantity}) pays back: each line's gross per unit, as the server sizes it. */
function linesValue(o, lines) {
  return lines.reduce((sum, q) => {
    const line = o.lines.find((l) => l.variantId === q.variantId);
    return line ? sum + Math.floor((line.gross.amount * q.quantity) / line.quantity) : sum;
  }, 0);
}

/** The units of return {@code r} not refunded already (a refund by lines may have paid some back). */
function returnLeft(o, r) {
  const refunded = refundedUnits(o, false);
  return r.lines.map((l) => {
    const line = o.lines.find((x) => x.variantId === l.variantId);
    return { variantId: l.variantId, quantity: line ? Math.max(0, Math.min(l.quantity, line.quantity - (refunded[l.variantId] || 0))) : 0 };
  }).filter((l) => l.quantity > 0);
}

/** Units of each line left to ship: not shipped and not refunded by lines. */
function leftToShip(o) {
  const shipped = tally(o.fulfilments);
  const refunded = refundedUnits(o, true);
  return Object.fromEntries(o.lines.map((l) => [l.variantId,
    Math.max(0, l.quantity - (shipped[l.variantId] || 0) - (refunded[l.variantId] || 0))]));
}

export const OrderActions = {
  name: 'OrderActions',
  props: { detail: { type: Object, required: true }, onChanged: { type: Function, required: true } },
  setup(props) {
    const busy = ref(false);
    const ship = reactive({ open: false, qty: {}, carrier: '', trackingNumber: '', trackingUrl: '' });
    const refund = reactive({ open: false, amount: '', reason: '', mode: 'amount', qty: {} });
    const cancel = reactive({ open: false, reason: '' });

    async function act(action, done) {
      busy.value = true;
      errors.clear();
      try {
        props.onChanged(await action());
        if (done) notify(done);
        return true;
      } catch (e) {
        errors.show(e);
        return false;
      } finally {
        busy.value = false;
      }
    }

    const base = () => `/admin/orders/${encodeURIComponent(props.detail.order.id)}`;

    function openShip(o) {
      ship.qty = leftToShip(o);
      Object.assign(ship, { open: true, carrier: '', trackingNumber: '', trackingUrl: '' });
    }

    async function submitShip() {
      const lines = Object.entries(ship.qty).map(([variantId, q]) => ({ variantId, quantity: Number(q) })).filter((l) => l.quantity > 0);
      const body = { lines, carrier: ship.carrier.trim() || null, trackingNumber: ship.trackingNumber.trim() || null,
        trackingUrl: ship.trackingUrl.trim() || null };
      if (await act(() => api.post(`${base()}/fulfilments`, body, { idempotent: true }), t('shipped'))) ship.open = false;
    }

    async function submitRefund(o) {
      const body = { reason: refund.reason.trim() || null };
      if (refund.mode === 'amount') {
        const minor = toMinor(refund.amount, o.currency);
        if (minor === null || Number.isNaN(minor) || minor < 1) {
          errors.show({ message: t('refundAmountInvalid') });
          return;
        }
        body.amount = minor;
      } else {
        body.lines = Object.entries(refund.qty).map(([variantId, q]) => ({ variantId, quantity: Number(q) })).filter((l) => l.quantity > 0);
        if (!body.lines.length) {
          errors.show({ message: t('refundNothing') });
          return;
        }
      }
      const amount = body.amount !== undefined ? body.amount : linesValue(o, body.lines);
      if (!window.confirm(t('confirmRefund', { amount: money({ amount, currency: o.currency }) }))) return;
      if (await act(() => api.post(`${base()}/refunds`, body, { idempotent: true }), t('refundSent'))) refund.open = false;
    }

    async function submitCancel() {
      if (await act(() => api.post(`${base()}/cancel`, { reason: cancel.reason.trim() || null }, { idempotent: true }), t('orderCancelled'))) {
        cancel.open = false;
      }
    }

    const delivered = (o) => window.confirm(t('confirmDelivered', { number: o.number }))
      && act(() => api.post(`${base()}/delivered`, null, { idempotent: true }), t('markedDelivered'));
    const decide = (r, approve) => act(() => api.post(`${base()}/returns/${r.id}/decision`, { approve, note: null }, { idempotent: true }),
      approve ? t('returnApproved') : t('returnRejected'));
    const receive = (r, restock) => act(() => api.post(`${base()}/returns/${r.id}/received`, { restock }, { idempotent: true }),
      t('returnReceived'));
    const refundReturn = (o, r) => window.confirm(t('confirmRefundReturn', {
      amount: money({ amount: linesValue(o, returnLeft(o, r)), currency: o.currency }),
      units: r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', '),
    })) && act(() => api.post(`${base()}/refunds`, { returnId: r.id, reason: 'return' }, { idempotent: true }),
      t('refundSent'));

    function shipForm(o) {
      const left = leftToShip(o);
      return html`
        <form class="stack ops-form" onSubmit=${prevent(submitShip)} data-testid="ship-form">
          <table class="table compact-table">
            <thead><tr><th scope="col">${t('product')}</th><th scope="col" class="num">${t('leftToShip')}</th><th scope="col" class="num">${t('shipNow')}</th></tr></thead>
            <tbody>${o.lines.map((l) => html`
              <tr key=${l.variantId}>
                <td><span class="row-title">${l.productName || l.sku}</span> <code class="muted small">${l.sku}</code></td>
                <td class="num">${left[l.variantId]}</td>
                <td class="num"><input type="number" min="0" max=${left[l.variantId]} class="input-qty"
                  aria-label=${t('shipNow')} ...${model(ship.qty, l.variantId)} data-testid="ship-qty" /></td>
              </tr>`)}</tbody>
          </table>
          <div class="field-row">
            <label class="field"><span>${t('carrier')}</span><input ...${model(ship, 'carrier')} maxlength="100" placeholder="DHL" data-testid="ship-carrier" /></label>
            <label class="field"><span>${t('trackingNumber')}</span><input ...${model(ship, 'trackingNumber')} maxlength="100" data-testid="ship-tracking" /></label>
          </div>
          <label class="field"><span>${t('trackingUrl')}</span><input type="url" ...${model(ship, 'trackingUrl')} maxlength="500" placeholder="https://" /></label>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled=${busy.value || !Object.values(ship.qty).some((q) => Number(q) > 0)}
                    title=${Object.values(ship.qty).some((q) => Number(q) > 0) ? null : t('shipNothing')} data-testid="ship-submit">${t('shipSubmit')}</button>
            <button type="button" class="btn btn-ghost" onClick=${() => { ship.open = false; }}>${t('close')}</button>
          </div>
        </form>`;
    }

    function refundForm(o) {
      const p = o.payment;
      const left = p.amount.amount - (p.refunded ? p.refunded.amount : 0);
      const refunded = refundedUnits(o, false);
      return html`
        <form class="stack ops-form" onSubmit=${prevent(() => submitRefund(o))} data-testid="refund-form">
          <p class="muted small">${t('refundableLeft', { amount: money({ amount: left, currency: o.currency }) })}</p>
          <div class="segmented" role="radiogroup" aria-label=${t('refundBy')}>
            <label><input type="radio" name="refund-mode" checked=${refund.mode === 'amount'} onChange=${() => { refund.mode = 'amount'; }} /> ${t('refundByAmount')}</label>
            <label><input type="radio" name="refund-mode" checked=${refund.mode === 'lines'} onChange=${() => { refund.mode = 'lines'; }} /> ${t('refundByLines')}</label>
          </div>
          ${refund.mode === 'amount' ? html`
            <label class="field field-narrow-md"><span>${t('amount')} (${o.currency})</span>
              <input inputmode="decimal" ...${model(refund, 'amount')} placeholder=${toMajor(left, o.currency)} data-testid="refund-amount" /></label>` : html`
            <p class="muted small" data-testid="refund-lines-hint">${t('refundLinesHint')}</p>
            <table class="table compact-table"><tbody>${o.lines.map((l) => html`
              <tr key=${l.variantId}><td>${l.productName || l.sku} <span class="muted small">× ${l.quantity} · ${money(l.gross)}</span></td>
                <td class="num"><input type="number" min="0" max=${Math.max(0, l.quantity - (refunded[l.variantId] || 0))} class="input-qty" aria-label=${t('qty')} ...${model(refund.qty, l.variantId)} /></td></tr>`)}
            </tbody></table>`}
          <label class="field"><span>${t('reason')}</span><input ...${model(refund, 'reason')} maxlength="500" data-testid="refund-reason" /></label>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled=${busy.value} data-testid="refund-submit">${t('refundSubmit')}</button>
            <button type="button" class="btn btn-ghost" onClick=${() => { refund.open = false; }}>${t('close')}</button>
          </div>
        </form>`;
    }

    function cancelForm() {
      return html`
        <form class="stack ops-form" onSubmit=${prevent(submitCancel)} data-testid="cancel-form">
          <p class="muted small">${t('cancelExplain')}</p>
          <label class="field"><span>${t('reason')}</span><input ...${model(cancel, 'reason')} maxlength="500" data-testid="cancel-reason" /></label>
          <div class="form-actions">
            <button type="submit" class="btn btn-danger" disabled=${busy.value} data-testid="cancel-submit">${t('cancelSubmit')}</button>
            <button type="button" class="btn btn-ghost" onClick=${() => { cancel.open = false; }}>${t('close')}</button>
          </div>
        </form>`;
    }

    function shipments(o) {
      if (!o.fulfilments.length) return null;
      return html`
        <div data-testid="shipments">
          <h3 class="sub-title">${t('shipments')}</h3>
          <ul class="plain-list">${o.fulfilments.map((f) => html`
            <li key=${f.id} class="ops-item" data-testid="shipment">
              <strong>${f.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}</strong>
              <span class="muted small"> · ${when(f.at)}</span>
              ${f.carrier || f.trackingNumber ? html`<div class="small">${f.carrier || ''} ${f.trackingUrl
                ? html`<a href=${f.trackingUrl} target="_blank" rel="noopener noreferrer" data-testid="tracking">${f.trackingNumber || f.trackingUrl}</a>`
                : html`<span data-testid="tracking">${f.trackingNumber || ''}</span>`}</div>` : null}
            </li>`)}</ul>
        </div>`;
    }

    function refunds(o) {
      if (!o.refunds.length) return null;
      return html`
        <div data-testid="refunds">
          <h3 class="sub-title">${t('refunds')}</h3>
          <ul class="plain-list">${o.refunds.map((r) => html`
            <li key=${r.id} class="ops-item" data-testid="refund">
              <strong>${money(r.amount)}</strong> <span class=${['badge', `tone-${r.status === 'succeeded' ? 'success' : r.status === 'failed' ? 'danger' : 'info'}`]}>${t(`refund_${r.status}`)}</span>
              <span class="muted small"> · ${when(r.at)}${r.reason ? ` · ${r.reason}` : ''}</span>
              ${r.error ? html`<div class="small out">${r.error}</div>` : null}
            </li>`)}</ul>
        </div>`;
    }

    function returns(o) {
      if (!o.returns.length) return null;
      const canRefund = o.payment && REFUNDABLE.includes(o.payment.status);
      return html`
        <div data-testid="returns">
          <h3 class="sub-title">${t('returns')}</h3>
          <ul class="plain-list">${o.returns.map((r) => html`
            <li key=${r.id} class="ops-item" data-testid="return" data-status=${r.status}>
              <strong>${r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}</strong>
              <span class="badge tone-info">${t(`return_${r.status}`)}</span>
              <div class="small">“${r.reason}”${r.note ? html` <span class="muted">— ${r.note}</span>` : null}</div>
              <div class="row-actions">
                ${r.status === 'requested' ? html`
                  <button type="button" class="btn btn-small btn-primary" disabled=${busy.value} onClick=${() => decide(r, true)} data-testid="return-approve">${t('approve')}</button>
                  <button type="button" class="btn btn-small" disabled=${busy.value} onClick=${() => decide(r, false)} data-testid="return-reject">${t('reject')}</button>` : null}
                ${r.status === 'approved' || (r.status === 'refunded' && !r.receivedAt && !r.restocked) ? html`
                  <button type="button" class="btn btn-small btn-primary" disabled=${busy.value} onClick=${() => receive(r, true)} data-testid="return-restock">${t('receiveRestock')}</button>
                  <button type="button" class="btn btn-small" disabled=${busy.value} onClick=${() => receive(r, false)}>${t('receiveOnly')}</button>` : null}
                ${(r.status === 'received' || r.status === 'approved') && canRefund ? html`
                  <button type="button" class="btn btn-small" disabled=${busy.value} onClick=${() => refundReturn(o, r)} data-testid="return-refund">${t('refundReturn')}</button>` : null}
              </div>
            </li>`)}</ul>
        </div>`;
    }

    return () => {
      const o = props.detail.order;
      const canShip = SHIPPABLE.includes(o.state);
      const canRefund = o.payment && REFUNDABLE.includes(o.payment.status);
      const canCancel = CANCELLABLE.includes(o.state);
      const canDeliver = o.state === 'fulfilled';
      return html`
        <section class="card admin-card" aria-labelledby="ops-title" data-testid="order-actions">
          <h2 class="section-title" id="ops-title">${t('fulfilment')}</h2>
          <div class="row-actions wrap">
            ${canShip ? html`<button type="button" class="btn btn-primary" disabled=${busy.value} onClick=${() => openShip(o)} data-testid="open-ship">${t('ship')}</button>` : null}
            ${canDeliver ? html`<button type="button" class="btn btn-primary" disabled=${busy.value} onClick=${() => delivered(o)} data-testid="mark-delivered">${t('markDelivered')}</button>` : null}
            ${canRefund ? html`<button type="button" class="btn" disabled=${busy.value} onClick=${() => { Object.assign(refund, { open: true, amount: '', reason: '', mode: 'amount', qty: {} }); }} data-testid="open-refund">${t('refund')}</button>` : null}
            ${canCancel ? html`<button type="button" class="btn btn-ghost btn-danger-text" disabled=${busy.value} onClick=${() => { cancel.open = true; }} data-testid="open-cancel">${t('cancelOrder')}</button>` : null}
          </div>
          ${!canShip && !canDeliver && !canRefund && !canCancel ? html`<p class="muted small">${t('noActions')}</p>` : null}
          ${ship.open && canShip ? shipForm(o) : null}
          ${refund.open && canRefund ? refundForm(o) : null}
          ${cancel.open && canCancel ? cancelForm() : null}
          ${shipments(o)}
          ${refunds(o)}
          ${returns(o)}
        </section>`;
    };
  },
};
