// Audit log (admins only): staff actions, newest first, with who, what, target and request reference.
import { ref, onMounted } from 'vue';
import { api, errors } from './state.js';

export const AuditLogPage = {
  name: 'AuditLogPage',
  setup() {
    const items = ref([]);
    const nextCursor = ref(null);
    const loading = ref(false);

    async function load(reset) {
      loading.value = true;
      try {
        const res = await api.get('/admin/audit-log', { query: { limit: 50, after: reset ? undefined : nextCursor.value } });
        items.value = reset ? res.items || [] : items.value.concat(res.items || []);
        nextCursor.value = res.nextCursor || null;
      } catch (e) {
        errors.show(e);
      } finally {
        loading.value = false;
      }
    }
    onMounted(() => load(true));

    const when = (iso) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
    const details = (d) => (d && Object.keys(d).length ? JSON.stringify(d) : '');
    const short = (s) => (s && s.length > 13 ? `${s.slice(0, 12)}…` : s || '');

    return { items, nextCursor, loading, load, when, details, short };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">Audit log</h1>
        <div class="page-actions"><button type="button" class="btn" :disabled="loading" @click="load(true)" data-testid="refresh-audit">Refresh</button></div>
      </div>
      <div class="card table-card">
        <table class="table" data-testid="audit-table">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th>
            <th scope="col">Details</th><th scope="col">Ref</th></tr></thead>
          <tbody>
            <tr v-for="e in items" :key="e.id" data-testid="audit-row" :data-action="e.action" :data-target="e.targetId">
              <td class="muted">{{ when(e.at) }}</td>
              <td>{{ e.actorEmail || 'system' }}</td>
              <td><code>{{ e.action }}</code><span class="muted small"> · {{ e.context }}</span></td>
              <td>{{ e.targetType }} <code class="small" :title="e.targetId">{{ short(e.targetId) }}</code></td>
              <td class="small"><code v-if="details(e.details)">{{ details(e.details) }}</code></td>
              <td class="muted small" :title="e.correlationId">{{ short(e.correlationId) }}</td>
            </tr>
            <tr v-if="!loading && !items.length"><td colspan="6" class="empty">Nothing recorded yet.</td></tr>
          </tbody>
        </table>
      </div>
      <div class="load-more">
        <button v-if="nextCursor" type="button" class="btn" :disabled="loading" @click="load(false)" data-testid="audit-next-page">
          {{ loading ? 'Loading…' : 'Load more' }}
        </button>
      </div>
    </section>`,
};
