// Search for staff: the index's rebuild with its progress, the synonyms editor, and what shoppers
// search (top queries, queries without results, click-through).
import { ref, reactive, onMounted, onBeforeUnmount, watch } from 'vue';
import { html } from '../../shared/html.js';
import { model, selected, prevent } from '../../shared/forms.js';
import { FieldError, FormErrors } from '../../shared/errors.js';
import { api, errors, notify, validationError, LOCALES, t } from '../context.js';

const POLL_MS = 500;
const PERIODS = [7, 30, 90];

export const SearchAdminPage = {
  name: 'SearchAdminPage',
  setup() {
    const status = ref(null);
    const synonyms = ref([]);
    const analytics = ref(null);
    const days = ref('30');
    const draft = reactive({ locale: 'en', terms: '' });
    const problem = ref(null);
    const busy = ref(false);
    let poll = null;

    async function loadStatus() {
      try {
        status.value = await api.get('/admin/search/reindex');
        clearTimeout(poll);
        if (status.value.running) poll = setTimeout(loadStatus, POLL_MS);
      } catch (e) {
        errors.show(e);
      }
    }

    async function loadSynonyms() {
      try {
        synonyms.value = (await api.get('/admin/search/synonyms')).items || [];
      } catch (e) {
        errors.show(e);
      }
    }

    async function loadAnalytics() {
      try {
        analytics.value = await api.get('/admin/search/analytics', { query: { days: days.value, limit: 20 } });
      } catch (e) {
        errors.show(e);
      }
    }

    onMounted(() => Promise.all([loadStatus(), loadSynonyms(), loadAnalytics()]));
    onBeforeUnmount(() => clearTimeout(poll));
    watch(days, loadAnalytics);

    async function rebuild() {
      errors.clear();
      try {
        status.value = await api.post('/admin/search/reindex', {});
        notify(t('searchRebuildStarted'));
        clearTimeout(poll);
        poll = setTimeout(loadStatus, POLL_MS);
      } catch (e) {
        errors.show(e);
      }
    }

    async function addSynonym() {
      errors.clear();
      problem.value = null;
      const terms = [...new Set(draft.terms.split(',').map((s) => s.trim()).filter(Boolean))];
      if (terms.length < 2 || terms.length > 10) {
        problem.value = validationError([{ field: 'terms', message: t('searchTermsRule') }]);
        errors.show(problem.value);
        return;
      }
      busy.value = true;
      try {
        await api.post('/admin/search/synonyms', { locale: draft.locale, terms });
        draft.terms = '';
        notify(t('searchSynonymSaved'));
        await loadSynonyms();
      } catch (e) {
        problem.value = e;
        errors.show(e);
      } finally {
        busy.value = false;
      }
    }

    async function removeSynonym(s) {
      if (!window.confirm(t('searchConfirmDeleteSynonym', { terms: s.terms.join(', ') }))) return;
      errors.clear();
      try {
        await api.del(`/admin/search/synonyms/${s.id}`);
        notify(t('searchSynonymDeleted'));
        await loadSynonyms();
      } catch (e) {
        errors.show(e);
      }
    }

    const percent = (x) => `${Math.round(x * 1000) / 10} %`;

    function indexCard() {
      const s = status.value;
      const share = s && s.total ? Math.min(100, Math.round((s.indexed * 100) / s.total)) : 0;
      return html`
        <div class="card fieldset stack" data-testid="search-index-card">
          <h2 class="section-title">${t('searchIndexTitle')}</h2>
          <p class="muted">${t('searchIndexLead')}</p>
          ${s ? html`<p data-testid="search-documents">${t('searchDocuments', { n: s.documents })}</p>` : null}
          ${s && s.running ? html`
            <div class="stack">
              <progress max="100" value=${s.total ? share : null} aria-label=${t('searchRebuilding')} data-testid="reindex-progress">${share} %</progress>
              <p class="muted" aria-live="polite">${t('searchIndexedOf', { indexed: s.indexed, total: s.total })}</p>
            </div>` : null}
          ${s && !s.running && s.finishedAt && !s.error ? html`
            <p class="muted" data-testid="reindex-finished">${t('searchLastRebuild', { at: new Date(s.finishedAt).toLocaleString('en') })}</p>` : null}
          ${s && s.error ? html`<p class="field-error" role="alert">${t('searchRebuildFailed', { error: s.error })}</p>` : null}
          <div><button type="button" class="btn btn-primary" disabled=${!s || s.running} onClick=${rebuild} data-testid="reindex-button">
            ${s && s.running ? t('searchRebuilding') : t('searchRebuild')}</button></div>
        </div>`;
    }

    function synonymsCard() {
      const p = problem.value;
      return html`
        <div class="card fieldset stack" data-testid="synonyms-card">
          <h2 class="section-title">${t('searchSynonymsTitle')}</h2>
          <p class="muted">${t('searchSynonymsLead')}</p>
          <div class="table-scroll"><table class="table" data-testid="synonyms-table">
            <thead><tr><th scope="col">${t('searchLocale')}</th><th scope="col">${t('searchTerms')}</th><th scope="col"><span class="sr-only">${t('actions')}</span></th></tr></thead>
            <tbody>
              ${synonyms.value.map((s) => html`
                <tr key=${s.id} data-testid="synonym-row">
                  <td><span class="badge badge-muted">${s.locale.toUpperCase()}</span></td>
                  <td>${s.terms.join(', ')}</td>
                  <td class="row-actions"><button type="button" class="btn btn-ghost btn-small btn-danger-text" onClick=${() => removeSynonym(s)}
                    data-testid="delete-synonym">${t('delete')}</button></td>
                </tr>`)}
              ${!synonyms.value.length ? html`<tr><td colspan="3" class="empty">${t('searchNoSynonyms')}</td></tr>` : null}
            </tbody>
          </table></div>
          <form class="stack" onSubmit=${prevent(addSynonym)} novalidate data-testid="synonym-form">
            <${FormErrors} error=${p} />
            <label class="field"><span>${t('searchLocale')}</span>
              <select ...${selected(draft, 'locale')} data-testid="synonym-locale">
                ${LOCALES.map((l) => html`<option key=${l} value=${l}>${l.toUpperCase()}</option>`)}
              </select></label>
            <label class="field"><span>${t('searchTerms')} <span class="muted">(${t('searchTermsHint')})</span></span>
              <input ...${model(draft, 'terms')} type="text" placeholder="tee, t-shirt" data-testid="synonym-terms" />
              <${FieldError} error=${p} field="terms" /></label>
            <div><button type="submit" class="btn" disabled=${busy.value} data-testid="add-synonym">${t('searchAddSynonym')}</button></div>
          </form>
        </div>`;
    }

    const queryTable = (rows, testid, clicks) => html`
      <div class="table-scroll"><table class="table" data-testid=${testid}>
        <thead><tr><th scope="col">${t('searchQuery')}</th><th scope="col" class="num">${t('searchSearches')}</th>
          ${clicks ? html`<th scope="col" class="num">${t('searchClickThrough')}</th>` : null}</tr></thead>
        <tbody>
          ${rows.map((q) => html`<tr key=${q.query} data-testid="query-row"><td>${q.query}</td><td class="num">${q.searches}</td>
            ${clicks ? html`<td class="num">${percent(q.clickThroughRate)}</td>` : null}</tr>`)}
          ${!rows.length ? html`<tr><td colspan=${clicks ? 3 : 2} class="empty">${t('searchNoQueries')}</td></tr>` : null}
        </tbody>
      </table></div>`;

    function analyticsCard() {
      const a = analytics.value;
      return html`
        <div class="card fieldset stack" data-testid="search-analytics">
          <div class="page-head">
            <h2 class="section-title">${t('searchAnalyticsTitle')}</h2>
            <label class="field compact-field"><span class="sr-only">${t('searchPeriod')}</span>
              <select ...${selected(days, 'value')} data-testid="analytics-days">
                ${PERIODS.map((n) => html`<option key=${n} value=${String(n)}>${t('searchLastDays', { n })}</option>`)}
              </select></label>
          </div>
          ${a ? html`
            <dl class="stats">
              <div><dt>${t('searchSearches')}</dt><dd data-testid="stat-searches">${a.searches}</dd></div>
              <div><dt>${t('searchZeroResults')}</dt><dd data-testid="stat-zero">${a.zeroResultSearches}</dd></div>
              <div><dt>${t('searchClicks')}</dt><dd>${a.clicks}</dd></div>
              <div><dt>${t('searchClickThrough')}</dt><dd data-testid="stat-ctr">${percent(a.clickThroughRate)}</dd></div>
            </dl>
            <div class="split">
              <div><h3 class="section-title">${t('searchTopQueries')}</h3>${queryTable(a.topQueries, 'top-queries', true)}</div>
              <div><h3 class="section-title">${t('searchZeroQueries')}</h3>${queryTable(a.zeroResultQueries, 'zero-result-queries', false)}</div>
            </div>` : null}
        </div>`;
    }

    return () => html`
      <section class="page search-admin">
        <div class="page-head"><h1 class="page-title">${t('searchAdminTitle')}</h1></div>
        ${analyticsCard()}
        <div class="split">
          ${indexCard()}
          ${synonymsCard()}
        </div>
      </section>`;
  },
};
