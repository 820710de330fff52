// Variants table inside the product editor: sku, options, prices per currency, stock; quick edits.
import { h, Fragment } from 'vue';
import { html } from '../../shared/html.js';
import { model } from '../../shared/forms.js';
import { currencySymbol } from '../../shared/money.js';
import { CURRENCIES, t } from '../context.js';

// Test ids: the first currency's input is "edit-price", others "edit-price-<cur>" (e.g. edit-price-usd).
const priceTestId = (c) => (c === CURRENCIES[0] ? 'edit-price' : `edit-price-${c.toLowerCase()}`);

export const VariantsTable = {
  name: 'VariantsTable',
  props: {
    variants: { type: Array, required: true },
    problem: { type: Object, default: null },
    busyKey: { type: String, default: null },
  },
  emits: ['add', 'remove', 'quick-save'],
  setup(props, { emit }) {
    function rowErrors(i) {
      const list = (props.problem && props.problem.errors) || [];
      const prefix = `variants[${i}]`;
      return list.filter((e) => e.field === prefix || (e.field || '').startsWith(`${prefix}.`)
        || (e.field || '').startsWith(`${prefix}[`));
    }

    function rows(v, i) {
      const errs = rowErrors(i);
      return [
        html`
          <tr data-testid="variant-row" data-sku=${v.sku}>
            <td>
              <input ...${model(v, 'sku')} type="text" aria-label=${t('skuOfVariant', { n: i + 1 })} data-testid="edit-sku"
                     aria-invalid=${errs.some((e) => e.field.endsWith('.sku')) ? 'true' : null} />
            </td>
            <td>
              <input ...${model(v, 'optionsText')} type="text" placeholder="size=M, colour=blue"
                     aria-label=${t('optionsOfVariant', { n: i + 1 })} data-testid="edit-options" />
            </td>
            ${CURRENCIES.map((c) => html`
              <td key=${c} class="num">
                <div class="input-affix">
                  <span aria-hidden="true">${currencySymbol(c)}</span>
                  <input ...${model(v.prices, c)} type="text" inputmode="decimal" placeholder="0.00"
                         aria-label=${t('priceOfVariant', { currency: c, n: i + 1 })}
                         data-testid=${priceTestId(c)} data-currency=${c} />
                </div>
              </td>`)}
            <td class="num">
              <input ...${model(v, 'stockOnHand')} type="number" min="0" step="1" class="input-narrow"
                     aria-label=${t('stockOfVariant', { n: i + 1 })} data-testid="edit-stock" />
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
            <td colspan=${4 + CURRENCIES.length}>
              ${errs.map((e, j) => html`
                <p key=${j} class="field-error" data-testid="field-error" data-field=${e.field}>
                  <code>${e.field}</code> ${e.message}
                </p>`)}
            </td>
          </tr>` : null,
      ];
    }

    return () => [
      html`
        <div class="table-scroll">
          <table class="table variants-table" data-testid="variants-table">
            <thead>
              <tr>
                <th scope="col">${t('sku')}</th>
                <th scope="col">${t('options')} <span class="muted small">${t('optionsHint')}</span></th>
                ${CURRENCIES.map((c) => html`<th key=${c} scope="col" class="num">${t('priceIn', { currency: c })}</th>`)}
                <th scope="col" class="num">${t('stock')}</th>
                <th scope="col"><span class="sr-only">${t('actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${props.variants.map((v, i) => h(Fragment, { key: v.key }, rows(v, i)))}
              ${!props.variants.length ? html`<tr><td colspan=${4 + CURRENCIES.length} class="empty">${t('noVariants')}</td></tr>` : null}
            </tbody>
          </table>
        </div>`,
      html`<button type="button" class="btn btn-small" onClick=${() => emit('add')} data-testid="add-variant">${t('addVariant')}</button>`,
    ];
  },
};
