// Product detail page by slug: gallery, variant picker, price, stock, attributes.
import { ref, reactive, computed, watch } from 'vue';
import { formatMoney, priceIn } from '../shared/money.js';
import { pathTo } from '../shared/categories.js';
import { api, settings, catalog, errors } from './state.js';
import { t } from './i18n.js';

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
    let requestNo = 0;

    async function load() {
      const my = ++requestNo;
      loading.value = true;
      notFound.value = false;
      try {
        const query = { locale: settings.locale, currency: settings.currency };
        const [p, attrs] = await Promise.all([
          api.get(`/products/by-slug/${encodeURIComponent(props.slug)}`, { query, auth: false }),
          api.get('/attributes', { query: { locale: settings.locale }, auth: false }).catch(() => ({ items: [] })),
        ]);
        if (my !== requestNo) return;
        const keepSelection = product.value && product.value.id === p.id;
        product.value = p;
        attributeDefs.value = Object.fromEntries((attrs.items || []).map((a) => [a.code, a]));
        if (!keepSelection) {
          imageIndex.value = 0;
          const first = (p.variants || []).find((v) => v.stockOnHand > 0) || (p.variants || [])[0];
          Object.keys(selected).forEach((k) => delete selected[k]);
          if (first) Object.assign(selected, first.options || {});
        }
        document.title = `${(p.seo && p.seo.title) || p.name} · Kinetic`;
      } catch (e) {
        if (my !== requestNo) return;
        if (e.status === 404) { product.value = null; notFound.value = true; }
        errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }

    watch([() => props.slug, () => settings.locale, () => settings.currency], load, { immediate: true });

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

    /** Is value available given the other current selections? */
    function available(key, value) {
      const sel = { ...selected, [key]: value };
      return variants.value.some((v) => matches(v, sel));
    }

    function choose(key, value) {
      const sel = { ...selected, [key]: value };
      const exact = variants.value.find((v) => matches(v, sel));
      const fallback = exact || variants.value.find((v) => (v.options || {})[key] === value);
      Object.keys(selected).forEach((k) => delete selected[k]);
      Object.assign(selected, fallback ? fallback.options : sel);
    }

    const price = computed(() => {
      if (!variant.value) return '';
      const p = priceIn(variant.value.prices, settings.currency);
      return p ? formatMoney(p, null, settings.locale) : t('notAvailableIn', { currency: settings.currency });
    });

    const stockLabel = computed(() => {
      if (!variant.value) return '';
      return variant.value.stockOnHand > 0 ? t('inStock', { n: variant.value.stockOnHand }) : t('outOfStock');
    });

    const media = computed(() => (product.value ? product.value.media || [] : []));
    const mainImage = computed(() => media.value[imageIndex.value] || media.value[0] || null);

    const attributeRows = computed(() => {
      const attrs = (product.value && product.value.attributes) || {};
      return Object.entries(attrs).map(([code, value]) => {
        const def = attributeDefs.value[code];
        return { code, label: (def && def.name) || code, value: formatAttribute(value, def) };
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

    return {
      product, notFound, loading, optionGroups, selected, variant, available, choose, price, stockLabel,
      media, mainImage, imageIndex, attributeRows, breadcrumb, t,
    };
  },
  template: `
    <section class="container page">
      <div v-if="notFound" class="empty-page">
        <h1 class="page-title">{{ t('productNotFound') }}</h1>
        <a href="#/" class="btn">{{ t('backToShop') }}</a>
      </div>
      <p v-else-if="!product && loading" class="muted">{{ t('loading') }}</p>
      <template v-else-if="product">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="#/">{{ t('home') }}</a>
          <template v-for="c in breadcrumb" :key="c.id">
            <span aria-hidden="true">/</span><a :href="'#/category/' + c.id">{{ c.name }}</a>
          </template>
        </nav>
        <article class="product-detail" data-testid="product-detail">
          <div class="gallery" data-testid="gallery">
            <div class="gallery-main">
              <img v-if="mainImage" :src="mainImage.url" :alt="mainImage.alt || product.name" width="640" height="640">
              <div v-else class="img-placeholder" aria-hidden="true">{{ product.name.charAt(0) }}</div>
            </div>
            <ul v-if="media.length > 1" class="gallery-thumbs">
              <li v-for="(m, i) in media" :key="m.url + i">
                <button type="button" class="thumb" :aria-pressed="i === imageIndex ? 'true' : 'false'"
                        :aria-label="t('showImage', { n: i + 1 })" @click="imageIndex = i" data-testid="gallery-thumb">
                  <img :src="m.url" alt="" width="80" height="80">
                </button>
              </li>
            </ul>
          </div>

          <div class="product-info">
            <h1 class="product-title" data-testid="product-name">{{ product.name }}</h1>
            <p class="product-price" data-testid="product-price">{{ price }}</p>
            <p v-if="variant" class="stock-status" :class="variant.stockOnHand > 0 ? 'ok' : 'out'" data-testid="stock-status">
              {{ stockLabel }}
            </p>
            <p v-else class="stock-status out" data-testid="stock-status" role="status">{{ t('unavailableCombo') }}</p>

            <div v-if="optionGroups.length" class="variant-picker" data-testid="variant-picker">
              <fieldset v-for="g in optionGroups" :key="g.key" class="option-group" :data-testid="'option-' + g.key">
                <legend>{{ g.key }}</legend>
                <div class="option-values">
                  <label v-for="val in g.values" :key="val" class="option-pill" :class="{ unavailable: !available(g.key, val) }">
                    <input type="radio" :name="'opt-' + g.key" :value="val" :checked="selected[g.key] === val"
                           @change="choose(g.key, val)" data-testid="option-value">
                    <span>{{ val }}</span>
                  </label>
                </div>
              </fieldset>
            </div>
            <p v-if="variant" class="muted small">{{ t('sku') }}: <span data-testid="variant-sku">{{ variant.sku }}</span></p>

            <div class="product-description" data-testid="product-description">{{ product.description }}</div>

            <section v-if="attributeRows.length" class="attributes">
              <h2 class="section-title">{{ t('details') }}</h2>
              <table class="attr-table" data-testid="attributes-table">
                <tbody>
                  <tr v-for="a in attributeRows" :key="a.code" :data-attr="a.code">
                    <th scope="row">{{ a.label }}</th>
                    <td>{{ a.value }}</td>
                  </tr>
                </tbody>
              </table>
            </section>
          </div>
        </article>
      </template>
    </section>`,
};
