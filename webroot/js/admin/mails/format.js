// How the e-mails pages name kinds and statuses.
import { html } from '../../shared/html.js';
import { t } from '../context.js';

export const STATUSES = ['pending', 'sent', 'failed'];
const TONES = { pending: 'warn', sent: 'success', failed: 'danger' };
const STATUS_LABELS = { pending: 'mailPending', sent: 'mailSent', failed: 'mailFailed' };

export const kindLabel = (kind) => t(`kind_${kind.replaceAll('-', '_')}`);
export const statusLabel = (status) => t(STATUS_LABELS[status] || status);

export function statusBadge(status, testid = 'mail-status') {
  return html`<span class=${['badge', 'status-badge', `tone-${TONES[status] || 'muted'}`]} data-testid=${testid}>${statusLabel(status)}</span>`;
}

export const when = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '');
