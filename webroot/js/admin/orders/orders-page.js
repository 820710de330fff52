// The orders (GET /admin/orders), newest first, a page at a time, filtered by state, the exact
// e-mail, the number and the day range they were placed in. The filters live in the page's address
// (#/orders?state=paid&from=2026-01-01), so the list comes back as it was from an order's page.
import { ref, reactive, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { FieldError } from '../../shared/errors.js';
import { LoadMore } from '../../shared/load-more.js';
import { countryName } from '../../shared/address.js';
import { api, errors, validationError, t } from '../context.js';
import { STATES, money, when, stateBadge, stateLabel, paymentBadge, ordersList } from './format.js';

const PAGE = 25;
const KEYS = ['state', 'email', 'number', 'from', 'to'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the page's address. */
function fromAddress() {
  const q = new URLSearchParams(window.location.hash.split('?')[1] || '');
  return Object.fromEntries(KEYS.map((k) => [k, q.get(k) || '']));
}

/** Local midnight of a yyyy-mm-dd day, as an instant; days later when asked (to: the day after, exclusive). */
function dayStart(day, plusDays = 0) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export const OrdersPage = {
  name: 'OrdersPage',
  setup() {
    const filters = reactive(fromAddress());
    const applied = ref({ ...filters });
    const items = ref([]);
    const next = ref(null);
    const loading = ref(false);
    const problem = ref(null);
    let requestNo = 0;
    const exporting = ref(false);

    /** The applied filters' orders as a CSV download (streamed by the server; needs the bearer token, so fetched here). */
    async function exportCsv() {
      exporting.value = true;
      try {
        const q = query(applied.value);
        const params = new URLSearchParams();
        ['state', 'from', 'to'].forEach((k) => { if (q[k]) params.set(k, q[k]); });
        const res = await fetch(`/api/v1/admin/orders.csv${params.toString() ? `?${params}` : ''}`,
          { headers: { Authorization: await api.authorization() } });
        if (!res.ok) throw Object.assign(new Error(t('exportFailed')), await res.json().catch(() => ({})));
        const url = URL.createObjectURL(await res.blob());
        const a = Object.assign(document.createElement('a'), { href: url, download: 'orders.csv' });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      } catch (e) {
        errors.show(e);
      } finally {
        exporting.value = false;
      }
    }

    function query(f) {
      return {
        state: f.state || undefined,
        email: f.email.trim() || undefined,
        number: f.number.trim() || undefined,
        from: f.from ? dayStart(f.from) : undefined,
        to: f.to ? dayStart(f.to, 1) : undefined,
      };
    }

    async function load(reset) {
      const my = ++requestNo;
      loading.value = true;
      try {
        const res = await api.get('/admin/orders', { query: { ...query(applied.value), limit: PAGE, after: reset ? undefined : next.value } });
        if (my !== requestNo) return;
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        next.value = res.nextCursor || null;
      } catch (e) {
        if (my !== requestNo) return;
        problem.value = e;
        errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }

    function apply() {
      errors.clear();
      problem.value = null;
      const wrong = [];
      if (filters.from && !DAY.test(filters.from)) wrong.push({ field: 'from', message: t('dayInvalid') });
      if (filters.to && !DAY.test(filters.to)) wrong.push({ field: 'to', message: t('dayInvalid') });
      if (!wrong.length && filters.from && filters.to && filters.from > filters.to) wrong.push({ field: 'to', message: t('toBeforeFrom') });
      if (wrong.length) { problem.value = validationError(wrong); return; }
      applied.value = { ...filters };
      const qs = new URLSearchParams(Object.entries(applied.value).filter(([, v]) => v)).toString();
      ordersList.hash = qs ? `#/orders?${qs}` : '#/orders';
      history.replaceState(null, '', ordersList.hash);
      load(true);
    }

    function reset() {
      KEYS.forEach((k) => { filters[k] = ''; });
      apply();
    }

    onMounted(() => {
      ordersList.hash = window.location.hash || '#/orders';
      load(true);
    });

    const filtered = () => KEYS.some((k) => applied.value[k]);

    const row = (o) => html`
      <tr key=${o.id} data-testid="order-row" data-number=${o.number}>
        <td class="cell-main">
          <a href=${`#/orders/${o.id}`} class="row-link" data-testid="order-link">${o.number}</a>
          <span class="cell-sub muted small">${when(o.placedAt)}</span>
        </td>
        <td data-label=${t('customer')}>
          <span class="row-title">${o.shipToName || '—'}</span>
          ${o.customerId ? null : html` <span class="badge badge-muted">${t('guest')}</span>`}
          <span class="cell-sub muted small wrap-anywhere">${o.email}${o.shipToCountry ? ` · ${countryName(o.shipToCountry)}` : ''}</span>
        </td>
        <td class="num" data-label=${t('items')}>${o.itemCount}</td>
        <td class="num" data-label=${t('total')}><strong>${money(o.total)}</strong></td>
        <td data-label=${t('status')}>${stateBadge(o.state, 'order-row-state')}</td>
        <td data-label=${t('payment')}>${paymentBadge(o.paymentStatus, 'order-row-payment')}</td>
      </tr>`;

    return () => html`
      <section class="page">
        <div class="page-head">
          <h1 class="page-title">${t('navOrders')}</h1>
          <div class="page-actions">
            <button type="button" class="btn" onClick=${exportCsv} disabled=${exporting.value} data-testid="export-csv">
              ${exporting.value ? t('exporting') : t('exportCsv')}</button>
          </div>
        </div>
        <form class="card filter-bar" onSubmit=${prevent(apply)} novalidate data-testid="order-filters">
          <label class="field">
            <span>${t('status')}</span>
            <select value=${filters.state} onChange=${(e) => { filters.state = e.target.value; apply(); }} data-testid="filter-state">
              <option value="">${t('allStates')}</option>
              ${STATES.map((s) => html`<option key=${s} value=${s}>${stateLabel(s)}</option>`)}
            </select>
          </label>
          <label class="field field-grow">
            <span>${t('email')}</span>
            <input ...${model(filters, 'email')} type="email" placeholder=${t('exactEmail')} data-testid="filter-email" />
          </label>
          <label class="field">
            <span>${t('orderNumber')}</span>
            <input ...${model(filters, 'number')} type="text" placeholder="KC-100001" data-testid="filter-number" />
          </label>
          <label class="field">
            <span>${t('placedFrom')}</span>
            <input ...${model(filters, 'from')} type="date" data-testid="filter-from" aria-describedby="filter-from-error" />
            <${FieldError} error=${problem.value} field="from" id="filter-from-error" />
          </label>
          <label class="field">
            <span>${t('placedTo')}</span>
            <input ...${model(filters, 'to')} type="date" data-testid="filter-to" aria-describedby="filter-to-error" />
            <${FieldError} error=${problem.value} field="to" id="filter-to-error" />
          </label>
          <div class="filter-actions">
            <button type="submit" class="btn btn-primary" data-testid="apply-filters">${t('apply')}</button>
            ${filtered() ? html`<button type="button" class="btn btn-ghost" onClick=${reset} data-testid="reset-filters">${t('reset')}</button>` : null}
          </div>
        </form>
        <div class="card table-card">
          <table class="table table-stack orders-table" data-testid="orders-table">
            <thead>
              <tr><th scope="col">${t('order')}</th><th scope="col">${t('customer')}</th><th scope="col" class="num">${t('items')}</th>
                <th scope="col" class="num">${t('total')}</th><th scope="col">${t('status')}</th><th scope="col">${t('payment')}</th></tr>
            </thead>
            <tbody>
              ${items.value.map(row)}
              ${!loading.value && !items.value.length
                ? html`<tr><td colspan="6" class="empty" data-testid="no-orders">${filtered() ? t('noOrdersMatch') : t('noOrders')}</td></tr>` : null}
            </tbody>
          </table>
        </div>
        <${LoadMore} hasMore=${!!next.value} loading=${loading.value} label=${t('loadMore')} loadingLabel=${t('loading')}
          testid="next-page" onMore=${() => load(false)} />
      </section>`;
  },
};
