// The e-mails (GET /admin/mails), newest first, a page at a time, filtered by status and the exact
// recipient (#/mails?status=failed&recipient=ada@example.com keeps the filter in the address).
import { ref, reactive, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { model, prevent } from '../../shared/forms.js';
import { LoadMore } from '../../shared/load-more.js';
import { api, errors, t } from '../context.js';
import { STATUSES, kindLabel, statusLabel, statusBadge, when } from './format.js';

const PAGE = 50;
const KEYS = ['status', 'recipient'];

function fromAddress() {
  const q = new URLSearchParams(window.location.hash.split('?')[1] || '');
  return Object.fromEntries(KEYS.map((k) => [k, q.get(k) || '']));
}

export const MailsPage = {
  name: 'MailsPage',
  setup() {
    const filters = reactive(fromAddress());
    const applied = ref({ ...filters });
    const items = ref([]);
    const next = ref(null);
    const loading = ref(false);
    let requestNo = 0;

    async function load(reset) {
      const my = ++requestNo;
      loading.value = true;
      try {
        const query = { status: applied.value.status || undefined, recipient: applied.value.recipient.trim() || undefined };
        const res = await api.get('/admin/mails', { query: { ...query, limit: PAGE, after: reset ? undefined : next.value } });
        if (my !== requestNo) return;
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        next.value = res.nextCursor || null;
      } catch (e) {
        if (my === requestNo) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }

    function apply() {
      errors.clear();
      applied.value = { ...filters };
      const qs = new URLSearchParams(Object.entries(applied.value).filter(([, v]) => v)).toString();
      history.replaceState(null, '', qs ? `#/mails?${qs}` : '#/mails');
      load(true);
    }

    function clear() {
      KEYS.forEach((k) => { filters[k] = ''; });
      apply();
    }

    onMounted(() => load(true));
    const filtered = () => KEYS.some((k) => applied.value[k]);

    const row = (m) => html`
      <tr key=${m.id} data-testid="mail-row" data-kind=${m.kind} data-status=${m.status}>
        <td class="cell-main">
          <a href=${`#/mails/${m.id}`} class="row-link" data-testid="mail-link">${m.subject}</a>
          <span class="cell-sub muted small">${kindLabel(m.kind)}${m.orderNumber ? ` · ${m.orderNumber}` : ''}</span>
        </td>
        <td data-label=${t('recipient')}><span class="wrap-anywhere">${m.recipient}</span>
          <span class="cell-sub muted small">${m.locale.toUpperCase()}</span></td>
        <td class="muted nowrap" data-label=${t('created')}>${when(m.createdAt)}</td>
        <td data-label=${t('status')}>${statusBadge(m.status, 'mail-row-status')}
          ${m.attempts > 1 || m.status !== 'sent' ? html`<span class="cell-sub muted small">${t('attemptsSoFar', { n: m.attempts })}</span>` : null}
        </td>
      </tr>`;

    return () => html`
      <section class="page">
        <div class="page-head">
          <div>
            <h1 class="page-title">${t('navMails')}</h1>
            <p class="muted">${t('mailsLead')}</p>
          </div>
        </div>
        <form class="card filter-bar" onSubmit=${prevent(apply)} novalidate data-testid="mail-filters">
          <label class="field">
            <span>${t('status')}</span>
            <select value=${filters.status} onChange=${(e) => { filters.status = e.target.value; apply(); }} data-testid="filter-mail-status">
              <option value="">${t('allMails')}</option>
              ${STATUSES.map((s) => html`<option key=${s} value=${s}>${statusLabel(s)}</option>`)}
            </select>
          </label>
          <label class="field field-grow">
            <span>${t('recipient')}</span>
            <input ...${model(filters, 'recipient')} type="email" placeholder=${t('exactRecipient')} data-testid="filter-recipient" />
          </label>
          <div class="filter-actions">
            <button type="submit" class="btn btn-primary" data-testid="apply-mail-filters">${t('filter')}</button>
            ${filtered() ? html`<button type="button" class="btn" onClick=${clear}>${t('clearFilter')}</button>` : null}
          </div>
        </form>
        <div class="card table-card">
          <table class="table table-stack" data-testid="mails-table">
            <thead><tr><th scope="col">${t('subject')}</th><th scope="col">${t('recipient')}</th>
              <th scope="col">${t('created')}</th><th scope="col">${t('status')}</th></tr></thead>
            <tbody>
              ${items.value.map(row)}
              ${!loading.value && !items.value.length
                ? html`<tr><td colspan="4" class="empty" data-testid="no-mails">${filtered() ? t('noMailsMatch') : t('noMails')}</td></tr>` : null}
            </tbody>
          </table>
        </div>
        <${LoadMore} hasMore=${!!next.value} loading=${loading.value} label=${t('loadMore')}
          loadingLabel=${t('loading')} testid="mails-next-page" onMore=${() => load(false)} />
      </section>`;
  },
};
