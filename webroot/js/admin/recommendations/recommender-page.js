// The recommender's figures (admin only; GET /admin/recommendations/report): per model the offline hit
// rate@10 and catalogue coverage on the held-out newest sessions (a random baseline beside them), the
// click-through of what the storefront showed (per model and A/B arm), and this node's serving latency. Bars are plain CSS
// (widths set through the CSSOM, which the Content-Security-Policy allows).
import { ref, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { api, errors, t } from '../context.js';

const PERIODS = [1, 7, 30];
const HOLDOUT = 20;
const pct = (x) => `${(x * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%`;
const ms = (x) => `${x.toLocaleString('en', { maximumFractionDigits: 2 })} ms`;

function bar(value, max, testId) {
  const width = max > 0 ? Math.max(1, Math.round((value / max) * 100)) : 0;
  return html`<div class="reco-bar" data-testid=${testId} role="presentation"><span class="reco-bar-fill" style=${{ width: width + '%' }}></span></div>`;
}

export const RecommenderPage = {
  name: 'RecommenderPage',
  setup() {
    const report = ref(null);
    const days = ref(7);
    const loading = ref(false);

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

    function offline(r) {
      const cases = r.models.length ? r.models[0].cases : 0;
      const best = Math.max(...r.models.map((m) => m.hitRateAt10), 0);
      return html`
        <section class="card panel" data-testid="reco-offline">
          <h2 class="section-title">${t('recoOffline')}</h2>
          <p class="muted small">${t('recoOfflineHint', { p: HOLDOUT, sessions: r.sessions, cases, products: r.products })}</p>
          ${cases === 0 ? html`<p class="empty">${t('recoNoSessions')}</p>` : html`
            <div class="table-scroll"><table class="table compact-table">
              <thead><tr><th scope="col">${t('recoModel')}</th><th scope="col" class="num">${t('recoHitRate')}</th><th scope="col"></th>
                <th scope="col" class="num">${t('recoCoverage')}</th></tr></thead>
              <tbody>
                ${r.models.map((m) => html`
                  <tr key=${m.model} data-testid="reco-model" data-model=${m.model}>
                    <td><strong>${m.model}</strong></td>
                    <td class="num">${pct(m.hitRateAt10)}</td>
                    <td class="bar-cell">${bar(m.hitRateAt10, best, 'reco-hit-bar')}</td>
                    <td class="num">${pct(m.coverage)}</td>
                  </tr>`)}
              </tbody>
            </table></div>`}
        </section>`;
    }

    function clicks(r) {
      const best = Math.max(...r.clicks.map((c) => c.clickThrough), 0);
      return html`
        <section class="card panel" data-testid="reco-clicks">
          <h2 class="section-title">${t('recoClicks')}</h2>
          ${!r.clicks.length ? html`<p class="empty">${t('recoNoClicks')}</p>` : html`
            <div class="table-scroll"><table class="table compact-table">
              <thead><tr><th scope="col">${t('recoModel')}</th><th scope="col">${t('recoArm')}</th><th scope="col" class="num">${t('recoShown')}</th>
                <th scope="col" class="num">${t('recoClicked')}</th><th scope="col" class="num">${t('recoCtr')}</th><th scope="col"></th></tr></thead>
              <tbody>
                ${r.clicks.map((c) => html`
                  <tr key=${c.model + '/' + c.arm} data-testid="reco-click-row" data-model=${c.model}>
                    <td><strong>${c.model}</strong></td><td>${c.arm || '—'}</td>
                    <td class="num">${c.shown}</td><td class="num">${c.clicked}</td><td class="num">${pct(c.clickThrough)}</td>
                    <td class="bar-cell">${bar(c.clickThrough, best, 'reco-ctr-bar')}</td>
                  </tr>`)}
              </tbody>
            </table></div>`}
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
        ${report.value ? [offline(report.value), clicks(report.value), latency(report.value),
          html`<p class="muted small">${t('recoComputedAt', { at: new Date(report.value.computedAt).toLocaleString('en') })}</p>`] : null}
      </section>`;
  },
};
