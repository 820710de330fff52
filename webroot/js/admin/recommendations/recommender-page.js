// The recommender's figures (admin only; GET /admin/recommendations/report): online, per model and A/B
// arm, the hit rate@10 of the rows the storefront showed (clicked or bought afterwards), click-through,
// catalogue coverage and the serving latency p50/p99 (of the node that answered: each node has its own);
// offline, per model, the hit rate@10 and coverage on the held-out newest sessions (a random baseline
// beside them); and the settings form (settings-form.js). Charts are Chart.js, loaded from its webjar as the dashboard does; the tables carry
// the same figures.
import { ref, computed, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { api, errors, t } from '../context.js';
import { ChartCanvas, PALETTE } from '../dashboard/charts.js';
import { SettingsForm } from './settings-form.js';

const PERIODS = [1, 7, 30];
const HOLDOUT = 20;
const ARM_COLOURS = { a: PALETTE.primary, b: PALETTE.info, '': PALETTE.muted };
const pct = (x) => `${(x * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%`;
const ms = (x) => `${x.toLocaleString('en', { maximumFractionDigits: 2 })} ms`;
const armName = (arm) => (arm ? t('recoArmName', { arm }) : t('recoNoArm'));

export const RecommenderPage = {
  name: 'RecommenderPage',
  setup() {
    const report = ref(null);
    const days = ref(7);
    const loading = ref(false);
    const chartsFailed = ref(false);

    async function load() {
      loading.value = true;
      errors.clear();
      try {
        report.value = await api.get('/admin/recommendations/report', { query: { days: days.value, holdoutPercent: HOLDOUT } });
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    const online = computed(() => (report.value ? report.value.online : []));
    const models = computed(() => [...new Set(online.value.map((o) => o.model))]);
    const arms = computed(() => [...new Set(online.value.map((o) => o.arm || ''))].sort());
    const figure = (model, arm, pick) => {
      const o = online.value.find((x) => x.model === model && (x.arm || '') === arm);
      return o ? pick(o) : null;
    };

    /** A bar chart of one figure per model, one bar per A/B arm. */
    const perArm = (pick, percent) => () => ({
      type: 'bar',
      data: {
        labels: models.value,
        datasets: arms.value.map((arm) => ({ label: armName(arm), backgroundColor: ARM_COLOURS[arm] || PALETTE.warn,
          data: models.value.map((m) => figure(m, arm, pick)) })),
      },
      options: {
        maintainAspectRatio: false, animation: false,
        scales: { y: { beginAtZero: true, grid: { color: PALETTE.grid },
          ticks: percent ? { callback: (v) => `${v}%` } : {} }, x: { grid: { display: false } } },
        plugins: { legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent ? `${c.raw.toFixed(1)}%` : ms(c.raw)}` } } },
      },
    });
    const hitChart = perArm((o) => o.hitRateAt10 * 100, true);
    const ctrChart = perArm((o) => o.clickThrough * 100, true);
    const coverageChart = perArm((o) => o.coverage * 100, true);
    const latencyChart = () => {
      const served = online.value.filter((o) => o.latency.count > 0);
      return {
        type: 'bar',
        data: {
          labels: served.map((o) => `${o.model} · ${armName(o.arm || '')}`),
          datasets: [
            { label: t('recoP50'), data: served.map((o) => o.latency.p50Millis), backgroundColor: PALETTE.primarySoft, borderColor: PALETTE.primary, borderWidth: 1 },
            { label: t('recoP99'), data: served.map((o) => o.latency.p99Millis), backgroundColor: PALETTE.warn },
          ],
        },
        options: {
          maintainAspectRatio: false, animation: false,
          scales: { y: { beginAtZero: true, grid: { color: PALETTE.grid }, ticks: { callback: (v) => `${v} ms` } }, x: { grid: { display: false } } },
          plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${ms(c.raw)}` } } },
        },
      };
    };
    const offlineChart = () => {
      const m = report.value ? report.value.models : [];
      return {
        type: 'bar',
        data: {
          labels: m.map((x) => x.model),
          datasets: [
            { label: t('recoHitRate'), data: m.map((x) => x.hitRateAt10 * 100), backgroundColor: PALETTE.primary },
            { label: t('recoCoverage'), data: m.map((x) => x.coverage * 100), backgroundColor: PALETTE.muted },
          ],
        },
        options: {
          maintainAspectRatio: false, animation: false,
          scales: { y: { beginAtZero: true, grid: { color: PALETTE.grid }, ticks: { callback: (v) => `${v}%` } }, x: { grid: { display: false } } },
          plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.raw.toFixed(1)}%` } } },
        },
      };
    };

    const chartCard = (titleKey, config, testid) => html`
      <div class="card chart-card">
        <h3 class="card-heading">${t(titleKey)}</h3>
        ${chartsFailed.value ? html`<p class="muted small">${t('recoChartsUnavailable')}</p>`
          : html`<${ChartCanvas} config=${config} label=${t(titleKey)} testid=${testid} onFailed=${() => { chartsFailed.value = true; }} />`}
      </div>`;

    function onlinePanel(r) {
      return html`
        <section class="card panel" data-testid="reco-online">
          <h2 class="section-title">${t('recoOnline')}</h2>
          <p class="muted small">${t('recoOnlineHint', { days: days.value, products: r.products })}</p>
          ${!r.online.length ? html`<p class="empty">${t('recoNoClicks')}</p>` : [html`
            <div class="reco-charts">
              ${chartCard('recoHitRateOnline', hitChart, 'reco-chart-hit')}
              ${chartCard('recoCtr', ctrChart, 'reco-chart-ctr')}
              ${chartCard('recoCoverageOnline', coverageChart, 'reco-chart-coverage')}
              ${chartCard('recoLatencyByModel', latencyChart, 'reco-chart-latency')}
            </div>`, html`
            <div class="table-scroll"><table class="table compact-table">
              <thead><tr><th scope="col">${t('recoModel')}</th><th scope="col">${t('recoArm')}</th>
                <th scope="col" class="num">${t('recoRows')}</th><th scope="col" class="num">${t('recoRowsClicked')}</th>
                <th scope="col" class="num">${t('recoRowsBought')}</th><th scope="col" class="num">${t('recoHitRate')}</th>
                <th scope="col" class="num">${t('recoShown')}</th><th scope="col" class="num">${t('recoClicked')}</th>
                <th scope="col" class="num">${t('recoCtr')}</th><th scope="col" class="num">${t('recoCoverage')}</th>
                <th scope="col" class="num">${t('recoP50')}</th><th scope="col" class="num">${t('recoP99')}</th></tr></thead>
              <tbody>
                ${r.online.map((o) => html`
                  <tr key=${o.model + '/' + o.arm} data-testid="reco-online-row" data-model=${o.model} data-arm=${o.arm || ''}>
                    <td><strong>${o.model}</strong></td><td>${o.arm || '—'}</td>
                    <td class="num">${o.rows}</td><td class="num">${o.rowsClicked}</td><td class="num">${o.rowsBought}</td>
                    <td class="num" data-testid="reco-online-hit">${pct(o.hitRateAt10)}</td>
                    <td class="num">${o.shown}</td><td class="num">${o.clicked}</td><td class="num" data-testid="reco-online-ctr">${pct(o.clickThrough)}</td>
                    <td class="num">${pct(o.coverage)}</td>
                    <td class="num">${o.latency.count ? ms(o.latency.p50Millis) : '—'}</td><td class="num">${o.latency.count ? ms(o.latency.p99Millis) : '—'}</td>
                  </tr>`)}
              </tbody>
            </table></div>`]}
        </section>`;
    }

    function offline(r) {
      const cases = r.models.length ? r.models[0].cases : 0;
      return html`
        <section class="card panel" data-testid="reco-offline">
          <h2 class="section-title">${t('recoOffline')}</h2>
          <p class="muted small">${t('recoOfflineHint', { p: HOLDOUT, sessions: r.sessions, cases, products: r.products })}</p>
          ${cases === 0 ? html`<p class="empty">${t('recoNoSessions')}</p>` : [html`
            <div class="reco-charts reco-charts-one">${chartCard('recoOfflineChart', offlineChart, 'reco-chart-offline')}</div>`, html`
            <div class="table-scroll"><table class="table compact-table">
              <thead><tr><th scope="col">${t('recoModel')}</th><th scope="col" class="num">${t('recoHitRate')}</th>
                <th scope="col" class="num">${t('recoCoverage')}</th></tr></thead>
              <tbody>
                ${r.models.map((m) => html`
                  <tr key=${m.model} data-testid="reco-model" data-model=${m.model}>
                    <td><strong>${m.model}</strong></td>
                    <td class="num">${pct(m.hitRateAt10)}</td>
                    <td class="num">${pct(m.coverage)}</td>
                  </tr>`)}
              </tbody>
            </table></div>`]}
        </section>`;
    }

    function latency(r) {
      return html`
        <section class="card panel" data-testid="reco-latency">
          <h2 class="section-title">${t('recoLatency')}</h2>
          <dl class="kv">
            <dt>${t('recoServed')}</dt><dd>${r.latency.count}</dd>
            <dt>${t('recoP50')}</dt><dd>${ms(r.latency.p50Millis)}</dd>
            <dt>${t('recoP99')}</dt><dd>${ms(r.latency.p99Millis)}</dd>
          </dl>
        </section>`;
    }

    return () => html`
      <section class="page" data-testid="recommender-page">
        <div class="page-head">
          <h1 class="page-title">${t('recoTitle')}</h1>
          <div class="toolbar">
            <label class="field"><span>${t('recoPeriod')}</span>
              <select value=${days.value} onChange=${(e) => { days.value = Number(e.target.value); load(); }} data-testid="reco-days">
                ${PERIODS.map((d) => html`<option key=${d} value=${d}>${t('recoDays', { n: d })}</option>`)}
              </select>
            </label>
            <button type="button" class="btn" disabled=${loading.value} onClick=${load} data-testid="reco-refresh">${t('recoRefresh')}</button>
          </div>
        </div>
        ${report.value ? [onlinePanel(report.value), offline(report.value), latency(report.value),
          html`<p class="muted small">${t('recoComputedAt', { at: new Date(report.value.computedAt).toLocaleString('en') })}</p>`] : null}
        <${SettingsForm} />
      </section>`;
  },
};
