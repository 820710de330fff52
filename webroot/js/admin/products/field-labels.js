// Server and client field paths of a product ("variants[1].prices.EUR", "variants[1].prices[0].amount",
// "translations.de.name", "attributes.material") said as the editor's fields are labelled.
import { t } from '../context.js';

const VARIANT = /^variants\[(\d+)\](?:\.(.*))?$/;

/** The label of a field inside a variant row: "Price in EUR", "SKU", "Stock on hand", "Options". */
export function variantFieldLabel(rest, sentVariant) {
  if (!rest) return t('variant');
  if (rest === 'sku') return t('sku');
  if (rest === 'stockOnHand') return t('stockOnHand');
  if (rest.startsWith('options')) {
    const name = rest.slice('options'.length).replace(/^\./, '');
    return name ? t('optionLabel', { name }) : t('options');
  }
  let m = rest.match(/^prices\.([A-Z]{3})$/);
  if (m) return t('priceIn', { currency: m[1] });
  m = rest.match(/^prices\[(\d+)\](?:\.(\w+))?$/);
  if (m) {
    const price = sentVariant && sentVariant.prices && sentVariant.prices[Number(m[1])];
    return price ? t('priceIn', { currency: price.currency }) : t('price');
  }
  if (rest === 'prices') return t('prices');
  return rest;
}

/**
 * A whole path as words: the section, the row ("Variant 2 (TEE-M)"), and the field.
 * ctx: {form, sent (the input last sent), attributeDefs ({code: def})}.
 */
export function fieldLabel(path, ctx = {}) {
  const field = String(path || '');
  const { form = {}, sent = null, attributeDefs = {} } = ctx;
  const m = field.match(VARIANT);
  if (m) {
    const i = Number(m[1]);
    const sku = (sent && sent.variants && sent.variants[i] && sent.variants[i].sku)
      || (form.variants && form.variants[i] && form.variants[i].sku) || '';
    const row = sku ? t('variantNamed', { n: i + 1, sku }) : t('variantN', { n: i + 1 });
    return m[2] ? `${row} · ${variantFieldLabel(m[2], sent && sent.variants && sent.variants[i])}` : row;
  }
  let x = field.match(/^translations\.(\w+)\.(name|description)$/);
  if (x) return t(x[2] === 'name' ? 'nameIn' : 'descriptionIn', { locale: x[1].toUpperCase() });
  x = field.match(/^attributes\.(.+)$/);
  if (x) return t('attributeLabel', { name: (attributeDefs[x[1]] && attributeDefs[x[1]].name) || x[1] });
  x = field.match(/^media\[(\d+)\](?:\.(url|alt))?$/);
  if (x) return t(x[2] === 'alt' ? 'altTextOf' : 'imageN', { n: Number(x[1]) + 1 });
  x = field.match(/^optionGroups\[(\d+)\]\.(name|values)$/);
  if (x) return t(x[2] === 'name' ? 'optionName' : 'optionValuesOf', { n: Number(x[1]) + 1 });
  if (/^categoryIds/.test(field)) return t('categories');
  const simple = {
    slug: 'slug', status: 'status', defaultLocale: 'defaultLocale', taxClass: 'productTaxClass', variants: 'variants',
    'seo.title': 'seoTitle', 'seo.description': 'seoDescription', translations: 'translations', media: 'images', version: 'version',
  };
  return simple[field] ? t(simple[field]) : field;
}

/** Where in the editor a field lives, for focusing it from the summary: a CSS selector or null. */
export function fieldSelector(path) {
  const field = String(path || '');
  const m = field.match(VARIANT);
  if (m) {
    const rest = m[2] || '';
    const row = `[data-testid=variant-row][data-index="${m[1]}"]`;
    if (rest === 'sku') return `${row} [data-testid=edit-sku]`;
    if (rest === 'stockOnHand') return `${row} [data-testid=edit-stock]`;
    const cur = rest.match(/^prices\.([A-Z]{3})$/);
    if (cur) return `${row} [data-currency=${cur[1]}]`;
    return `${row} input, ${row} select`;
  }
  const x = field.match(/^translations\.(\w+)\.(name|description)$/);
  if (x) return `[data-testid=edit-${x[2]}-${x[1]}]`;
  const simple = { slug: '[data-testid=edit-slug]', taxClass: '[data-testid=edit-tax-class]', 'seo.title': '[data-testid=edit-seo-title]' };
  return simple[field] || null;
}
