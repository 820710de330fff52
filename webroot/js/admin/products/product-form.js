// Mapping between AdminProduct (server) and the editor's form model, plus client-side validation.
import { toMajor, toMinor, priceIn } from '../../shared/money.js';
import { LOCALES, CURRENCIES } from '../context.js';
import { mediaKey } from './media-fields.js';
import { groupsOf, sameOptions } from './option-groups.js';

let seq = 0;
const uid = () => `v${++seq}`;

export function emptyVariant() {
  return {
    key: uid(), sku: '', options: {}, stockOnHand: '0', persisted: false, original: null,
    prices: Object.fromEntries(CURRENCIES.map((c) => [c, ''])),
  };
}

export function variantRow(v) {
  const minor = Object.fromEntries(CURRENCIES.map((c) => {
    const p = priceIn(v.prices, c);
    return [c, p ? p.amount : null];
  }));
  return {
    key: uid(),
    sku: v.sku,
    options: Object.fromEntries(Object.entries(v.options || {}).map(([k, x]) => [k, String(x)])),
    prices: Object.fromEntries(CURRENCIES.map((c) => [c, toMajor(minor[c], c)])),
    extraPrices: (v.prices || []).filter((p) => !CURRENCIES.includes(p.currency)),
    stockOnHand: String(v.stockOnHand ?? 0),
    persisted: true,
    original: { sku: v.sku, prices: minor, stockOnHand: v.stockOnHand ?? 0 },
  };
}

export function emptyForm() {
  return {
    slug: '', status: 'DRAFT', defaultLocale: 'en', taxClass: 'standard',
    translations: Object.fromEntries(LOCALES.map((l) => [l, { name: '', description: '' }])),
    categoryIds: [], attributes: {}, media: [], seo: { title: '', description: '' },
    optionGroups: [], variants: [emptyVariant()],
  };
}

function attributeValue(v) {
  return v && typeof v === 'object' && 'value' in v ? v.value : v;
}

export function fromProduct(p) {
  const tr = p.translations || {};
  const attributes = {};
  for (const [k, v] of Object.entries(p.attributes || {})) {
    const plain = attributeValue(v);
    attributes[k] = typeof plain === 'boolean' ? String(plain) : plain;
  }
  return {
    slug: p.slug || '',
    status: p.status || 'DRAFT',
    defaultLocale: p.defaultLocale || 'en',
    taxClass: p.taxClass || 'standard',
    translations: Object.fromEntries(LOCALES.map((l) => [l, {
      name: (tr[l] && tr[l].name) || '', description: (tr[l] && tr[l].description) || '',
    }])),
    extraTranslations: Object.fromEntries(Object.entries(tr).filter(([l]) => !LOCALES.includes(l))),
    categoryIds: [...(p.categoryIds || [])],
    attributes,
    media: (p.media || []).map((m) => ({ key: mediaKey(), url: m.url || '', alt: m.alt || '' })),
    seo: { title: (p.seo && p.seo.title) || '', description: (p.seo && p.seo.description) || '' },
    optionGroups: groupsOf(p.variants),
    variants: (p.variants || []).map(variantRow),
  };
}

/** Form -> ProductInput. Returns {input, errors} where errors use the server's field paths. */
export function toInput(form, attributeDefs) {
  const errors = [];
  const slug = form.slug.trim();
  if (!slug) errors.push({ field: 'slug', message: 'must not be blank' });
  else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    errors.push({ field: 'slug', message: 'use lowercase letters, digits and single dashes' });
  }

  const translations = { ...(form.extraTranslations || {}) };
  for (const l of LOCALES) {
    const name = form.translations[l].name.trim();
    const description = form.translations[l].description.trim();
    if (name || description) translations[l] = { name, description };
  }
  const def = form.translations[form.defaultLocale];
  if (!def || !def.name.trim()) {
    errors.push({ field: `translations.${form.defaultLocale}.name`, message: 'is required for the default locale' });
  }

  const attributes = {};
  for (const [code, raw] of Object.entries(form.attributes)) {
    if (raw === '' || raw === null || raw === undefined) continue;
    const type = attributeDefs[code] && attributeDefs[code].type;
    if (type === 'NUMBER') {
      const n = Number(String(raw).replace(',', '.'));
      if (Number.isNaN(n)) errors.push({ field: `attributes.${code}`, message: 'must be a number' });
      else attributes[code] = n;
    } else if (type === 'BOOLEAN' || (!type && (raw === 'true' || raw === 'false'))) {
      attributes[code] = raw === true || raw === 'true';
    } else {
      attributes[code] = raw;
    }
  }

  const names = [];
  form.optionGroups.forEach((g, i) => {
    const name = g.name.trim();
    if (!name && g.values.length) errors.push({ field: `optionGroups[${i}].name`, message: 'needs a name, e.g. size' });
    else if (name && names.includes(name)) errors.push({ field: `optionGroups[${i}].name`, message: 'is used twice' });
    else if (name && !g.values.length) errors.push({ field: `optionGroups[${i}].values`, message: 'needs at least one value' });
    if (name) names.push(name);
  });

  const seen = new Set();
  const variants = form.variants.map((row, i) => {
    const sku = row.sku.trim();
    if (!sku) errors.push({ field: `variants[${i}].sku`, message: 'must not be blank' });
    else if (seen.has(sku)) errors.push({ field: `variants[${i}].sku`, message: 'is used twice' });
    seen.add(sku);
    const options = {};
    for (const name of names) {
      const value = row.options[name];
      if (value !== undefined && value !== null && String(value).trim() !== '') options[name] = String(value).trim();
    }
    const twin = form.variants.findIndex((other, j) => j < i && Object.keys(options).length
      && sameOptions(options, other.options));
    if (twin >= 0) errors.push({ field: `variants[${i}].options`, message: `has the same options as variant ${twin + 1}` });
    const prices = [...(row.extraPrices || [])];
    for (const c of Object.keys(row.prices)) {
      const amount = toMinor(row.prices[c], c);
      if (Number.isNaN(amount)) errors.push({ field: `variants[${i}].prices.${c}`, message: 'must be an amount like 39.99' });
      else if (amount !== null) prices.push({ amount, currency: c });
    }
    const stock = String(row.stockOnHand).trim() === '' ? 0 : Number(row.stockOnHand);
    if (!Number.isInteger(stock) || stock < 0) {
      errors.push({ field: `variants[${i}].stockOnHand`, message: 'must be a whole number ≥ 0' });
    }
    return { sku, options, prices, stockOnHand: stock };
  });

  const media = form.media
    .filter((m) => m.url.trim())
    .map((m) => ({ url: m.url.trim(), alt: m.alt.trim() }));

  const input = {
    slug, status: form.status, defaultLocale: form.defaultLocale, translations,
    taxClass: (form.taxClass || '').trim() || 'standard',
    categoryIds: [...form.categoryIds], attributes, media,
    seo: { title: form.seo.title.trim(), description: form.seo.description.trim() },
    variants,
  };
  return { input, errors };
}
