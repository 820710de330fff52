// UI strings: each feature brings its own messages ({en: {...}, de: {...}}); the app shell adds them
// here and components translate with t(key, vars). Content itself comes localized from the API.

/** locale(): the current locale code (reactive, so texts follow a switch); fallback: 'en'. */
export function createI18n(locale, fallback = 'en') {
  const tables = {};

  /** Adds a feature's messages; a key defined twice is a mistake and fails loudly. */
  function add(owner, messages) {
    for (const [code, strings] of Object.entries(messages || {})) {
      const table = tables[code] || (tables[code] = {});
      for (const [key, text] of Object.entries(strings)) {
        if (key in table) throw new Error(`message "${key}" (${code}) of ${owner} is defined twice`);
        table[key] = text;
      }
    }
  }

  /** The text of key in the current locale, else in the fallback, else the key; {name} is replaced from vars. */
  function t(key, vars = {}) {
    const table = tables[locale()] || tables[fallback] || {};
    const s = table[key] ?? (tables[fallback] || {})[key] ?? key;
    return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ''));
  }

  return { add, t };
}
