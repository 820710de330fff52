// Variants table inside the product editor: SKU, one column per option group (a choice of its
// values), prices per currency, stock; quick edits; problems said under the row in words.
import { h, Fragment } from 'vue';
import { html } from '../../shared/html.js';
import { model } from '../../shared/forms.js';
import { currencySymbol } from '../../shared/money.js';
import { CURRENCIES, t } from '../context.js';
import { variantFieldLabel } from './field-labels.js';

// Test ids: the first currency's input is "edit-price", others "edit-price-<cur>" (e.g. edit-price-usd).
const priceTestId = (c) => (c === CURRENCIES[0] ? 'edit-price' : `edit-price-${c.toLowerCase()}`);

export const VariantsTable = {
  name: 'VariantsTable',
  props: {
    variants: { type: Array, required: true },
    groups: { type: Array, default: () => [] },
    problem: { type: Object, default: null },
    sent: { type: Object, default: null },
    busyKey: { type: String, default: null },
  },
  emits: ['add', 'remove', 'quick-save'],
  setup(props, { emit }) {
    const names = () => props.groups.map((g) => g.name.trim()).filter(Boolean);

    function rowErrors(i) {
      const list = (props.problem && props.problem.errors) || [];
      const prefix = `variants[${i}]`;
      return list.filter((e) => e.field === prefix || (e.field || '').startsWith(`${prefix}.`)
        || (e.field || '').startsWith(`${prefix}[`));
    }
    const rest = (e, i) => (e.field || '').slice(`variants[${i}]`.length).replace(/^\./, '');
    const invalid = (errs, i, test) => (errs.some((e) => test(rest(e, i))) ? 'true' : null);

    function optionCell(v, name, i, errs) {
      const group = props.groups.find((g) => g.name.trim() === name);
      const values = [...(group ? group.values : [])];
      const current = v.options[name];
      if (current && !values.includes(current)) values.push(current);
      return html`
        <td key=${'o-' + name}>
          <select value=${current || ''} onChange=${(e) => { v.options[name] = e.target.value; }}
                  aria-label=${t('optionOfVariant', { name, n: i + 1 })} data-testid="edit-option" data-option=${name}
                  aria-invalid=${invalid(errs, i, (r) => r.startsWith('options'))}>
            <option value="">—</option>
            ${values.map((x) => html`<option key=${x} value=${x} selected=${x === current}>${x}</option>`)}
          </select>
        </td>`;
    }

    function rows(v, i) {
      const errs = rowErrors(i);
      const cols = 4 + CURRENCIES.length + Math.max(names().length, 1) - 1;
      return [
        html`
          <tr data-testid="variant-row" data-sku=${v.sku} data-index=${i}>
            <td>
              <input ...${model(v, 'sku')} type="text" aria-label=${t('skuOfVariant', { n: i + 1 })} data-testid="edit-sku"
                     aria-invalid=${invalid(errs, i, (r) => r === 'sku')} />
            </td>
            ${names().length ? names().map((name) => optionCell(v, name, i, errs))
              : html`<td class="muted">${t('noOptions')}</td>`}
            ${CURRENCIES.map((c) => html`
              <td key=${c} class="num">
                <div class="input-affix">
                  <span aria-hidden="true">${currencySymbol(c)}</span>
                  <input ...${model(v.prices, c)} type="text" inputmode="decimal" placeholder="0.00"
                         aria-label=${t('priceOfVariant', { currency: c, n: i + 1 })}
                         aria-invalid=${invalid(errs, i, (r) => r.startsWith('prices') && variantFieldLabel(r, props.sent && props.sent.variants && props.sent.variants[i]) === t('priceIn', { currency: c }))}
                         data-testid=${priceTestId(c)} data-currency=${c} />
                </div>
              </td>`)}
            <td class="num">
              <input ...${model(v, 'stockOnHand')} type="number" min="0" step="1" class="input-narrow"
                     aria-label=${t('stockOfVariant', { n: i + 1 })} data-testid="edit-stock"
                     aria-invalid=${invalid(errs, i, (r) => r === 'stockOnHand')} />
            </td>
            <td class="row-actions">
              ${v.persisted ? html`
                <button type="button" class="btn btn-small" disabled=${props.busyKey === v.key}
                        onClick=${() => emit('quick-save', i)} data-testid="quick-save" title=${t('quickSaveTitle')}>
                  ${props.busyKey === v.key ? t('saving') : t('quickSave')}
                </button>` : null}
              <button type="button" class="btn btn-ghost btn-small" onClick=${() => emit('remove', i)}
                      aria-label=${t('removeVariant', { name: v.sku || i + 1 })} data-testid="remove-variant">${t('remove')}</button>
            </td>
          </tr>`,
        errs.length ? html`
          <tr class="row-errors">
            <td colspan=${cols}>
              ${errs.map((e, j) => html`
                <p key=${j} class="field-error" data-testid="field-error" data-field=${e.field}>
                  <strong>${variantFieldLabel(rest(e, i), props.sent && props.sent.variants && props.sent.variants[i])}:</strong> ${e.message}
                </p>`)}
            </td>
          </tr>` : null,
      ];
    }

    return () => {
      const cols = 4 + CURRENCIES.length + Math.max(names().length, 1) - 1;
      return [
        html`
          <div class="table-scroll">
            <table class="table variants-table" data-testid="variants-table">
              <thead>
                <tr>
                  <th scope="col">${t('sku')}</th>
                  ${names().length ? names().map((n) => html`<th key=${'h-' + n} scope="col">${n}</th>`)
                    : html`<th scope="col">${t('options')}</th>`}
                  ${CURRENCIES.map((c) => html`<th key=${c} scope="col" class="num">${t('priceIn', { currency: c })}</th>`)}
                  <th scope="col" class="num">${t('stock')}</th>
                  <th scope="col"><span class="sr-only">${t('actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${props.variants.map((v, i) => h(Fragment, { key: v.key }, rows(v, i)))}
                ${!props.variants.length ? html`<tr><td colspan=${cols} class="empty">${t('noVariants')}</td></tr>` : null}
              </tbody>
            </table>
          </div>`,
        html`<button type="button" class="btn btn-small" onClick=${() => emit('add')} data-testid="add-variant">${t('addVariant')}</button>`,
      ];
    };
  },
};
