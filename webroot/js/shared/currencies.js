// The currencies the shop sells in (cart.currencies: its default first), asked once per page load
// (GET /api/v1/cart/currencies, cached by the browser for a minute); the engine's defaults, EUR and
// USD, when the shop cannot be asked.
const FALLBACK = ['EUR', 'USD'];

/** How long the pages wait for the answer before they start with the defaults (every module waits for it). */
const WAIT_MILLIS = 1500;

async function ask() {
  try {
    const r = await fetch('/api/v1/cart/currencies', { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(WAIT_MILLIS) });
    if (r.ok) {
      const body = await r.json();
      if (Array.isArray(body.currencies) && body.currencies.length > 0) return Object.freeze(body.currencies.slice());
    }
  } catch (e) {
    // offline, slow or the engine restarting: the defaults (a price in another currency is refused, and said so)
  }
  return null;
}

const asked = await ask();

/** Whether the list is the shop's own answer (else the engine's defaults: a new cart is then left in the shop's default currency). */
export const CURRENCIES_FROM_SHOP = asked !== null;

/** The shop's currencies, its default first. */
export const SHOP_CURRENCIES = asked || Object.freeze(FALLBACK.slice());
