// Postal addresses as the API has them ({name, company, line1, line2, postalCode, city, region,
// country, phone}): the form's fields (labels are message keys of the app), the countries a form
// offers first, country names in a locale, and an address as an <address> block.
import { html } from './html.js';

/** The fields of an address form, in order; label: a message key; half: shares a row with the next. */
export const ADDRESS_FIELDS = [
  { key: 'name', label: 'fullName', autocomplete: 'name', required: true, max: 200 },
  { key: 'company', label: 'company', autocomplete: 'organization', max: 200 },
  { key: 'line1', label: 'line1', autocomplete: 'address-line1', required: true, max: 200 },
  { key: 'line2', label: 'line2', autocomplete: 'address-line2', max: 200 },
  { key: 'postalCode', label: 'postalCode', autocomplete: 'postal-code', required: true, half: true, max: 20 },
  { key: 'city', label: 'city', autocomplete: 'address-level2', required: true, half: true, max: 100 },
  { key: 'region', label: 'region', autocomplete: 'address-level1', max: 100 },
  { key: 'phone', label: 'phone', autocomplete: 'tel', type: 'tel', max: 32 },
];

/** The keys an address body carries (the API refuses any other). */
export const ADDRESS_KEYS = ['name', 'company', 'line1', 'line2', 'postalCode', 'city', 'region', 'country', 'phone'];

/** The shop's usual countries first; the API accepts any ISO 3166-1 alpha-2 code. */
export const COUNTRIES = ['DE', 'AT', 'CH', 'NL', 'BE', 'FR', 'IT', 'ES', 'PL', 'CZ', 'DK', 'SE', 'GB', 'IE', 'US', 'CA'];

/** Every ISO 3166-1 alpha-2 code: the 249 the API accepts (the JDK's Locale.getISOCountries()). */
export const ALL_COUNTRIES = Object.freeze(`
  AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
  BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
  EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
  HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
  LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
  NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
  SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
  TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
`.trim().split(/\s+/));

/**
 * The countries without postal codes in general use (Dubai, Hong Kong, ...): the field is optional
 * there. The same list as the API's (io.kinetic.kernel.address.PostalCodes.OPTIONAL).
 */
export const POSTAL_CODE_OPTIONAL = Object.freeze(`
  AE AG AO AQ AW BF BI BJ BO BQ BS BV BW BZ CD CF CG CI CK CM CW DJ DM EC ER FJ GA GD GH GM GQ GY HK HM IE
  JM KI KM KN KP LC LY ML MO MR MS MW NR NU PA QA RW SB SC SL SR SS ST SX SY TD TG TK TL TO TT TV UG UM
  VU YE ZW
`.trim().split(/\s+/));

/** Whether an address field is required in the country (the postal code is not everywhere). */
export const fieldRequired = (field, country) =>
  Boolean(field.required) && !(field.key === 'postalCode' && POSTAL_CODE_OPTIONAL.includes(country));

const names = new Map();
const sorted = new Map();

/**
 * Every country, ordered by its name in the locale (Luxembourg, Luxemburg), for a form's country list:
 * [{code, name}]. `only` (a list of codes, e.g. the countries the shop ships to) keeps just those;
 * `current` is kept first should it be none of the offered ones (an address saved long ago, a country
 * the shop no longer ships to), marked `outside: true`.
 */
export function countryOptions(locale = 'en', current = null, only = null) {
  if (!sorted.has(locale)) {
    const collator = new Intl.Collator(locale);
    sorted.set(locale, ALL_COUNTRIES.map((code) => ({ code, name: countryName(code, locale) }))
      .sort((a, b) => collator.compare(a.name, b.name)));
  }
  let offered = sorted.get(locale);
  if (only) {
    const kept = new Set(only);
    offered = offered.filter((c) => kept.has(c.code));
  }
  return current && !offered.some((c) => c.code === current)
    ? [{ code: current, name: countryName(current, locale), outside: true }, ...offered] : offered;
}

/** "Germany" / "Deutschland" for DE; the code itself where the browser has no name for it. */
export function countryName(code, locale = 'en') {
  if (!code) return '';
  const key = `${locale}|${code}`;
  if (!names.has(key)) {
    let name = code;
    try {
      name = new Intl.DisplayNames([locale], { type: 'region' }).of(code) || code;
    } catch { /* keep the code */ }
    names.set(key, name);
  }
  return names.get(key);
}

/** Only the keys of an address body, from anything shaped like one (a saved address has more). */
export function addressBody(a) {
  return Object.fromEntries(ADDRESS_KEYS.map((k) => [k, a && a[k] != null ? a[k] : '']));
}

/** One line: "Ada Lovelace, Unter den Linden 1, 10117 Berlin, Germany". */
export function addressLine(a, locale = 'en') {
  if (!a) return '';
  return [a.name, a.company, a.line1, a.line2, `${a.postalCode || ''} ${a.city || ''}`.trim(), a.region,
    countryName(a.country, locale)].filter(Boolean).join(', ');
}

/** An address as a block of lines. */
export const AddressBlock = {
  name: 'AddressBlock',
  props: { address: { type: Object, default: null }, locale: { type: String, default: 'en' }, testid: { type: String, default: null } },
  setup(props) {
    return () => {
      const a = props.address;
      if (!a) return null;
      return html`
        <address class="address-block" data-testid=${props.testid}>
          <strong>${a.name}</strong>${a.company ? html`<br />${a.company}` : null}<br />
          ${a.line1}${a.line2 ? html`<br />${a.line2}` : null}<br />
          ${a.postalCode} ${a.city}${a.region ? `, ${a.region}` : ''}<br />
          ${countryName(a.country, props.locale)}${a.phone ? html`<br /><span class="muted">${a.phone}</span>` : null}
        </address>`;
    };
  },
};
