// Products table: search (name, slug or SKU: GET /admin/products?q=), status filter, sort, thumbnails,
// cursor pagination, and bulk publish, unpublish and delete of the selected rows (each product is
// written on its own, with its version: one changed meanwhile is reported, not overwritten).
import { ref, reactive, watch, computed, onMounted, onBeforeUnmount } from 'vue';
import { html } from '../../shared/html.js';
import { selected } from '../../shared/forms.js';
import { formatMoney, priceIn } from '../../shared/money.js';
import { api, errors, notify, t, sized, CURRENCIES } from '../context.js';
import { LoadMore } from '../../shared/load-more.js';

export function productName(p) {
  const tr = p.translations || {};
  const name = tr[p.defaultLocale] || tr.en || Object.values(tr)[0];
  return (name && name.name) || p.name || p.slug;
}

const unwrap = (v) => (v && typeof v === 'object' && 'value' in v ? v.value : v);

/** The product as the update takes it, with another status; stock is left as it is (not sent). */
function withStatus(p, status) {
  return {
    slug: p.slug, status, defaultLocale: p.defaultLocale, translations: p.translations, categoryIds: p.categoryIds,
    attributes: Object.fromEntries(Object.entries(p.attributes || {}).map(([k, v]) => [k, unwrap(v)])),
    media: p.media || [], seo: p.seo, taxClass: p.taxClass,
    variants: (p.variants || []).map((v) => ({ sku: v.sku, options: v.options, prices: v.prices })),
    version: p.version,
  };
}

export const ProductsPage = {
  name: 'ProductsPage',
  setup() {
    const items = ref([]);
    const nextCursor = ref(null);
    const loading = ref(false);
    const filters = reactive({ status: '', sort: 'newest', q: '' });
    const chosen = reactive(new Set());
    const busy = ref(false);
    let requestNo = 0;
    let typing = null;
    const search = ref(null);

    // "/" anywhere but in a field puts the cursor into the search box
    function onKey(e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target;
      const typingInField = el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
      if (typingInField || !search.value) return;
      e.preventDefault();
      search.value.focus();
      search.value.select();
    }
    onMounted(() => window.addEventListener('keydown', onKey));
    onBeforeUnmount(() => window.removeEventListener('keydown', onKey));

    async function load(reset) {
      const my = ++requestNo;
      loading.value = true;
      try {
        const res = await api.get('/admin/products', {
          query: {
            limit: 20, status: filters.status || undefined, sort: filters.sort, q: filters.q.trim() || undefined,
            after: reset ? undefined : nextCursor.value,
          },
        });
        if (my !== requestNo) return;
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        nextCursor.value = res.nextCursor || null;
        if (reset) chosen.clear();
      } catch (e) {
        if (my === requestNo) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }
    watch(() => [filters.status, filters.sort], () => load(true), { immediate: true });
    watch(() => filters.q, () => {
      clearTimeout(typing);
      typing = setTimeout(() => load(true), 250);
    });

    const allChosen = computed(() => items.value.length > 0 && items.value.every((p) => chosen.has(p.id)));
    function toggleAll() {
      if (allChosen.value) chosen.clear();
      else items.value.forEach((p) => chosen.add(p.id));
    }
    function toggle(id) {
      if (chosen.has(id)) chosen.delete(id);
      else chosen.add(id);
    }

    /** Runs {@code action} on each chosen product, one after the other; says how many worked and why others did not. */
    async function bulk(kind) {
      const list = items.value.filter((p) => chosen.has(p.id));
      if (!list.length) return;
      if (kind === 'delete' && !window.confirm(t('confirmBulkDelete', { n: list.length }))) return;
      busy.value = true;
      errors.clear();
      let done = 0;
      const failed = [];
      for (const p of list) {
        try {
          if (kind === 'delete') await api.del(`/admin/products/${p.id}`, { idempotent: true });
          else await api.put(`/admin/products/${p.id}`, withStatus(p, kind === 'publish' ? 'PUBLISHED' : 'DRAFT'), { idempotent: true });
          done += 1;
        } catch (e) {
          failed.push(`${productName(p)}: ${e.message}`);
        }
      }
      busy.value = false;
      notify(t(`bulkDone_${kind}`, { n: done }));
      if (failed.length) errors.show({ message: t('bulkFailed', { n: failed.length, list: failed.join('; ') }) });
      load(true);
    }

    const stock = (p) => (p.variants || []).reduce((n, v) => n + (v.stockOnHand || 0), 0);
    const price = (p) => {
      const shown = CURRENCIES[0]; // the shop's default currency
      const amounts = (p.variants || []).map((v) => priceIn(v.prices, shown)).filter(Boolean).map((m) => m.amount);
      if (!amounts.length) return '—';
      const min = Math.min(...amounts);
      const max = Math.max(...amounts);
      return min === max ? formatMoney(min, shown) : `${formatMoney(min, shown)} – ${formatMoney(max, shown)}`;
    };
    const updated = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '');
    const thumb = (p) => {
      const m = (p.media || [])[0];
      return m && m.url
        ? html`<img class="thumb" src=${sized(m.url, 160)} alt="" loading="lazy" width="40" height="40" />`
        : html`<span class="thumb thumb-empty" aria-hidden="true">${productName(p).slice(0, 1).toUpperCase()}</span>`;
    };

    const row = (p) => html`
      <tr key=${p.id} data-testid="admin-product-row" data-id=${p.id} data-slug=${p.slug} class=${{ chosen: chosen.has(p.id) }}>
        <td class="check-cell"><input type="checkbox" checked=${chosen.has(p.id)} onChange=${() => toggle(p.id)}
          aria-label=${t('chooseProduct', { name: productName(p) })} data-testid="choose-product" /></td>
        <td class="name-cell">${thumb(p)}<a href=${'#/products/' + p.id} class="row-link" data-testid="admin-product-link">${productName(p)}</a></td>
        <td><code>${p.slug}</code></td>
        <td><span class=${['badge', p.status === 'PUBLISHED' ? 'badge-success' : 'badge-muted']}>${p.status}</span></td>
        <td class="num">${(p.variants || []).length}</td>
        <td class="num">${stock(p)}</td>
        <td class="num">${price(p)}</td>
        <td class="muted">${updated(p.updatedAt)}</td>
      </tr>`;

    return () => html`
      <section class="page">
        <div class="page-head">
          <h1 class="page-title">${t('navProducts')}</h1>
          <div class="page-actions">
            <a href="#/products/new" class="btn btn-primary" data-testid="new-product">${t('newProduct')}</a>
          </div>
        </div>
        <div class="card filter-bar product-filters">
          <label class="field grow">
            <span>${t('searchProducts')} <kbd class="kbd" aria-hidden="true">/</kbd></span>
            <input ref=${search} type="search" value=${filters.q} onInput=${(e) => { filters.q = e.target.value; }} maxlength="100"
              placeholder=${t('searchProductsHint')} aria-keyshortcuts="/" title=${t('searchShortcut')} data-testid="product-search" />
          </label>
          <label class="field">
            <span>${t('status')}</span>
            <select ...${selected(filters, 'status')} data-testid="status-filter">
              <option value="">${t('all')}</option>
              <option value="DRAFT">${t('draft')}</option>
              <option value="PUBLISHED">${t('published')}</option>
            </select>
          </label>
          <label class="field">
            <span>${t('sortBy')}</span>
            <select ...${selected(filters, 'sort')} data-testid="product-sort">
              <option value="newest">${t('sortNewest')}</option>
              <option value="name">${t('sortName')}</option>
              <option value="price_asc">${t('sortPriceAsc')}</option>
              <option value="price_desc">${t('sortPriceDesc')}</option>
            </select>
          </label>
        </div>
        ${chosen.size ? html`
          <div class="bulk-bar card" role="region" aria-label=${t('bulkActions')} data-testid="bulk-bar">
            <strong>${t('chosenCount', { n: chosen.size })}</strong>
            <button type="button" class="btn btn-small" disabled=${busy.value} onClick=${() => bulk('publish')} data-testid="bulk-publish">${t('publish')}</button>
            <button type="button" class="btn btn-small" disabled=${busy.value} onClick=${() => bulk('unpublish')} data-testid="bulk-unpublish">${t('unpublish')}</button>
            <button type="button" class="btn btn-small btn-danger" disabled=${busy.value} onClick=${() => bulk('delete')} data-testid="bulk-delete">${t('delete')}</button>
            <button type="button" class="btn btn-small btn-ghost" onClick=${() => chosen.clear()}>${t('clearChoice')}</button>
          </div>` : null}
        <div class="card table-card">
          <table class="table" data-testid="products-table">
            <thead>
              <tr><th scope="col" class="check-cell"><input type="checkbox" checked=${allChosen.value} onChange=${toggleAll}
                  aria-label=${t('chooseAll')} data-testid="choose-all" /></th>
                <th scope="col">${t('name')}</th><th scope="col">${t('slug')}</th><th scope="col">${t('status')}</th>
                <th scope="col" class="num">${t('variants')}</th><th scope="col" class="num">${t('stock')}</th>
                <th scope="col" class="num">${t('priceEur')}</th><th scope="col">${t('updated')}</th></tr>
            </thead>
            <tbody>
              ${items.value.map(row)}
              ${!loading.value && !items.value.length
                ? html`<tr><td colspan="8" class="empty">${filters.q.trim() ? t('noProductsMatch') : t('noProducts')}</td></tr>` : null}
            </tbody>
          </table>
        </div>
        <${LoadMore} hasMore=${!!nextCursor.value} loading=${loading.value} label=${t('loadMore')}
          loadingLabel=${t('loading')} testid="next-page" onMore=${() => load(false)} />
      </section>`;
  },
};
