// Money helpers. Amounts travel in minor units ({amount: 1999, currency: "EUR"}).

const digitsCache = new Map();

/** Number of minor-unit digits for an ISO 4217 currency (EUR/USD: 2, JPY: 0). */
export function minorDigits(currency) {
  if (!digitsCache.has(currency)) {
    let d = 2;
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    } catch { /* unknown currency: keep 2 */ }
    digitsCache.set(currency, d);
  }
  return digitsCache.get(currency);
}

const formatters = new Map();

/** formatMoney(1999, 'EUR', 'de') -> "19,99 €"; also accepts a Money object as first arg. */
export function formatMoney(amountOrMoney, currency, locale = 'en') {
  let amount = amountOrMoney;
  if (amountOrMoney && typeof amountOrMoney === 'object') {
    amount = amountOrMoney.amount;
    currency = amountOrMoney.currency;
  }
  if (amount === null || amount === undefined || !currency) return '';
  const key = `${locale}|${currency}`;
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.NumberFormat(locale, { style: 'currency', currency }));
  }
  return formatters.get(key).format(amount / 10 ** minorDigits(currency));
}

/** "39.99" or "39,99" (major units) -> 3999. Returns null for blank, NaN for garbage. */
export function toMinor(major, currency) {
  if (major === null || major === undefined) return null;
  const s = String(major).trim().replace(/\s/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^\d+(\.\d+)?$/.test(s)) return NaN;
  return Math.round(Number(s) * 10 ** minorDigits(currency));
}

/** 3999 -> "39.99" (plain string for an <input>). */
export function toMajor(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '';
  const d = minorDigits(currency);
  return (amount / 10 ** d).toFixed(d);
}

/** Price in a currency from a Money list, or null. */
export function priceIn(prices, currency) {
  return (prices || []).find((p) => p.currency === currency) || null;
}

export function currencySymbol(currency, locale = 'en') {
  try {
    const part = new Intl.NumberFormat(locale, { style: 'currency', currency })
      .formatToParts(0).find((p) => p.type === 'currency');
    return part ? part.value : currency;
  } catch {
    return currency;
  }
}
