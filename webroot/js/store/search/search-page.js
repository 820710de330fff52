// Search results: the query's products as slim cards with facets (checkboxes with counts), a price
// range, sort, pages, and the did-you-mean. The state is the location (search-url.js).
import { ref, reactive, computed, watch } from 'vue';
import { html } from '../../shared/html.js';
import { selected } from '../../shared/forms.js';
import { api, settings, errors, t, route } from '../context.js';
import { readSearch, goToSearch } from './search-url.js';
import { FacetPanel } from './facet-panel.js';
import { ResultCard } from './result-card.js';

const PAGE_SIZE = 24;

export const SearchPage = {
  name: 'SearchPage',
  setup() {
    const search = reactive(readSearch());
    const result = ref(null);
    const loading = ref(false);
    const sort = ref(search.sort);
    let requestNo = 0;

    // back, forward and new searches change the address's query: the page follows it
    watch(() => route.query, () => {
      if (route.name !== 'search') return;
      Object.assign(search, readSearch());
      sort.value = search.sort;
    });

    async function load() {
      const my = ++requestNo;
      loading.value = true;
      const query = { q: search.q || undefined, sort: search.sort, page: search.page, pageSize: PAGE_SIZE,
        currency: settings.currency, locale: settings.locale, minPrice: search.minPrice || undefined, maxPrice: search.maxPrice || undefined };
      Object.entries(search.filters).forEach(([code, values]) => { query[`filter.${code}`] = values; });
      try {
        const res = await api.get('/search', { query, auth: false });
        if (my !== requestNo) return;
        result.value = res;
        document.title = `${search.q ? t('resultsFor', { q: search.q }) : t('searchTitle')} · Kinetic`;
      } catch (e) {
        if (my === requestNo) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }
    watch(() => [JSON.stringify(search), settings.currency, settings.locale], load, { immediate: true });
    watch(sort, (value) => { if (value !== search.sort) goToSearch({ ...search, sort: value, page: 1 }); });

    function toggle(code, value) {
      const filters = { ...search.filters };
      const values = new Set(filters[code] || []);
      if (values.has(value)) values.delete(value); else values.add(value);
      if (values.size) filters[code] = [...values]; else delete filters[code];
      goToSearch({ ...search, filters, page: 1 });
    }

    const setPrice = (min, max) => goToSearch({ ...search, minPrice: min ?? '', maxPrice: max ?? '', page: 1 });
    const clear = () => goToSearch({ q: search.q, sort: search.sort });
    const goToPage = (page) => goToSearch({ ...search, page });
    const searchFor = (q) => goToSearch({ ...search, q, page: 1 });

    function recordClick(card) {
      const res = result.value;
      if (!res) return;
      const position = (res.page - 1) * res.pageSize + res.items.findIndex((c) => c.id === card.id) + 1;
      api.post('/search/clicks', { searchId: res.searchId, productId: card.id, position }, { auth: false }).catch(() => {});
    }

    const title = computed(() => (search.q ? t('resultsFor', { q: search.q }) : t('browseAll')));

    function notes() {
      const res = result.value;
      if (!res) return null;
      if (res.correctedQuery) {
        return html`<p class="search-note" data-testid="corrected-query">${t('showingCorrected', { q: search.q, corrected: res.correctedQuery })}</p>`;
      }
      if (res.didYouMean) {
        return html`<p class="search-note" data-testid="did-you-mean">${t('didYouMean')}
          <a href="#" onClick=${(e) => { e.preventDefault(); searchFor(res.didYouMean); }}>${res.didYouMean}</a>?</p>`;
      }
      return null;
    }

    function pager() {
      const res = result.value;
      if (!res || res.pages <= 1) return null;
      return html`
        <nav class="pager" aria-label="Pagination" data-testid="search-pager">
          <button type="button" class="btn" disabled=${res.page <= 1} onClick=${() => goToPage(res.page - 1)}
                  data-testid="previous-page">${t('previousPage')}</button>
          <span class="muted" aria-live="polite">${t('pageOf', { page: res.page, pages: res.pages })}</span>
          <button type="button" class="btn" disabled=${res.page >= res.pages} onClick=${() => goToPage(res.page + 1)}
                  data-testid="next-page">${t('nextPage')}</button>
        </nav>`;
    }

    return () => {
      const res = result.value;
      const items = res ? res.items : [];
      return html`
        <section class="container page search-page">
          <div class="list-head">
            <div>
              <h1 class="page-title" data-testid="page-title">${title.value}</h1>
              ${res ? html`<p class="muted" data-testid="result-count">${res.total === 1 ? t('resultCountOne') : t('resultCount', { n: res.total })}</p>` : null}
              ${notes()}
            </div>
            <label class="field">
              <span>${t('sortBy')}</span>
              <select ...${selected(sort, 'value')} data-testid="search-sort">
                <option value="relevance">${t('sortRelevance')}</option>
                <option value="price_asc">${t('sortPriceAsc')}</option>
                <option value="price_desc">${t('sortPriceDesc')}</option>
                <option value="newest">${t('sortNewest')}</option>
              </select>
            </label>
          </div>
          <div class="search-layout">
            ${res ? html`<${FacetPanel} facets=${res.facets} search=${search} onToggle=${toggle} onPrice=${setPrice} onClear=${clear} />` : html`<div></div>`}
            <div>
              ${res && !loading.value && !items.length ? html`
                <div class="empty" data-testid="empty-state"><p>${t('noResults')}</p><p class="muted">${t('tryFewerFilters')}</p></div>` : null}
              <ul class="grid" aria-live="polite" aria-busy=${loading.value ? 'true' : 'false'} data-testid="search-results">
                ${items.map((card) => html`<li key=${card.id}><${ResultCard} card=${card} onOpen=${recordClick} /></li>`)}
              </ul>
              ${pager()}
            </div>
          </div>
        </section>`;
    };
  },
};
