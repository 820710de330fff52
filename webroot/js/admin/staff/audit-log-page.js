// The audit log of staff actions, newest first, a page at a time: when, who, what, to whom, the
// action's details and the request's correlation id.
import { ref, onMounted } from 'vue';
import { html } from '../../shared/html.js';
import { api, errors, t } from '../context.js';
import { LoadMore } from '../../shared/load-more.js';

const PAGE = 50;
const KEY_ORDER = ['email', 'roles', 'from', 'to'];
const rank = (key) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);
const ACTIONS = {
  'staff.created': 'actionCreated', 'staff.invited': 'actionInvited', 'staff.roles-changed': 'actionRolesChanged',
  'staff.deactivated': 'actionDeactivated', 'staff.reactivated': 'actionReactivated',
};

export const AuditLogPage = {
  name: 'AuditLogPage',
  setup() {
    const items = ref([]);
    const nextCursor = ref(null);
    const loading = ref(false);
    const members = ref(new Map()); // staff id -> member, to name the targets
    let requestNo = 0;

    async function load(reset) {
      const my = ++requestNo;
      loading.value = true;
      try {
        const res = await api.get('/admin/audit-log', { query: { limit: PAGE, after: reset ? undefined : nextCursor.value } });
        if (my !== requestNo) return;
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        nextCursor.value = res.nextCursor || null;
      } catch (e) {
        if (my === requestNo) errors.show(e);
      } finally {
        if (my === requestNo) loading.value = false;
      }
    }

    async function loadMembers() {
      try {
        const res = await api.get('/admin/staff');
        members.value = new Map((res.items || []).map((s) => [s.id, s]));
      } catch { /* targets are then shown by id; the log itself reports its own failures */ }
    }

    function refresh() {
      errors.clear();
      load(true);
      loadMembers();
    }
    onMounted(refresh);

    const when = (iso) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
    const short = (s) => (s && s.length > 13 ? `${s.slice(0, 12)}…` : s || '');
    const value = (v) => {
      if (Array.isArray(v)) return v.join(', ') || '—';
      if (typeof v === 'boolean') return v ? t('yes') : t('no');
      return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
    };

    function target(e) {
      const s = e.targetType === 'staff' ? members.value.get(e.targetId) : null;
      if (s) return html`<span class="row-title">${s.name}</span><span class="cell-sub muted small">${s.email}</span>`;
      return html`${e.targetType} <code class="small" title=${e.targetId}>${short(e.targetId)}</code>`;
    }

    /** Known keys first, in reading order ("from" before "to"), camelCase keys as words. */
    const details = (d) => html`
      <span class="details">
        ${Object.entries(d || {}).sort(([a], [b]) => rank(a) - rank(b)).map(([k, v]) => html`
          <span key=${k}><span class="muted">${k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}</span> ${value(v)}</span>`)}
      </span>`;

    const row = (e) => html`
      <tr key=${e.id} data-testid="audit-row" data-action=${e.action} data-target=${e.targetId}>
        <td class="muted nowrap">${when(e.at)}</td>
        <td data-label=${t('who')}>${e.actorEmail || html`<span class="muted">${t('system')}</span>`}</td>
        <td class="cell-main">
          <span class="row-title">${ACTIONS[e.action] ? t(ACTIONS[e.action]) : e.action}</span>
          <span class="cell-sub nowrap"><code class="small">${e.action}</code></span>
        </td>
        <td data-label=${t('target')}>${target(e)}</td>
        <td class="small" data-label=${Object.keys(e.details || {}).length ? t('details') : null}>${details(e.details)}</td>
        <td class="muted small" data-label=${e.correlationId ? t('ref') : null} title=${e.correlationId}>${short(e.correlationId)}</td>
      </tr>`;

    return () => html`
      <section class="page">
        <div class="page-head">
          <h1 class="page-title">${t('navAuditLog')}</h1>
          <div class="page-actions">
            <button type="button" class="btn" disabled=${loading.value} onClick=${refresh} data-testid="refresh-audit">${t('refresh')}</button>
          </div>
        </div>
        <div class="card table-card">
          <table class="table table-stack" data-testid="audit-table">
            <thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('who')}</th><th scope="col">${t('action')}</th>
              <th scope="col">${t('target')}</th><th scope="col">${t('details')}</th><th scope="col">${t('ref')}</th></tr></thead>
            <tbody>
              ${items.value.map(row)}
              ${!loading.value && !items.value.length ? html`<tr><td colspan="6" class="empty">${t('nothingRecorded')}</td></tr>` : null}
            </tbody>
          </table>
        </div>
        <${LoadMore} hasMore=${!!nextCursor.value} loading=${loading.value} label=${t('loadMore')}
          loadingLabel=${t('loading')} testid="audit-next-page" onMore=${() => load(false)} />
      </section>`;
  },
};
