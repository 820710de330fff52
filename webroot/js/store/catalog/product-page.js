// Product detail page by slug: gallery, variant picker, price, availability, what other features put
// there (the cart's buy box), attributes. Price and stock follow changes live (context's live).
import { h, ref, reactive, computed, watch, onUnmounted } from 'vue';
import { html } from '../../shared/html.js';
import { formatMoney, priceIn } from '../../shared/money.js';
import { pathTo } from '../../shared/categories.js';
import { api, settings, errors, t, live, availability, unitsAvailable, productActions, productBelow } from '../context.js';
import { catalog } from './state.js';
import { ProductGallery } from './product-gallery.js';

export const ProductPage = {
  name: 'ProductPage',
  props: { slug: { type: String, required: true } },
  setup(props) {
    const product = ref(null);
    const notFound = ref(false);
    const loading = ref(false);
    const attributeDefs = ref({});
    const imageIndex = ref(0);
    const selected = reactive({});
    /** What the picker changed on its own (another option, to a combination that exists), said next to it. */
    const notice = ref('');
    let requestNo = 0;

    /** quiet: a live refresh, which keeps the page as it is when the product cannot be read just now. */
    async function load({ quiet = false } = {}) {
      const my = ++requestNo;
      if (!quiet) {
        loading.value = true;
        notFound.value = false;
      }
      try {
        const query = { locale: settings.locale, currency: settings.currency };
        const [p, attrs] = await Promise.all([
          api.get(`/products/by-slug/${encodeURIComponent(props.slug)}`, { query, auth: false, cache: quiet ? 'no-cache' : undefined }),
          quiet ? null : api.get('/attributes', { query: { locale: settings.locale }, auth: false }).catch(() => ({ items: [] })),
        ]);
        if (my !== requestNo) return;
        const keepSelection = product.value && product.value.id === p.id;
        product.value = p;
        if (attrs) attributeDefs.value = Object.fromEntries((attrs.items || []).map((a) => [a.code, a]));
        if (!keepSelection) {
          imageIndex.value = 0;
          const first = (p.variants || []).find((v) => unitsAvailable(v) > 0) || (p.variants || [])[0];
          Object.keys(selected).forEach((k) => delete selected[k]);
          if (first) Object.assign(selected, first.options || {});
          notice.value = '';
        }
        document.title = `${(p.seo && p.seo.title) || p.name} · Kinetic`;
      } catch (e) {
        if (my !== requestNo) return;
        if (e.status === 404) { product.value = null; notFound.value = true; }
        if (!quiet || e.status === 404) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }

    watch([() => props.slug, () => settings.locale, () => settings.currency], () => load(), { immediate: true });

    // price and stock changes show without a reload: a subscription to the product, else polling
    let unwatch = null;
    watch(() => product.value && product.value.id, (id) => {
      if (unwatch) unwatch();
      unwatch = id ? live.watch(`subscription { productChanged(id: ${JSON.stringify(id)}) { __typename } }`, () => load({ quiet: true })) : null;
    }, { immediate: true });
    onUnmounted(() => { if (unwatch) unwatch(); });

    const variants = computed(() => (product.value ? product.value.variants || [] : []));

    /** Option keys in first-seen order with their distinct values: [{key, values}] */
    const optionGroups = computed(() => {
      const groups = new Map();
      for (const v of variants.value) {
        for (const [k, val] of Object.entries(v.options || {})) {
          if (!groups.has(k)) groups.set(k, []);
          if (!groups.get(k).includes(val)) groups.get(k).push(val);
        }
      }
      return [...groups.entries()].map(([key, values]) => ({ key, values }));
    });

    const matches = (v, sel) => Object.entries(sel).every(([k, val]) => (v.options || {})[k] === val);

    const variant = computed(() => {
      if (variants.value.length === 1) return variants.value[0];
      return variants.value.find((v) => matches(v, selected)) || null;
    });

    /** A value given the other current choices: 'ok', 'soldout' (that variant has none left) or 'missing' (no such variant). */
    function valueState(key, value) {
      const v = variants.value.find((x) => matches(x, { ...selected, [key]: value }));
      if (!v) return 'missing';
      return unitsAvailable(v) > 0 ? 'ok' : 'soldout';
    }

    const optionLabel = (key) => (attributeDefs.value[key] && attributeDefs.value[key].name) || key;

    function choose(key, value) {
      const exact = variants.value.find((v) => matches(v, { ...selected, [key]: value }));
      notice.value = '';
      let next = exact;
      if (!next) {
        // no such combination: keep the value chosen, take a variant that has it (one in stock first) and say what else changed
        const withValue = variants.value.filter((v) => (v.options || {})[key] === value);
        next = withValue.find((v) => unitsAvailable(v) > 0) || withValue[0];
        if (!next) return;
        const changed = Object.entries(next.options || {}).filter(([k, val]) => k !== key && selected[k] !== val);
        if (changed.length) {
          notice.value = t('optionChanged', { value, changes: changed.map(([k, val]) => `${optionLabel(k)} ${val}`).join(', ') });
        }
      }
      Object.keys(selected).forEach((k) => delete selected[k]);
      Object.assign(selected, next.options || {});
    }

    const price = computed(() => {
      if (!variant.value) return '';
      const p = priceIn(variant.value.prices, settings.currency);
      return p ? formatMoney(p, null, settings.locale) : t('notAvailableIn', { currency: settings.currency });
    });

    const stock = computed(() => availability(unitsAvailable(variant.value)));


    // the details follow the chosen variant: its options (e.g. its colour) in place of the product's value
    const attributeRows = computed(() => {
      const attrs = (product.value && product.value.attributes) || {};
      const options = (variant.value && variant.value.options) || {};
      return Object.entries(attrs).map(([code, value]) => {
        const def = attributeDefs.value[code];
        return { code, label: (def && def.name) || code, value: code in options ? options[code] : formatAttribute(value, def) };
      });
    });

    const numberFmt = computed(() => new Intl.NumberFormat(settings.locale));

    function formatAttribute(value, def) {
      if (value === null || value === undefined) return '—';
      if (typeof value === 'boolean') return value ? t('yes') : t('no');
      if (typeof value === 'number') {
        const unit = def && def.unit ? ` ${def.unit}` : '';
        return numberFmt.value.format(value) + unit;
      }
      if (Array.isArray(value)) return value.join(', ');
      if (typeof value === 'object' && 'value' in value) {
        const v = typeof value.value === 'number' ? numberFmt.value.format(value.value) : value.value;
        return value.unit ? `${v} ${value.unit}` : String(v);
      }
      return String(value);
    }

    const breadcrumb = computed(() => {
      const first = product.value && (product.value.categoryIds || [])[0];
      return first ? pathTo(catalog.categories, first) : [];
    });


    function breadcrumbNav() {
      return html`
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="/">${t('home')}</a>
          ${breadcrumb.value.map((c) => [
            html`<span aria-hidden="true">/</span>`,
            html`<a href=${'/c/' + encodeURIComponent(c.slug)}>${c.name}</a>`,
          ])}
        </nav>`;
    }

    function variantPicker() {
      if (!optionGroups.value.length) return null;
      return html`
        <div class="variant-picker" data-testid="variant-picker">
          ${optionGroups.value.map((g) => html`
            <fieldset key=${g.key} class="option-group" data-testid=${'option-' + g.key}>
              <legend>${optionLabel(g.key)}</legend>
              <div class="option-values">
                ${g.values.map((val) => {
                  const state = valueState(g.key, val);
                  const hint = state === 'ok' ? null : t(state === 'soldout' ? 'optionSoldOut' : 'optionNotInCombo');
                  return html`
                    <label key=${val} class=${['option-pill', { soldout: state === 'soldout', unavailable: state === 'missing' }]}
                           title=${hint} data-state=${state}>
                      <input type="radio" name=${'opt-' + g.key} value=${val} checked=${selected[g.key] === val}
                             aria-label=${hint ? `${val} (${hint})` : null}
                             onChange=${() => choose(g.key, val)} data-testid="option-value" />
                      <span>${val}</span>
                    </label>`;
                })}
              </div>
            </fieldset>`)}
          ${notice.value ? html`<p class="picker-notice" role="status" data-testid="picker-notice">${notice.value}</p>` : null}
        </div>`;
    }

    function info(p) {
      const v = variant.value;
      return html`
        <div class="product-info">
          <h1 class="product-title" data-testid="product-name">${p.name}</h1>
          <p class="product-price" data-testid="product-price">${price.value}</p>
          ${v
            ? html`<p class=${['stock-status', stock.value.level]} data-testid="stock-status">${stock.value.label}</p>`
            : html`<p class="stock-status out" data-testid="stock-status" role="status">${t('unavailableCombo')}</p>`}
          ${variantPicker()}
          ${productActions().map((part) => h(part, { product: p, variant: v }))}
          ${v ? html`<p class="muted small">${t('sku')}: <span data-testid="variant-sku">${v.sku}</span></p>` : null}

          <div class="product-description" data-testid="product-description">${p.description}</div>

          ${attributeRows.value.length ? html`
            <section class="attributes">
              <h2 class="section-title">${t('details')}</h2>
              <table class="attr-table" data-testid="attributes-table">
                <tbody>
                  ${attributeRows.value.map((a) => html`
                    <tr key=${a.code} data-attr=${a.code}>
                      <th scope="row">${a.label}</th>
                      <td>${a.value}</td>
                    </tr>`)}
                </tbody>
              </table>
            </section>` : null}
        </div>`;
    }

    function body() {
      if (notFound.value) {
        return html`
          <div class="empty-page">
            <h1 class="page-title">${t('productNotFound')}</h1>
            <a href="/" class="btn">${t('backToShop')}</a>
          </div>`;
      }
      if (!product.value && loading.value) return html`<p class="muted">${t('loading')}</p>`;
      if (!product.value) return null;
      const p = product.value;
      return [
        breadcrumbNav(),
        html`
          <article class="product-detail" data-testid="product-detail">
            <${ProductGallery} media=${p.media || []} name=${p.name} index=${imageIndex.value}
                               onSelect=${(i) => { imageIndex.value = i; }} />
            ${info(p)}
          </article>`,
        ...productBelow().map((part) => h(part, { product: p, key: 'below-' + p.id })),
      ];
    }

    return () => html`<section class="container page">${body()}</section>`;
  },
};
