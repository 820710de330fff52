// Home and category pages (/ and /c/<category-slug>): product grid with sort, price range filter and
// "load more". Sort and price range live in the address (?sort=price_asc&min=10&max=50, in major
// units of the shop's currency), so a reload, a shared link or back keeps them.
// The home page lists GET /products (cursor pages). A category page is a browse of the search (GET
// /search with filter.category and no query) and shows its facets: the search feature's facet panel
// (context's listFacets, the shell's list.facets part) with brands, attributes, price buckets and
// availability, counts following the other filters; the chosen values live in the address
// (?f.brand=Acme&f.attr.colour=red) like the search page's; the subcategories show their counts.
import { h, ref, computed, watch } from 'vue';
import { html } from '../../shared/html.js';
import { model, selected, prevent } from '../../shared/forms.js';
import { toMinor, currencySymbol } from '../../shared/money.js';
import { buildTree, pathTo } from '../../shared/categories.js';
import { api, settings, errors, t, listBelow, listFacets, route, routeQuery, navigate } from '../context.js';
import { catalog } from './state.js';
import { ProductCard } from './product-card.js';
import { LoadMore } from '../../shared/load-more.js';

const PAGE_SIZE = 20;
const SORTS = ['newest', 'price_asc', 'price_desc', 'name'];
// a category page is a search: it has no order by name
const CATEGORY_SORTS = ['newest', 'price_asc', 'price_desc'];
const FILTER = 'f.';

/** The list's state in the current address (facet filters: a category page's, never its category). */
function fromAddress(inCategory) {
  const q = routeQuery();
  const filters = {};
  if (inCategory) {
    for (const [key, value] of q) {
      const code = key.startsWith(FILTER) ? key.slice(FILTER.length) : '';
      if (code && code !== 'category' && value) (filters[code] ||= []).push(value);
    }
  }
  const sorts = inCategory ? CATEGORY_SORTS : SORTS;
  return { sort: sorts.includes(q.get('sort')) ? q.get('sort') : 'newest', min: q.get('min') || '', max: q.get('max') || '', filters };
}

const sameFilters = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export const ProductList = {
  name: 'ProductList',
  // categorySlug: the category's slug (its id in addresses of earlier versions), null on the home page
  props: { categorySlug: { type: String, default: null } },
  setup(props) {
    const items = ref([]);
    const nextCursor = ref(null);
    const loading = ref(false);
    const inCategory = !!props.categorySlug;
    const start = fromAddress(inCategory);
    const sort = ref(start.sort);
    const minPrice = ref(start.min);
    const maxPrice = ref(start.max);
    const applied = ref(bounds());
    const filterError = ref('');
    const filtersOpen = ref(false); // on a phone the filters are behind a button
    const facetFilters = ref(start.filters); // a category page's chosen facet values: {code: [value]}
    const facets = ref(null); // a category page's facets (from its last search)
    const nextPage = ref(null); // a category page's next page of the search
    let requestNo = 0;

    const category = computed(() => (props.categorySlug
      ? catalog.categories.find((c) => c.slug === props.categorySlug || c.id === props.categorySlug) || null : null));
    const categoryId = computed(() => (category.value ? category.value.id : null));
    const unknownCategory = computed(() => !!props.categorySlug && catalog.loaded && !category.value);
    const breadcrumb = computed(() => (categoryId.value ? pathTo(catalog.categories, categoryId.value) : []));
    const subcategories = computed(() => {
      if (!categoryId.value) return [];
      const find = (nodes) => {
        for (const n of nodes) {
          if (n.id === categoryId.value) return n.children;
          const r = find(n.children);
          if (r) return r;
        }
        return null;
      };
      return find(buildTree(catalog.categories)) || [];
    });
    const title = computed(() => {
      if (category.value) return category.value.name;
      if (props.categorySlug) return unknownCategory.value ? t('categoryNotFound') : '';
      return t('allProducts');
    });
    const symbol = computed(() => currencySymbol(settings.currency, settings.locale));

    /** The price bounds typed in, in minor units (null: none or not a number). */
    function bounds() {
      const min = toMinor(minPrice.value, settings.currency);
      const max = toMinor(maxPrice.value, settings.currency);
      return { min: Number.isNaN(min) ? null : min, max: Number.isNaN(max) ? null : max };
    }

    /** Puts sort and price range into the address (replacing it: no history entry per change). */
    function remember() {
      const params = new URLSearchParams(route.query);
      const put = (k, v) => (v ? params.set(k, v) : params.delete(k));
      put('sort', sort.value !== 'newest' ? sort.value : '');
      put('min', applied.value.min !== null ? minPrice.value.trim() : '');
      put('max', applied.value.max !== null ? maxPrice.value.trim() : '');
      [...params.keys()].filter((k) => k.startsWith(FILTER)).forEach((k) => params.delete(k));
      Object.entries(facetFilters.value).forEach(([code, values]) => values.forEach((v) => params.append(FILTER + code, v)));
      const qs = params.toString();
      navigate(route.path + (qs ? `?${qs}` : ''), { replace: true });
    }

    async function load(reset) {
      if (props.categorySlug && !categoryId.value) return; // the categories are not loaded yet (or it is unknown)
      const my = ++requestNo;
      loading.value = true;
      try {
        const query = {
          limit: PAGE_SIZE,
          currency: settings.currency,
          locale: settings.locale,
          sort: sort.value,
          category: categoryId.value || undefined,
          minPrice: applied.value.min ?? undefined,
          maxPrice: applied.value.max ?? undefined,
          after: reset ? undefined : nextCursor.value || undefined,
        };
        if (inCategory) {
          await browse(reset, my);
          return;
        }
        const res = await api.get('/products', { query, auth: false });
        if (my !== requestNo) return;
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        nextCursor.value = res.nextCursor || null;
      } catch (e) {
        if (my === requestNo) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }

    /** A category page's products and facets: a browse of the search in the category. */
    async function browse(reset, my) {
      const query = {
        pageSize: PAGE_SIZE,
        page: reset ? 1 : nextPage.value || 1,
        currency: settings.currency,
        locale: settings.locale,
        sort: sort.value,
        'filter.category': categoryId.value,
        minPrice: applied.value.min ?? undefined,
        maxPrice: applied.value.max ?? undefined,
      };
      Object.entries(facetFilters.value).forEach(([code, values]) => { query[`filter.${code}`] = values; });
      const res = await api.get('/search', { query, auth: false });
      if (my !== requestNo) return;
      items.value = reset ? res.items || [] : items.value.concat(res.items || []);
      nextPage.value = res.page < res.pages ? res.page + 1 : null;
      nextCursor.value = nextPage.value ? String(nextPage.value) : null;
      facets.value = res.facets || [];
    }

    function toggleFacet(code, value) {
      const next = { ...facetFilters.value };
      const values = new Set(next[code] || []);
      if (values.has(value)) values.delete(value); else values.add(value);
      if (values.size) next[code] = [...values]; else delete next[code];
      facetFilters.value = next;
      remember();
      load(true);
    }

    function clearFacets() {
      facetFilters.value = {};
      remember();
      load(true);
    }

    /** Products per category under the current filters (the category facet's counts; null: not known). */
    const categoryCounts = computed(() => {
      const facet = (facets.value || []).find((f) => f.code === 'category');
      return facet ? new Map(facet.values.map((v) => [v.value, v.count])) : null;
    });

    function applyFilters() {
      filterError.value = '';
      const min = toMinor(minPrice.value, settings.currency);
      const max = toMinor(maxPrice.value, settings.currency);
      if (Number.isNaN(min) || Number.isNaN(max)) { filterError.value = t('priceInvalid'); return; }
      if (min !== null && max !== null && min > max) { filterError.value = t('minMaxInvalid'); return; }
      applied.value = { min, max };
      filtersOpen.value = false;
      remember();
      load(true);
    }

    function clearFilters() {
      minPrice.value = '';
      maxPrice.value = '';
      filterError.value = '';
      applied.value = { min: null, max: null };
      remember();
      load(true);
    }

    // Price bounds are entered in major units of the selected currency: re-derive them on currency change.
    watch(() => settings.currency, () => { applied.value = bounds(); });

    watch(sort, remember);

    // back and forward (or a link to this list without filters) bring the address's sort and range
    watch(() => route.query, () => {
      if (route.name !== 'home' && route.name !== 'category') return;
      const now = fromAddress(inCategory);
      if (now.sort === sort.value && now.min === minPrice.value && now.max === maxPrice.value
        && sameFilters(now.filters, facetFilters.value)) return;
      facetFilters.value = now.filters;
      minPrice.value = now.min;
      maxPrice.value = now.max;
      applied.value = bounds();
      if (sort.value !== now.sort) sort.value = now.sort; // the sort's watch reloads
      else load(true);
    });

    watch([categoryId, () => settings.currency, () => settings.locale, sort], () => load(true),
      { immediate: true });

    const hasFilter = computed(() => applied.value.min !== null || applied.value.max !== null);

    function breadcrumbNav() {
      const trail = breadcrumb.value;
      if (!trail.length) return null;
      return html`
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="/">${t('home')}</a>
          ${trail.map((c, i) => [
            html`<span aria-hidden="true">/</span>`,
            i < trail.length - 1
              ? html`<a href=${'/c/' + encodeURIComponent(c.slug)}>${c.name}</a>`
              : html`<span aria-current="page">${c.name}</span>`,
          ])}
        </nav>`;
    }

    function filters() {
      const invalid = filterError.value ? 'true' : null;
      const active = (sort.value !== 'newest' ? 1 : 0) + (hasFilter.value ? 1 : 0)
        + Object.values(facetFilters.value).reduce((n, values) => n + values.length, 0);
      return html`
        <button type="button" class="btn filters-toggle" aria-expanded=${filtersOpen.value ? 'true' : 'false'} aria-controls=${facetPanel() ? 'list-filters list-facets' : 'list-filters'}
                data-testid="filters-toggle" onClick=${() => { filtersOpen.value = !filtersOpen.value; }}>
          ${t('filterAndSort')}${active ? html` <span class="badge">${active}</span>` : null}
        </button>
        <form id="list-filters" class=${['filters', { open: filtersOpen.value }]} onSubmit=${prevent(applyFilters)} novalidate
              aria-label=${t('filterAndSort')}>
          <div class="filters-head">
            <strong>${t('filterAndSort')}</strong>
            <button type="button" class="btn btn-ghost filters-close" aria-label=${t('close')} data-testid="filters-close"
                    onClick=${() => { filtersOpen.value = false; }}>✕</button>
          </div>
          <label class="field">
            <span>${t('sort')}</span>
            <select ...${selected(sort, 'value')} data-testid="sort-select">
              <option value="newest">${t('newest')}</option>
              <option value="price_asc">${t('priceAsc')}</option>
              <option value="price_desc">${t('priceDesc')}</option>
              ${inCategory ? null : html`<option value="name">${t('name')}</option>`}
            </select>
          </label>
          <label class="field field-price">
            <span>${t('minPrice')} (${symbol.value})</span>
            <input ...${model(minPrice, 'value')} type="text" inputmode="decimal" placeholder="0" data-testid="min-price"
                   aria-invalid=${invalid} aria-describedby="price-filter-error" />
          </label>
          <label class="field field-price">
            <span>${t('maxPrice')} (${symbol.value})</span>
            <input ...${model(maxPrice, 'value')} type="text" inputmode="decimal" placeholder="∞" data-testid="max-price"
                   aria-invalid=${invalid} aria-describedby="price-filter-error" />
          </label>
          <div class="filter-actions">
            <button type="submit" class="btn" data-testid="apply-filters">${t('apply')}</button>
            ${hasFilter.value
              ? html`<button type="button" class="btn btn-ghost" onClick=${clearFilters} data-testid="clear-filters">${t('clear')}</button>`
              : null}
          </div>
          ${filterError.value
            ? html`<p id="price-filter-error" class="field-error filter-error" role="alert">${filterError.value}</p>`
            : null}
        </form>`;
    }

    /** The facet panel a category page shows (the search feature's), null on the home page or without it. */
    function facetPanel() {
      return inCategory ? listFacets()[0] || null : null;
    }

    function subcategoryCount(c) {
      const counts = categoryCounts.value;
      return counts ? html` <span class="chip-count" data-testid="subcategory-count">${counts.get(c.id) || 0}</span>` : null;
    }

    function products() {
      return html`
        ${unknownCategory.value
          ? html`<p class="empty" data-testid="unknown-category">${t('categoryNotFound')}</p>` : null}
        ${!loading.value && !items.value.length && !unknownCategory.value
          ? html`<p class="empty" data-testid="empty-state">${t('noProducts')}</p>` : null}
        <ul class="grid" aria-live="polite" aria-busy=${loading.value ? 'true' : 'false'}>
          ${items.value.map((p) => html`<li key=${p.id}><${ProductCard} product=${p} /></li>`)}
        </ul>
        <${LoadMore} hasMore=${!!nextCursor.value} loading=${loading.value} label=${t('loadMore')}
          loadingLabel=${t('loading')} testid="next-page" onMore=${() => load(false)} />`;
    }

    function withFacets(Panel) {
      const shown = (facets.value || []).filter((f) => f.code !== 'category' && f.values.length);
      return html`
        <div class="search-layout list-layout">
          <div id="list-facets" class=${['list-facets', { open: filtersOpen.value }]}>
            ${facets.value ? html`<${Panel} facets=${shown} search=${{ filters: facetFilters.value, minPrice: '', maxPrice: '' }}
              showPrice=${false} onToggle=${toggleFacet} onPrice=${() => {}} onClear=${clearFacets} />` : null}
          </div>
          <div>${products()}</div>
        </div>`;
    }

    return () => html`
      <section class="container page">
        <div class="list-head">
          <div>
            ${breadcrumbNav()}
            <h1 class="page-title" data-testid="page-title">${title.value}</h1>
            ${!props.categorySlug ? html`<p class="muted">${t('shopTagline')}</p>` : null}
            ${subcategories.value.length ? html`
              <ul class="chips" aria-label=${t('subcategories')}>
                ${subcategories.value.map((c) => html`
                  <li key=${c.id}><a class="chip" href=${'/c/' + encodeURIComponent(c.slug)} data-testid="subcategory-link">${c.name}${subcategoryCount(c)}</a></li>`)}
              </ul>` : null}
          </div>
          ${filters()}
        </div>

        ${facetPanel() ? withFacets(facetPanel()) : products()}
        ${listBelow().map((part) => h(part, { categoryId: categoryId.value }))}
      </section>`;
  },
};
