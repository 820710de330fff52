// Home and category pages: product grid with sort, price range filter and cursor pagination.
import { h, ref, computed, watch } from 'vue';
import { html } from '../../shared/html.js';
import { model, selected, prevent } from '../../shared/forms.js';
import { toMinor, currencySymbol } from '../../shared/money.js';
import { buildTree, pathTo } from '../../shared/categories.js';
import { api, settings, errors, t, listBelow } from '../context.js';
import { catalog } from './state.js';
import { ProductCard } from './product-card.js';
import { LoadMore } from '../../shared/load-more.js';

const PAGE_SIZE = 20;

export const ProductList = {
  name: 'ProductList',
  props: { categoryId: { type: String, default: null } },
  setup(props) {
    const items = ref([]);
    const nextCursor = ref(null);
    const loading = ref(false);
    const sort = ref('newest');
    const minPrice = ref('');
    const maxPrice = ref('');
    const applied = ref({ min: null, max: null });
    const filterError = ref('');
    let requestNo = 0;

    const category = computed(() => catalog.categories.find((c) => c.id === props.categoryId) || null);
    const breadcrumb = computed(() => (props.categoryId ? pathTo(catalog.categories, props.categoryId) : []));
    const subcategories = computed(() => {
      if (!props.categoryId) return [];
      const find = (nodes) => {
        for (const n of nodes) {
          if (n.id === props.categoryId) return n.children;
          const r = find(n.children);
          if (r) return r;
        }
        return null;
      };
      return find(buildTree(catalog.categories)) || [];
    });
    const title = computed(() => (category.value ? category.value.name : t('allProducts')));
    const symbol = computed(() => currencySymbol(settings.currency, settings.locale));

    async function load(reset) {
      const my = ++requestNo;
      loading.value = true;
      try {
        const query = {
          limit: PAGE_SIZE,
          currency: settings.currency,
          locale: settings.locale,
          sort: sort.value,
          category: props.categoryId || undefined,
          minPrice: applied.value.min ?? undefined,
          maxPrice: applied.value.max ?? undefined,
          after: reset ? undefined : nextCursor.value || undefined,
        };
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

    function applyFilters() {
      filterError.value = '';
      const min = toMinor(minPrice.value, settings.currency);
      const max = toMinor(maxPrice.value, settings.currency);
      if (Number.isNaN(min) || Number.isNaN(max)) { filterError.value = t('priceInvalid'); return; }
      if (min !== null && max !== null && min > max) { filterError.value = t('minMaxInvalid'); return; }
      applied.value = { min, max };
      load(true);
    }

    function clearFilters() {
      minPrice.value = '';
      maxPrice.value = '';
      filterError.value = '';
      applied.value = { min: null, max: null };
      load(true);
    }

    // Price bounds are entered in major units of the selected currency: re-derive them on currency change.
    watch(() => settings.currency, () => {
      const min = toMinor(minPrice.value, settings.currency);
      const max = toMinor(maxPrice.value, settings.currency);
      applied.value = { min: Number.isNaN(min) ? null : min, max: Number.isNaN(max) ? null : max };
    });

    watch([() => props.categoryId, () => settings.currency, () => settings.locale, sort], () => load(true),
      { immediate: true });

    const hasFilter = computed(() => applied.value.min !== null || applied.value.max !== null);

    function breadcrumbNav() {
      const trail = breadcrumb.value;
      if (!trail.length) return null;
      return html`
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="#/">${t('home')}</a>
          ${trail.map((c, i) => [
            html`<span aria-hidden="true">/</span>`,
            i < trail.length - 1
              ? html`<a href=${'#/category/' + c.id}>${c.name}</a>`
              : html`<span aria-current="page">${c.name}</span>`,
          ])}
        </nav>`;
    }

    function filters() {
      const invalid = filterError.value ? 'true' : null;
      return html`
        <form class="filters" onSubmit=${prevent(applyFilters)} novalidate>
          <label class="field">
            <span>${t('sort')}</span>
            <select ...${selected(sort, 'value')} data-testid="sort-select">
              <option value="newest">${t('newest')}</option>
              <option value="price_asc">${t('priceAsc')}</option>
              <option value="price_desc">${t('priceDesc')}</option>
              <option value="name">${t('name')}</option>
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

    return () => html`
      <section class="container page">
        <div class="list-head">
          <div>
            ${breadcrumbNav()}
            <h1 class="page-title" data-testid="page-title">${title.value}</h1>
            ${!props.categoryId ? html`<p class="muted">${t('shopTagline')}</p>` : null}
            ${subcategories.value.length ? html`
              <ul class="chips" aria-label=${t('subcategories')}>
                ${subcategories.value.map((c) => html`
                  <li key=${c.id}><a class="chip" href=${'#/category/' + c.id} data-testid="subcategory-link">${c.name}</a></li>`)}
              </ul>` : null}
          </div>
          ${filters()}
        </div>

        ${!loading.value && !items.value.length
          ? html`<p class="empty" data-testid="empty-state">${t('noProducts')}</p>` : null}
        <ul class="grid" aria-live="polite" aria-busy=${loading.value ? 'true' : 'false'}>
          ${items.value.map((p) => html`<li key=${p.id}><${ProductCard} product=${p} /></li>`)}
        </ul>
        <${LoadMore} hasMore=${!!nextCursor.value} loading=${loading.value} label=${t('loadMore')}
          loadingLabel=${t('loading')} testid="next-page" onMore=${() => load(false)} />
        ${listBelow().map((part) => h(part, { categoryId: props.categoryId || null }))}
      </section>`;
  },
};
