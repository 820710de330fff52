// The storefront's behaviour events (POST /api/v1/events): a random session id kept for the tab's
// session, events queued and sent in batches (every few seconds, or at once for a click), with a
// random id each so a retried batch counts once. Sending never disturbs the page: a failed batch
// is dropped (the recommender learns from the next ones). A signed-in shopper's batches carry their
// access token, so the admin's online figures can link their orders to what the session was shown.
import { api, session } from '../context.js';

const SESSION_KEY = 'kinetic.reco.session';
const FLUSH_MS = 2000;
const MAX_BATCH = 50;

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random (version 4) UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const sessionId = (() => {
  let id = sessionStorage.getItem(SESSION_KEY);
  if (!id) {
    id = `s${randomId()}`;
    sessionStorage.setItem(SESSION_KEY, id);
  }
  return id;
})();

let queue = [];
let lastAuthorization = null;
let timer = null;

/** Queues an event {type, productId, dwellMillis?, model?, position?}; {now: true} sends the queue at once. */
export function track(event, { now = false } = {}) {
  queue.push({ id: uuid(), ...event });
  if (now || queue.length >= MAX_BATCH) flush();
  else if (!timer) timer = setTimeout(flush, FLUSH_MS);
}

/** Sends what is queued; {leaving: true} when the page goes away (keepalive lets the request finish). */
export function flush({ leaving = false } = {}) {
  clearTimeout(timer);
  timer = null;
  if (!queue.length) return Promise.resolve();
  const events = queue.splice(0, MAX_BATCH);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' };
  // a page going away cannot wait for a token refresh: the token known last, if any
  const authorization = !session.loggedIn ? Promise.resolve(null)
    : leaving ? Promise.resolve(lastAuthorization) : api.authorization().catch(() => null);
  const sent = authorization.then((auth) => {
    lastAuthorization = auth;
    return fetch('/api/v1/events', {
      method: 'POST',
      headers: auth ? { ...headers, Authorization: auth } : headers,
      credentials: 'same-origin',
      keepalive: leaving,
      body: JSON.stringify({ sessionId, events }),
    });
  }).catch(() => null);
  if (queue.length) timer = setTimeout(flush, FLUSH_MS);
  return sent;
}

addEventListener('pagehide', () => flush({ leaving: true }));
