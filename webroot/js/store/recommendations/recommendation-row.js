// A row of recommended products for a situation (GET /api/v1/recommendations), loaded after the page's
// own content and never holding it up: nothing shows until it answers, and nothing when it fails or
// is empty. Each shown row reports recommendation-shown per item, each click recommendation-clicked,
// with the model that served the row, the item's position and the session's A/B arm.
import { ref, watch } from 'vue';
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { api, settings, t, imageAttrs, session } from '../context.js';
import { sessionId, track } from './tracker.js';

const TITLES = {
  similar: 'recoSimilar', 'bought-together': 'recoBoughtTogether', complements: 'recoComplements',
  'for-you': 'recoForYou', category: 'recoCategory',
};

export const RecommendationRows = {
  name: 'RecommendationRows',
  props: {
    // {situation, productId?, categoryId?, cart?}: what to recommend for; null while unknown
    request: { type: Object, default: null },
    limit: { type: Number, default: 6 },
  },
  setup(props) {
    const rows = ref([]);
    let arm = null;
    let requestNo = 0;

    async function load() {
      const my = ++requestNo;
      if (!props.request) { rows.value = []; return; }
      try {
        const answer = await api.get('/recommendations', {
          auth: session.loggedIn, // a signed-in shopper's rows leave out what they bought before
          query: { ...props.request, session: sessionId, limit: props.limit, locale: settings.locale, currency: settings.currency },
        });
        if (my !== requestNo) return;
        arm = answer.arm;
        rows.value = answer.rows.filter((r) => r.items.length);
        rows.value.forEach((r) => r.items.forEach((item, position) =>
          track({ type: 'recommendation-shown', productId: item.id, model: r.model, position, arm })));
      } catch {
        if (my === requestNo) rows.value = [];
      }
    }

    watch([() => JSON.stringify(props.request), () => settings.locale, () => settings.currency], load, { immediate: true });

    function clicked(row, item, position) {
      track({ type: 'recommendation-clicked', productId: item.id, model: row.model, position, arm }, { now: true });
    }

    function card(row, item, position) {
      return html`
        <li key=${item.id} class="reco-item">
          <a href=${'/p/' + encodeURIComponent(item.slug)} class="card reco-card" data-testid="reco-item"
             data-model=${row.model} data-position=${position} onClick=${() => clicked(row, item, position)}>
            <div class="card-media">
              ${item.image
                ? html`<img ...${imageAttrs(item.image.url, 200)} alt=${item.image.alt || item.name} loading="lazy" width="200" height="200" />`
                : html`<div class="img-placeholder" aria-hidden="true">${(item.name || '?').charAt(0)}</div>`}
            </div>
            <div class="card-body">
              <span class="card-title">${item.name}</span>
              <span class="card-price">${item.price ? formatMoney(item.price, settings.currency, settings.locale) : ''}</span>
              ${item.inStock ? null : html`<span class="card-stock out">${t('recoSoldOut')}</span>`}
            </div>
          </a>
        </li>`;
    }

    return () => (rows.value.length ? html`
      <div class="reco-rows">
        ${rows.value.map((row) => html`
          <section key=${row.kind} class="reco-row" data-testid="reco-row" data-kind=${row.kind} data-model=${row.model}
                   aria-label=${t('recoRowLabel', { title: t(TITLES[row.kind] || 'recoForYou'), n: row.items.length })}>
            <h2 class="section-title">${t(TITLES[row.kind] || 'recoForYou')}</h2>
            <ul class="reco-list">${row.items.map((item, i) => card(row, item, i))}</ul>
          </section>`)}
      </div>` : null);
  },
};
