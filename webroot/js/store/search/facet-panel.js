// The facets of a search: a group of checkboxes per facet (categories indented under their parent),
// each with its count, and the price range in the selected currency. The search page shows it, and
// (through the shell's parts: list.facets) the category pages, which keep their own price range.
import { ref, watch } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { currencySymbol, toMinor, toMajor } from '../../shared/money.js';
import { settings, t } from '../context.js';

/** Category values in tree order with their depth (parents before children). */
function treeOrder(values) {
  const byParent = new Map();
  const ids = new Set(values.map((v) => v.value));
  values.forEach((v) => {
    const parent = v.parent && ids.has(v.parent) ? v.parent : null;
    if (!byParent.has(parent)) byParent.set(parent, []);
    byParent.get(parent).push(v);
  });
  const out = [];
  const walk = (parent, depth) => (byParent.get(parent) || []).forEach((v) => {
    out.push({ ...v, depth });
    walk(v.value, depth + 1);
  });
  walk(null, 0);
  return out;
}

export const FacetPanel = {
  name: 'FacetPanel',
  props: {
    facets: { type: Array, required: true },
    search: { type: Object, required: true },
    onToggle: { type: Function, required: true },
    onPrice: { type: Function, required: true },
    onClear: { type: Function, required: true },
    // false: no price range of its own (the category page has one next to its sort)
    showPrice: { type: Boolean, default: true },
  },
  setup(props) {
    const min = ref('');
    const max = ref('');
    const error = ref('');
    watch(() => [props.search.minPrice, props.search.maxPrice, settings.currency], () => {
      min.value = props.search.minPrice ? String(toMajor(Number(props.search.minPrice), settings.currency)) : '';
      max.value = props.search.maxPrice ? String(toMajor(Number(props.search.maxPrice), settings.currency)) : '';
    }, { immediate: true });

    function applyPrice() {
      const lo = toMinor(min.value, settings.currency);
      const hi = toMinor(max.value, settings.currency);
      if (Number.isNaN(lo) || Number.isNaN(hi) || (lo !== null && hi !== null && lo > hi)) {
        error.value = t('priceInvalidShort');
        return;
      }
      error.value = '';
      props.onPrice(lo, hi);
    }

    const group = (facet) => {
      const values = facet.code === 'category' ? treeOrder(facet.values) : facet.values.map((v) => ({ ...v, depth: 0 }));
      if (!values.length) return null;
      const headingId = `facet-${facet.code.replace(/[^a-z0-9]/gi, '-')}`;
      return html`
        <fieldset key=${facet.code} class="facet" data-testid="facet" data-code=${facet.code}>
          <legend id=${headingId} class="facet-title">${facet.label}</legend>
          <ul class="facet-values">
            ${values.map((v) => html`
              <li key=${v.value} style=${v.depth ? `padding-left: ${v.depth * 1}rem` : null}>
                <label class="facet-value">
                  <input type="checkbox" checked=${v.selected} onChange=${() => props.onToggle(facet.code, v.value)}
                         data-testid="facet-value" data-value=${v.value} />
                  <span class="facet-label">${v.label}</span>
                  <span class="facet-count" data-testid="facet-count">${v.count}</span>
                </label>
              </li>`)}
          </ul>
        </fieldset>`;
    };

    const anyFilter = () => Object.keys(props.search.filters).length || props.search.minPrice || props.search.maxPrice;

    return () => html`
      <aside class="facet-panel" aria-label=${t('filtersTitle')} data-testid="facet-panel">
        <div class="facet-head">
          <h2 class="section-title">${t('filtersTitle')}</h2>
          ${anyFilter() ? html`<button type="button" class="btn btn-ghost btn-small" onClick=${props.onClear}
            data-testid="clear-search-filters">${t('clearAllFilters')}</button>` : null}
        </div>
        ${props.facets.map(group)}
        ${props.showPrice ? html`<form class="facet price-range" onSubmit=${prevent(applyPrice)} novalidate>
          <fieldset>
            <legend class="facet-title">${t('priceRange')} (${currencySymbol(settings.currency, settings.locale)})</legend>
            <div class="price-inputs">
              <label class="field"><span>${t('searchPriceFrom')}</span>
                <input ...${model(min, 'value')} type="text" inputmode="decimal" placeholder="0" data-testid="search-min-price"
                  aria-invalid=${error.value ? 'true' : null} /></label>
              <label class="field"><span>${t('searchPriceTo')}</span>
                <input ...${model(max, 'value')} type="text" inputmode="decimal" placeholder="∞" data-testid="search-max-price"
                  aria-invalid=${error.value ? 'true' : null} /></label>
              <button type="submit" class="btn btn-small" data-testid="apply-price">${t('applyPrice')}</button>
            </div>
            ${error.value ? html`<p class="field-error" role="alert">${error.value}</p>` : null}
          </fieldset>
        </form>` : null}
      </aside>`;
  },
};
