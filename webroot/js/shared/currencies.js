// The currencies the shop sells in (cart.currencies: its default first), asked once per page load
// (GET /api/v1/cart/currencies, cached by the browser for a minute); the engine's defaults, EUR and
// USD, when the shop cannot be asked.
const FALLBACK = ['EUR', 'USD'];

async function ask() {
  try {
    const r = await fetch('/api/v1/cart/currencies', { headers: { Accept: 'application/json' } });
    if (r.ok) {
      const body = await r.json();
      if (Array.isArray(body.currencies) && body.currencies.length > 0) return Object.freeze(body.currencies.slice());
    }
  } catch (e) {
    // offline or the engine restarting: the defaults (a price in another currency is refused, and said so)
  }
  return Object.freeze(FALLBACK.slice());
}

/** The shop's currencies, its default first. */
export const SHOP_CURRENCIES = await ask();
