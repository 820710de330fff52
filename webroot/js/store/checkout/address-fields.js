// An address's inputs in the checkout, bound to a reactive address; each refused field's message
// (the API names them "shippingAddress.city") shows under it until the shopper changes the field
// (emits 'edited' with its name). Ids and test ids: "<idPrefix>-<key>". `countries` (codes) limits
// the country list (a shipping address: the countries the shop ships to); an address's country
// outside it stays selectable, marked, with a message under the list.
import { html } from '../../shared/html.js';
import { model } from '../../shared/forms.js';
import { FieldError, fieldMessages } from '../../shared/errors.js';
import { ADDRESS_FIELDS, countryOptions, fieldRequired } from '../../shared/address.js';
import { settings, t } from '../context.js';

/** The fields the component shows errors for, so the page's summary leaves them out. */
/** Fields that share a row where there is room (postal code and city always do). */
const PAIRED = new Set(['name', 'company', 'country', 'region']);

export const addressFieldNames = (prefix) => [...ADDRESS_FIELDS.map((f) => `${prefix}.${f.key}`), `${prefix}.country`];

export const AddressFields = {
  name: 'AddressFields',
  props: {
    address: { type: Object, required: true },
    prefix: { type: String, required: true },
    idPrefix: { type: String, required: true },
    problem: { type: Object, default: null },
    countries: { type: Array, default: null },
  },
  emits: ['edited'],
  setup(props, { emit }) {
    /** model() that also says which field the shopper changed (its old error then goes). */
    const bound = (key, event) => {
      const b = model(props.address, key, event);
      const handler = event === 'change' ? 'onChange' : 'onInput';
      return { ...b, [handler]: (e) => { b[handler](e); emit('edited', `${props.prefix}.${key}`); } };
    };

    function input(f) {
      const id = `${props.idPrefix}-${f.key}`;
      const field = `${props.prefix}.${f.key}`;
      const invalid = fieldMessages(props.problem, field).length > 0;
      const required = fieldRequired(f, props.address.country);
      return html`
        <div key=${f.key} class=${['field', { 'field-half': f.half, 'field-pair': PAIRED.has(f.key) }]}>
          <label for=${id}>${t(f.label)}${required ? null : html` <span class="optional">${t('optional')}</span>`}</label>
          <input ...${bound(f.key, 'input')} id=${id} type=${f.type || 'text'} name=${`${props.idPrefix}-${f.autocomplete}`}
                 autocomplete=${`${props.idPrefix === 'bill' ? 'billing' : 'shipping'} ${f.autocomplete}`}
                 maxlength=${f.max} required=${required} aria-required=${required ? 'true' : null}
                 aria-invalid=${invalid ? 'true' : null} aria-describedby=${invalid ? `${id}-error` : null} data-testid=${id} />
          <${FieldError} error=${props.problem} field=${field} id=${`${id}-error`} />
        </div>`;
    }

    return () => {
      const a = props.address;
      const id = `${props.idPrefix}-country`;
      const invalid = fieldMessages(props.problem, `${props.prefix}.country`).length > 0;
      const options = countryOptions(settings.locale, a.country, props.countries);
      const outside = Boolean(props.countries && a.country && options.length && options[0].outside);
      const described = [invalid ? `${id}-error` : null, outside ? `${id}-outside` : null].filter(Boolean).join(' ');
      return html`
        <div class="address-fields">
          ${ADDRESS_FIELDS.slice(0, 6).map(input)}
          <div class="field field-pair">
            <label for=${id}>${t('country')}</label>
            <select ...${bound('country', 'change')} id=${id} autocomplete=${`${props.idPrefix === 'bill' ? 'billing' : 'shipping'} country`}
                    aria-invalid=${invalid || outside ? 'true' : null} aria-describedby=${described || null} data-testid=${id}>
              ${a.country ? null : html`<option value="" disabled>${t('chooseCountry')}</option>`}
              ${options.map((c) => html`<option key=${c.code} value=${c.code} data-outside=${c.outside && props.countries ? 'true' : null}>${
                c.outside && props.countries ? t('countryNotShipped', { country: c.name }) : c.name}</option>`)}
            </select>
            ${outside ? html`<p class="field-error" id=${`${id}-outside`} role="alert" data-testid=${`${id}-outside`}>${
              t('weDoNotShipTo', { country: options[0].name })}</p>` : null}
            <${FieldError} error=${props.problem} field=${`${props.prefix}.country`} id=${`${id}-error`} />
          </div>
          ${ADDRESS_FIELDS.slice(6).map(input)}
        </div>`;
    };
  },
};
