// Variants table inside the product editor: sku, options, prices per currency, stock; quick edits.
import { CURRENCIES } from './state.js';
import { currencySymbol } from '../shared/money.js';

export const VariantsTable = {
  name: 'VariantsTable',
  props: {
    variants: { type: Array, required: true },
    problem: { type: Object, default: null },
    busyKey: { type: String, default: null },
  },
  emits: ['add', 'remove', 'quick-save'],
  setup() {
    return { CURRENCIES, currencySymbol };
  },
  methods: {
    rowErrors(i) {
      const list = (this.problem && this.problem.errors) || [];
      const prefix = `variants[${i}]`;
      return list.filter((e) => e.field === prefix || (e.field || '').startsWith(`${prefix}.`)
        || (e.field || '').startsWith(`${prefix}[`));
    },
    // Test ids: the first currency's input is "edit-price", others "edit-price-<cur>" (e.g. edit-price-usd).
    priceTestId(c) {
      return c === CURRENCIES[0] ? 'edit-price' : `edit-price-${c.toLowerCase()}`;
    },
  },
  template: `
    <div class="table-scroll">
      <table class="table variants-table" data-testid="variants-table">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Options <span class="muted small">(key=value, …)</span></th>
            <th v-for="c in CURRENCIES" :key="c" scope="col" class="num">Price {{ c }}</th>
            <th scope="col" class="num">Stock</th>
            <th scope="col"><span class="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          <template v-for="(v, i) in variants" :key="v.key">
            <tr data-testid="variant-row" :data-sku="v.sku">
              <td>
                <input v-model="v.sku" type="text" :aria-label="'SKU of variant ' + (i + 1)" data-testid="edit-sku"
                       :aria-invalid="rowErrors(i).some(e => e.field.endsWith('.sku')) ? 'true' : null">
              </td>
              <td>
                <input v-model="v.optionsText" type="text" placeholder="size=M, colour=blue"
                       :aria-label="'Options of variant ' + (i + 1)" data-testid="edit-options">
              </td>
              <td v-for="c in CURRENCIES" :key="c" class="num">
                <div class="input-affix">
                  <span aria-hidden="true">{{ currencySymbol(c) }}</span>
                  <input v-model="v.prices[c]" type="text" inputmode="decimal" placeholder="0.00"
                         :aria-label="'Price in ' + c + ' of variant ' + (i + 1)"
                         :data-testid="priceTestId(c)" :data-currency="c">
                </div>
              </td>
              <td class="num">
                <input v-model="v.stockOnHand" type="number" min="0" step="1" class="input-narrow"
                       :aria-label="'Stock on hand of variant ' + (i + 1)" data-testid="edit-stock">
              </td>
              <td class="row-actions">
                <button v-if="v.persisted" type="button" class="btn btn-small" :disabled="busyKey === v.key"
                        @click="$emit('quick-save', i)" data-testid="quick-save"
                        title="Save only this variant's prices and stock now">
                  {{ busyKey === v.key ? 'Saving…' : 'Quick save' }}
                </button>
                <button type="button" class="btn btn-ghost btn-small" @click="$emit('remove', i)"
                        :aria-label="'Remove variant ' + (v.sku || i + 1)" data-testid="remove-variant">Remove</button>
              </td>
            </tr>
            <tr v-if="rowErrors(i).length" class="row-errors">
              <td :colspan="4 + CURRENCIES.length">
                <p v-for="(e, j) in rowErrors(i)" :key="j" class="field-error" data-testid="field-error" :data-field="e.field">
                  <code>{{ e.field }}</code> {{ e.message }}
                </p>
              </td>
            </tr>
          </template>
          <tr v-if="!variants.length"><td :colspan="4 + CURRENCIES.length" class="empty">No variants yet.</td></tr>
        </tbody>
      </table>
    </div>
    <button type="button" class="btn btn-small" @click="$emit('add')" data-testid="add-variant">+ Add variant</button>`,
};
