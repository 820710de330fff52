// Live updates for pages that show what others change (a product's price or stock, a cart):
// GraphQL subscriptions over one WebSocket per page (protocol graphql-transport-ws), and whenever a
// subscription is not running (no socket: not offered, refused, dropped; or the server refused the
// subscription) a re-read every pollMillis while the page is visible. A subscription's messages are
// only a signal: the page reads what it shows again through its usual REST call, so there is one way
// of loading and rendering, and nothing is missed between subscribing and the first message.
//
//   const live = createLive({ url: 'ws://host/graphql', params: async () => ({ authorization: 'Bearer …' }) });
//   const stop = live.watch('subscription { productChanged(id: "…") { __typename } }', reload);
//   stop();          // when the page goes away
//   live.reconnect() // when what params() answers changed (signed in or out)

const PROTOCOL = 'graphql-transport-ws';

export function createLive({
  url, params = async () => ({}), pollMillis = 15000, pingMillis = 20000,
  minBackoffMillis = 1000, maxBackoffMillis = 300000, lingerMillis = 10000,
} = {}) {
  const watches = new Map(); // id -> {id, query, refresh, live, failed, last, running, again}
  let nextId = 1;
  let socket = null; // while connecting or open
  let acked = false;
  let failures = 0; // connections in a row that ended before an ack
  let notBefore = 0; // no new connection before this time (backoff)
  let retryTimer = null;
  let pingTimer = null;
  let lingerTimer = null;
  let pollTimer = null;
  const supported = typeof WebSocket === 'function';
  const visible = () => document.visibilityState !== 'hidden';

  /** Runs a watch's refresh, one at a time: a signal while one runs runs it once more afterwards. */
  function refresh(w) {
    w.last = Date.now();
    if (w.running) { w.again = true; return; }
    w.running = true;
    Promise.resolve().then(w.refresh).catch(() => { /* the next signal or poll tries again */ }).finally(() => {
      w.running = false;
      if (w.again && watches.has(w.id)) { w.again = false; refresh(w); }
    });
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function subscribe(w) {
    if (!acked || w.live || w.failed) return;
    w.live = true;
    send({ id: String(w.id), type: 'subscribe', payload: { query: w.query } });
    // what changed since the page read it (while polling, reconnecting, or before this socket) is read once
    if (Date.now() - w.last > 1000) refresh(w);
  }

  /** A subscription that ended on the server's side (refused, failed or completed): poll it instead. */
  function ended(id) {
    const w = watches.get(Number(id));
    if (!w) return;
    w.live = false;
    w.failed = true;
    refresh(w);
  }

  function onMessage(m) {
    switch (m.type) {
      case 'connection_ack':
        acked = true;
        failures = 0;
        pingTimer = setInterval(() => send({ type: 'ping' }), pingMillis);
        watches.forEach((w) => { w.failed = false; subscribe(w); });
        break;
      case 'ping': send({ type: 'pong' }); break;
      case 'next': { const w = watches.get(Number(m.id)); if (w) refresh(w); break; }
      case 'error': case 'complete': ended(m.id); break;
      default: break;
    }
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (!supported || socket || !watches.size || !visible()) return;
    const wait = notBefore - Date.now();
    if (wait > 0) { retryTimer = setTimeout(connect, wait); return; }
    let ws;
    try {
      ws = new WebSocket(url, PROTOCOL);
    } catch {
      dropped();
      return;
    }
    socket = ws;
    acked = false;
    ws.onopen = async () => {
      let payload = {};
      try { payload = (await params()) || {}; } catch { /* then anonymously */ }
      if (socket === ws) send({ type: 'connection_init', payload });
    };
    ws.onmessage = (e) => {
      if (socket !== ws) return;
      try { onMessage(JSON.parse(e.data)); } catch { /* not a message of the protocol */ }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      dropped();
    };
  }

  /** The socket is gone: every watch polls, and a new socket is tried after a growing pause. */
  function dropped() {
    if (!acked) failures += 1;
    acked = false;
    clearInterval(pingTimer);
    watches.forEach((w) => { w.live = false; });
    const pause = Math.min(maxBackoffMillis, minBackoffMillis * 2 ** Math.min(failures, 20));
    notBefore = Date.now() + pause / 2 + Math.random() * (pause / 2);
    connect();
  }

  function close() {
    clearTimeout(retryTimer);
    retryTimer = null;
    clearInterval(pingTimer);
    const ws = socket;
    socket = null;
    acked = false;
    watches.forEach((w) => { w.live = false; });
    if (!ws) return;
    ws.onmessage = null;
    ws.onclose = null;
    // closing before the handshake ends makes the browser report an error: close once it is open
    if (ws.readyState === WebSocket.CONNECTING) ws.onopen = () => ws.close(1000);
    else ws.close(1000);
  }

  function poll() {
    if (!visible()) return;
    const now = Date.now();
    watches.forEach((w) => { if (!w.live && now - w.last >= pollMillis) refresh(w); });
  }

  document.addEventListener('visibilitychange', () => {
    if (!visible()) return;
    poll();
    connect();
  });

  /** Keeps query's subscription running, calling refresh() on each message, or polls; returns stop(). */
  function watch(query, refreshFn) {
    const w = { id: nextId++, query, refresh: refreshFn, live: false, failed: false, last: Date.now(), running: false, again: false };
    watches.set(w.id, w);
    clearTimeout(lingerTimer);
    if (!pollTimer) pollTimer = setInterval(poll, Math.min(1000, pollMillis));
    if (socket) subscribe(w);
    else connect();
    return () => {
      if (!watches.delete(w.id)) return;
      if (w.live) send({ id: String(w.id), type: 'complete' });
      if (watches.size) return;
      clearInterval(pollTimer);
      pollTimer = null;
      // the next page usually watches something too: keep the socket a little while
      lingerTimer = setTimeout(() => { if (!watches.size) close(); }, lingerMillis);
    };
  }

  /** Opens a new socket (with what params() answers now) if one is in use or wanted. */
  function reconnect() {
    close();
    failures = 0;
    notBefore = 0;
    connect();
  }

  /** For tests and diagnostics: whether the socket is up, and how each watch is kept fresh. */
  const status = () => ({ connected: acked, watches: [...watches.values()].map((w) => (w.live ? 'live' : 'polling')) });

  return { watch, reconnect, status };
}
