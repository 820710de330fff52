// The customer's orders (GET /orders, newest first): the order history page (/account/orders, a
// page at a time) and the latest few on the account page (the checkout's account section).
import { ref, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { LoadMore } from '../../shared/load-more.js';
import { api, errors, navigate, session, settings, t } from '../context.js';
import { orderStatus, formatDate } from './state.js';
import { StatusBadge } from './summary.js';

const PAGE = 20;
const RECENT = 3;

/** One order as a row that opens it. */
function orderRow(o) {
  return html`
    <li key=${o.id}>
      <a class="order-row" href=${`/account/orders/${o.id}`} data-testid="order-row" data-number=${o.number}>
        <span class="order-row-main">
          <span class="order-row-number">${o.number}</span>
          <span class="muted small">${formatDate(o.placedAt)} · ${t(o.itemCount === 1 ? 'oneItem' : 'nItems', { n: o.itemCount })}</span>
        </span>
        <${StatusBadge} status=${orderStatus(o.state, o.paymentStatus)} testid="order-row-status" />
        <span class="order-row-total" data-testid="order-row-total">${formatMoney(o.total, null, settings.locale)}</span>
        <span class="order-row-go" aria-hidden="true">›</span>
      </a>
    </li>`;
}

export const OrdersPage = {
  name: 'OrdersPage',
  setup() {
    const items = ref([]);
    const next = ref(null);
    const loading = ref(false);
    const loaded = ref(false);

    async function load(reset) {
      loading.value = true;
      try {
        const res = await api.get('/orders', { query: { limit: PAGE, after: reset ? undefined : next.value } });
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        next.value = res.nextCursor || null;
        loaded.value = true;
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }

    onMounted(() => {
      if (!session.loggedIn) { navigate('/login?next=/account/orders', { replace: true }); return; }
      load(true);
    });

    return () => html`
      <section class="container page orders-page" data-testid="orders-page">
        <a href="/account" class="back-link">← ${t('backToAccount')}</a>
        <h1 class="page-title">${t('yourOrders')}</h1>
        ${loaded.value && !items.value.length ? html`
          <div class="empty-page" data-testid="orders-empty">
            <p class="lead">${t('noOrdersYet')}</p>
            <a href="/" class="btn btn-primary">${t('keepShopping')}</a>
          </div>` : html`<ul class="order-list card" data-testid="order-list">${items.value.map(orderRow)}</ul>`}
        <${LoadMore} hasMore=${!!next.value} loading=${loading.value} label=${t('moreOrders')} loadingLabel=${t('loading')}
          testid="more-orders" onMore=${() => load(false)} />
      </section>`;
  },
};

/** The account page's section: the latest orders and a link to all of them. */
export const RecentOrders = {
  name: 'RecentOrders',
  setup() {
    const items = ref(null);
    const more = ref(false);
    onMounted(async () => {
      try {
        const res = await api.get('/orders', { query: { limit: RECENT } });
        items.value = res.items || [];
        more.value = Boolean(res.nextCursor);
      } catch (e) {
        items.value = [];
        if (e.status !== 401) errors.show(e);
      }
    });
    return () => html`
      <section class="card form-card recent-orders" data-testid="recent-orders">
        <div class="row-between">
          <h2 class="section-title">${t('yourOrders')}</h2>
          ${more.value ? html`<a href="/account/orders" class="small" data-testid="all-orders">${t('allOrders')}</a>` : null}
        </div>
        ${items.value === null ? html`<p class="muted">${t('loading')}</p>`
          : !items.value.length ? html`<p class="muted" data-testid="orders-empty">${t('noOrdersYet')}</p>`
          : html`<ul class="order-list compact">${items.value.map(orderRow)}</ul>`}
      </section>`;
  },
};
