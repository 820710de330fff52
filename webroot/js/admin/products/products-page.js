// Products table: status filter, cursor pagination.
import { ref, watch } from 'vue';
import { html } from '../../shared/html.js';
import { selected } from '../../shared/forms.js';
import { formatMoney, priceIn } from '../../shared/money.js';
import { api, errors, t } from '../context.js';
import { LoadMore } from '../../shared/load-more.js';

export function productName(p) {
  const tr = p.translations || {};
  const name = tr[p.defaultLocale] || tr.en || Object.values(tr)[0];
  return (name && name.name) || p.name || p.slug;
}

export const ProductsPage = {
  name: 'ProductsPage',
  setup() {
    const items = ref([]);
    const nextCursor = ref(null);
    const loading = ref(false);
    const status = ref('');
    let requestNo = 0;

    async function load(reset) {
      const my = ++requestNo;
      loading.value = true;
      try {
        const res = await api.get('/admin/products', {
          query: { limit: 20, status: status.value || undefined, after: reset ? undefined : nextCursor.value },
        });
        if (my !== requestNo) return;
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        nextCursor.value = res.nextCursor || null;
      } catch (e) {
        if (my === requestNo) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }
    watch(status, () => load(true), { immediate: true });

    const stock = (p) => (p.variants || []).reduce((n, v) => n + (v.stockOnHand || 0), 0);
    const price = (p) => {
      const amounts = (p.variants || []).map((v) => priceIn(v.prices, 'EUR')).filter(Boolean).map((m) => m.amount);
      if (!amounts.length) return '—';
      const min = Math.min(...amounts);
      const max = Math.max(...amounts);
      return min === max ? formatMoney(min, 'EUR') : `${formatMoney(min, 'EUR')} – ${formatMoney(max, 'EUR')}`;
    };
    const updated = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '');

    const row = (p) => html`
      <tr key=${p.id} data-testid="admin-product-row" data-id=${p.id} data-slug=${p.slug}>
        <td><a href=${'#/products/' + p.id} class="row-link" data-testid="admin-product-link">${productName(p)}</a></td>
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
            <label class="field field-inline">
              <span>${t('status')}</span>
              <select ...${selected(status, 'value')} data-testid="status-filter">
                <option value="">${t('all')}</option>
                <option value="DRAFT">${t('draft')}</option>
                <option value="PUBLISHED">${t('published')}</option>
              </select>
            </label>
            <a href="#/products/new" class="btn btn-primary" data-testid="new-product">${t('newProduct')}</a>
          </div>
        </div>
        <div class="card table-card">
          <table class="table" data-testid="products-table">
            <thead>
              <tr><th scope="col">${t('name')}</th><th scope="col">${t('slug')}</th><th scope="col">${t('status')}</th>
                <th scope="col" class="num">${t('variants')}</th><th scope="col" class="num">${t('stock')}</th>
                <th scope="col" class="num">${t('priceEur')}</th><th scope="col">${t('updated')}</th></tr>
            </thead>
            <tbody>
              ${items.value.map(row)}
              ${!loading.value && !items.value.length ? html`<tr><td colspan="7" class="empty">${t('noProducts')}</td></tr>` : null}
            </tbody>
          </table>
        </div>
        <${LoadMore} hasMore=${!!nextCursor.value} loading=${loading.value} label=${t('loadMore')}
          loadingLabel=${t('loading')} testid="next-page" onMore=${() => load(false)} />
      </section>`;
  },
};
