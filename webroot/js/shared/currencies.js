// The currencies the shop sells in (cart.currencies: its default first) and the most units of one
// variant in a cart (cart.maxLineQuantity), asked once per page load (GET /api/v1/cart/currencies,
// cached by the browser for a minute); the engine's defaults, EUR and USD and 99 units, when the shop
// cannot be asked.
const FALLBACK = ['EUR', 'USD'];
const FALLBACK_MAX_QUANTITY = 99;

/** How long the pages wait for the answer before they start with the defaults (every module waits for it). */
const WAIT_MILLIS = 1500;

async function ask() {
  try {
    const r = await fetch('/api/v1/cart/currencies', { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(WAIT_MILLIS) });
    if (r.ok) {
      const body = await r.json();
      if (Array.isArray(body.currencies) && body.currencies.length > 0) return body;
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
export const SHOP_CURRENCIES = Object.freeze((asked ? asked.currencies : FALLBACK).slice());

/** The most units of one variant in a cart (cart.maxLineQuantity; 99, the engine's default, when the shop cannot be asked). */
export const MAX_LINE_QUANTITY = asked && Number.isInteger(asked.maxLineQuantity) && asked.maxLineQuantity > 0
  ? asked.maxLineQuantity : FALLBACK_MAX_QUANTITY;
