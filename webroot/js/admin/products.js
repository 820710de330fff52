// Products table: status filter, cursor pagination.
import { ref, watch } from 'vue';
import { formatMoney, priceIn } from '../shared/money.js';
import { api, errors } from './state.js';

export function productName(p) {
  const tr = p.translations || {};
  const t = tr[p.defaultLocale] || tr.en || Object.values(tr)[0];
  return (t && t.name) || p.name || p.slug;
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

    return { items, nextCursor, loading, status, load, stock, price, updated, productName };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">Products</h1>
        <div class="page-actions">
          <label class="field field-inline">
            <span>Status</span>
            <select v-model="status" data-testid="status-filter">
              <option value="">All</option>
              <option value="DRAFT">Draft</option>
              <option value="PUBLISHED">Published</option>
            </select>
          </label>
          <a href="#/products/new" class="btn btn-primary" data-testid="new-product">New product</a>
        </div>
      </div>
      <div class="card table-card">
        <table class="table" data-testid="products-table">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Status</th>
              <th scope="col" class="num">Variants</th><th scope="col" class="num">Stock</th>
              <th scope="col" class="num">Price (EUR)</th><th scope="col">Updated</th></tr>
          </thead>
          <tbody>
            <tr v-for="p in items" :key="p.id" data-testid="admin-product-row" :data-id="p.id" :data-slug="p.slug">
              <td><a :href="'#/products/' + p.id" class="row-link" data-testid="admin-product-link">{{ productName(p) }}</a></td>
              <td><code>{{ p.slug }}</code></td>
              <td><span class="badge" :class="p.status === 'PUBLISHED' ? 'badge-success' : 'badge-muted'">{{ p.status }}</span></td>
              <td class="num">{{ (p.variants || []).length }}</td>
              <td class="num">{{ stock(p) }}</td>
              <td class="num">{{ price(p) }}</td>
              <td class="muted">{{ updated(p.updatedAt) }}</td>
            </tr>
            <tr v-if="!loading && !items.length"><td colspan="7" class="empty">No products.</td></tr>
          </tbody>
        </table>
      </div>
      <div class="load-more">
        <button v-if="nextCursor" type="button" class="btn" :disabled="loading" @click="load(false)" data-testid="next-page">
          {{ loading ? 'Loading…' : 'Load more' }}
        </button>
        <p v-else-if="loading" class="muted">Loading…</p>
      </div>
    </section>`,
};
