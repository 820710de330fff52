// How the orders pages name states, payments, timeline events and their actors, and show money and times.
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { t } from '../context.js';

/** The orders list's address as last shown (with its filters): an order's page leads back to it. */
export const ordersList = { hash: '#/orders' };

export const STATES = ['placed', 'paid', 'partially_fulfilled', 'fulfilled', 'delivered', 'cancelled', 'refunded'];

const STATE_TONES = {
  placed: 'warn', paid: 'success', partially_fulfilled: 'info', fulfilled: 'success', delivered: 'success',
  cancelled: 'danger', refunded: 'muted',
};
const PAYMENT_TONES = {
  creating: 'muted', requires_payment_method: 'warn', processing: 'info', succeeded: 'success', canceled: 'danger',
  partially_refunded: 'muted', refunded: 'muted',
};

export const money = (m) => formatMoney(m, null, 'en');
export const when = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '');
export const whenExact = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }) : '');

export const stateLabel = (state) => t(`state_${state}`);

export function stateBadge(state, testid = 'order-state') {
  return html`<span class=${['badge', 'status-badge', `tone-${STATE_TONES[state] || 'muted'}`]} data-testid=${testid}>${stateLabel(state)}</span>`;
}

export function paymentBadge(status, testid = 'payment-state') {
  if (!status) return html`<span class="muted small">—</span>`;
  return html`<span class=${['badge', 'status-badge', 'badge-outline', `tone-${PAYMENT_TONES[status] || 'muted'}`]} data-testid=${testid}>${t(`pay_${status}`)}</span>`;
}

/** "Order placed" for OrderPlaced; an unknown type in words. */
export function eventLabel(type) {
  const key = `event${type}`;
  const text = t(key);
  return text === key ? type.replace(/([a-z])([A-Z])/g, '$1 $2') : text;
}

/** Who did it: a staff id, "customer", "guest", "system" or "provider:<name>". */
export function actorLabel(actor, actorName) {
  if (!actor) return '';
  if (actorName) return actorName;
  if (actor === 'customer' || actor === 'guest' || actor === 'system') return t(`actor_${actor}`);
  if (actor.startsWith('provider:')) return t('actorProvider', { name: actor.slice('provider:'.length) });
  return t('actorStaff', { id: actor.slice(0, 8) });
}

/** "19%" for 1900 basis points. */
export const rate = (bp) => (typeof bp === 'number' ? `${(bp / 100).toLocaleString('en', { maximumFractionDigits: 2 })}%` : '');
