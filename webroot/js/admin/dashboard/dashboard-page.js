// The sales dashboard (GET /admin/analytics/dashboard): a day range with quick presets, per day or
// week, in one currency; KPI tiles, revenue and customers over time, the conversion funnel, and the
// top products and categories. The range lives in the page's address (#/dashboard?from=…&to=…).
import { ref, reactive, computed, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { FieldError } from '../../shared/errors.js';
import { formatMoney } from '../../shared/money.js';
import { api, errors, validationError, t, CURRENCIES } from '../context.js';
import { ChartCanvas, PALETTE } from './charts.js';

/** This feature's text of key (its messages are prefixed with dash). */
const tr = (key, vars) => t(`dash${key[0].toUpperCase()}${key.slice(1)}`, vars);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 732;
const PRESETS = [[7, 'last7'], [30, 'last30'], [90, 'last90'], [365, 'last365']];
const MS_PER_DAY = 86_400_000;

const utcDay = (date) => date.toISOString().slice(0, 10);
const addDays = (day, n) => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY));
const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
/** The Monday of a day's week (ISO weeks, as the server's). */
const monday = (day) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
const count = (n) => (n ?? 0).toLocaleString('en');
const percent = (part, whole) => (whole ? `${((100 * part) / whole).toLocaleString('en', { maximumFractionDigits: 1 })}%` : '—');
const shortDay = (day) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function fromAddress() {
  const q = new URLSearchParams(window.location.hash.split('?')[1] || '');
  const today = utcDay(new Date());
  return {
    from: q.get('from') || addDays(today, -29),
    to: q.get('to') || today,
    granularity: q.get('granularity') === 'week' ? 'week' : 'day',
    currency: q.get('currency') || '',
  };
}

/** Every period of the range (a missing one had no sales), with its figures or zeros. */
function periodsOf(dashboard) {
  const byStart = new Map(dashboard.periods.map((p) => [p.start, p.figures]));
  const list = [];
  const step = dashboard.granularity === 'week' ? 7 : 1;
  for (let day = dashboard.granularity === 'week' ? monday(dashboard.from) : dashboard.from; day <= dashboard.to; day = addDays(day, step)) {
    list.push({ start: day, figures: byStart.get(day) || null });
  }
  return list;
}

export const DashboardPage = {
  name: 'DashboardPage',
  setup() {
    const form = reactive(fromAddress());
    const dashboard = ref(null);
    const loading = ref(false);
    const problem = ref(null);
    const chartsFailed = ref(false);
    let requestNo = 0;

    const currency = computed(() => (dashboard.value && dashboard.value.currency) || form.currency || CURRENCIES[0]);
    const money = (amount) => formatMoney(amount ?? 0, currency.value, 'en');
    const major = (amount) => (amount ?? 0) / 100;

    async function load() {
      const my = ++requestNo;
      loading.value = true;
      try {
        const result = await api.get('/admin/analytics/dashboard', {
          query: { from: form.from, to: form.to, granularity: form.granularity, currency: form.currency || undefined },
        });
        if (my === requestNo) dashboard.value = result;
      } catch (e) {
        if (my !== requestNo) return;
        problem.value = e;
        errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }

    function show() {
      errors.clear();
      problem.value = null;
      const wrong = [];
      if (!DAY.test(form.from)) wrong.push({ field: 'from', message: tr('dayInvalid') });
      if (!DAY.test(form.to)) wrong.push({ field: 'to', message: tr('dayInvalid') });
      if (!wrong.length && form.from > form.to) wrong.push({ field: 'to', message: tr('toBeforeFrom') });
      if (!wrong.length && daysBetween(form.from, form.to) + 1 > MAX_DAYS) wrong.push({ field: 'to', message: tr('rangeTooLong') });
      if (wrong.length) { problem.value = validationError(wrong); return; }
      const qs = new URLSearchParams(Object.entries(form).filter(([, v]) => v)).toString();
      history.replaceState(null, '', `#/dashboard?${qs}`);
      load();
    }

    function preset(days) {
      form.to = utcDay(new Date());
      form.from = addDays(form.to, -(days - 1));
      form.granularity = days > 90 ? 'week' : 'day';
      show();
    }

    onMounted(show);

    const periods = computed(() => (dashboard.value ? periodsOf(dashboard.value) : []));
    const labels = computed(() => periods.value.map((p) => (dashboard.value.granularity === 'week'
      ? tr('weekOf', { day: shortDay(p.start) }) : shortDay(p.start))));
    const axisMoney = { ticks: { callback: (v) => formatMoney(v * 100, currency.value, 'en').replace(/\.00$/, '') }, grid: { color: PALETTE.grid } };

    const revenueChart = () => ({
      type: 'bar',
      data: {
        labels: labels.value,
        datasets: [
          { type: 'bar', label: tr('revenue'), data: periods.value.map((p) => major(p.figures && p.figures.revenue)),
            backgroundColor: PALETTE.primarySoft, borderColor: PALETTE.primary, borderWidth: 1, yAxisID: 'money', order: 2 },
          { type: 'line', label: tr('paidOrders'), data: periods.value.map((p) => (p.figures ? p.figures.ordersPaid : 0)),
            borderColor: PALETTE.success, backgroundColor: PALETTE.success, pointRadius: 0, tension: 0.25, yAxisID: 'orders', order: 1 },
        ],
      },
      options: {
        maintainAspectRatio: false, animation: false, interaction: { mode: 'index', intersect: false },
        scales: { money: { ...axisMoney, position: 'left', beginAtZero: true },
          orders: { position: 'right', beginAtZero: true, grid: { display: false }, ticks: { precision: 0 } },
          x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } } },
        plugins: { legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (c) => (c.dataset.yAxisID === 'money' ? `${c.dataset.label}: ${money(c.raw * 100)}` : `${c.dataset.label}: ${count(c.raw)}`) } } },
      },
    });

    const customersChart = () => ({
      type: 'bar',
      data: {
        labels: labels.value,
        datasets: [
          { label: tr('newCustomers'), data: periods.value.map((p) => (p.figures ? p.figures.newCustomers : 0)), backgroundColor: PALETTE.primary },
          { label: tr('returningCustomers'), data: periods.value.map((p) => (p.figures ? p.figures.returningCustomers : 0)), backgroundColor: PALETTE.info },
        ],
      },
      options: {
        maintainAspectRatio: false, animation: false, interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, grid: { color: PALETTE.grid } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });

    const steps = computed(() => {
      const f = dashboard.value ? dashboard.value.funnel : {};
      return [['cartsCreated', f.cartsCreated], ['checkoutsStarted', f.checkoutsStarted], ['ordersPlaced', f.ordersPlaced],
        ['ordersPaid', f.ordersPaid]].map(([key, n]) => ({ key, n: n || 0 }));
    });

    const funnelChart = () => ({
      type: 'bar',
      data: {
        labels: steps.value.map((s) => tr(s.key)),
        datasets: [{ data: steps.value.map((s) => s.n), backgroundColor: [PALETTE.muted, PALETTE.info, PALETTE.primary, PALETTE.success] }],
      },
      options: {
        indexAxis: 'y', maintainAspectRatio: false, animation: false,
        scales: { x: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: PALETTE.grid } }, y: { grid: { display: false } } },
        plugins: { legend: { display: false } },
      },
    });

    const tile = (key, value, sub, testid) => html`
      <div class="card kpi" data-testid=${testid}>
        <span class="kpi-label">${tr(key)}</span>
        <strong class="kpi-value" data-testid=${`${testid}-value`}>${value}</strong>
        <span class="kpi-sub muted small">${sub}</span>
      </div>`;

    const tiles = () => {
      const f = dashboard.value.totals;
      return html`
        <div class="kpi-grid" data-testid="kpis">
          ${tile('kpiRevenue', money(f.revenue), tr(f.ordersPaid === 1 ? 'revenueSubOne' : 'revenueSub', { n: count(f.ordersPaid) }), 'kpi-revenue')}
          ${tile('kpiOrders', count(f.ordersPaid), tr('ordersPlacedSub', { n: count(f.ordersPlaced), c: count(f.cancelled) }), 'kpi-orders')}
          ${tile('kpiAov', money(f.averageOrderValue), tr('aovSub'), 'kpi-aov')}
          ${tile('kpiRefunds', money(f.refunds), tr('refundsSub', { share: percent(f.refunds, f.revenue) }), 'kpi-refunds')}
          ${tile('kpiReturns', count(f.returns), tr(f.returns === 1 ? 'returnsSubOne' : 'returnsSub'), 'kpi-returns')}
          ${tile('kpiCustomers', count(f.newCustomers + f.returningCustomers),
            tr('customersSub', { n: count(f.newCustomers), r: count(f.returningCustomers) }), 'kpi-customers')}
        </div>`;
    };

    const topTable = (titleKey, list, testid) => html`
      <div class="card table-card dashboard-top">
        <h2 class="card-heading">${tr(titleKey)}</h2>
        <table class="table" data-testid=${testid}>
          <thead><tr><th scope="col">${tr('name')}</th><th scope="col" class="num">${tr('units')}</th><th scope="col" class="num">${tr('revenue')}</th></tr></thead>
          <tbody>
            ${list.map((s) => html`
              <tr key=${s.id} data-testid=${`${testid}-row`}>
                <td class="wrap-anywhere">${s.name || tr('unnamed', { id: s.id.slice(0, 8) })}</td>
                <td class="num">${count(s.units)}</td>
                <td class="num">${money(s.revenue)}</td>
              </tr>`)}
            ${list.length ? null : html`<tr><td colspan="3" class="empty">${tr('noSales')}</td></tr>`}
          </tbody>
        </table>
      </div>`;

    const funnelList = () => html`
      <ol class="funnel-steps" data-testid="funnel">
        ${steps.value.map((s, i) => html`
          <li key=${s.key} data-testid=${`funnel-${s.key}`}>
            <span>${tr(s.key)}</span> <strong>${count(s.n)}</strong>
            ${i ? html`<span class="muted small"> · ${tr('ofPrevious', { share: percent(s.n, steps.value[i - 1].n) })}</span>` : null}
          </li>`)}
      </ol>`;

    const chartCard = (titleKey, config, testid, extra = null) => html`
      <div class="card chart-card">
        <h2 class="card-heading">${tr(titleKey)}</h2>
        ${chartsFailed.value ? html`<p class="muted small">${tr('chartsUnavailable')}</p>`
          : html`<${ChartCanvas} config=${config} label=${tr(titleKey)} testid=${testid} onFailed=${() => { chartsFailed.value = true; }} />`}
        ${extra}
      </div>`;

    return () => html`
      <section class="page dashboard" data-testid="dashboard-page">
        <div class="page-head">
          <div>
            <h1 class="page-title">${tr('dashboardTitle')}</h1>
            <p class="muted small">${tr('dashboardLead', { currency: currency.value })}</p>
          </div>
        </div>
        <form class="card filter-bar" onSubmit=${prevent(show)} novalidate data-testid="dashboard-range">
          <label class="field">
            <span>${tr('rangeFrom')}</span>
            <input ...${model(form, 'from')} type="date" data-testid="range-from" aria-describedby="range-from-error" />
            <${FieldError} error=${problem.value} field="from" id="range-from-error" />
          </label>
          <label class="field">
            <span>${tr('rangeTo')}</span>
            <input ...${model(form, 'to')} type="date" data-testid="range-to" aria-describedby="range-to-error" />
            <${FieldError} error=${problem.value} field="to" id="range-to-error" />
          </label>
          <label class="field">
            <span>${tr('granularity')}</span>
            <select value=${form.granularity} onChange=${(e) => { form.granularity = e.target.value; show(); }} data-testid="range-granularity">
              <option value="day">${tr('perDay')}</option>
              <option value="week">${tr('perWeek')}</option>
            </select>
          </label>
          <label class="field">
            <span>${tr('currency')}</span>
            <select value=${form.currency || CURRENCIES[0]} onChange=${(e) => { form.currency = e.target.value; show(); }} data-testid="range-currency">
              ${CURRENCIES.map((c) => html`<option key=${c} value=${c}>${c}</option>`)}
            </select>
          </label>
          <div class="filter-actions">
            <button type="submit" class="btn btn-primary" data-testid="range-show">${tr('show')}</button>
          </div>
          <div class="range-presets" role="group" aria-label=${tr('rangePresets')}>
            ${PRESETS.map(([days, key]) => html`
              <button type="button" key=${key} class="btn btn-ghost btn-small" onClick=${() => preset(days)} data-testid=${`preset-${days}`}>${tr(key)}</button>`)}
          </div>
        </form>
        ${dashboard.value && dashboard.value.pendingEvents > 0
          ? html`<p class="notice-inline muted small" data-testid="catching-up">${tr(dashboard.value.pendingEvents === 1 ? 'catchingUpOne' : 'catchingUp', { n: count(dashboard.value.pendingEvents) })}</p>` : null}
        ${dashboard.value ? html`
          <div class=${['dashboard-body', { 'is-loading': loading.value }]} aria-busy=${loading.value ? 'true' : 'false'}>
            ${tiles()}
            <div class="dashboard-charts">
              ${chartCard('revenueChart', revenueChart, 'chart-revenue')}
              ${chartCard('customersChart', customersChart, 'chart-customers')}
              ${chartCard('funnelChart', funnelChart, 'chart-funnel', funnelList())}
            </div>
            <div class="dashboard-tops">
              ${topTable('topProducts', dashboard.value.topProducts, 'top-products')}
              ${topTable('topCategories', dashboard.value.topCategories, 'top-categories')}
            </div>
          </div>` : html`<p class="muted">${loading.value ? t('loading') : ''}</p>`}
      </section>`;
  },
};
