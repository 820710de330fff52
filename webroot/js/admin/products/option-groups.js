// A product's options as groups (Size: S, M, L; Colour: red, blue) and the matrix of variants made
// from them: every combination gets a row (SKU from a pattern, a price and stock for new rows), which
// staff then edit or remove like any row. Existing rows are never changed by generating.
import { reactive } from 'vue';
import { html } from '../../shared/html.js';
import { model } from '../../shared/forms.js';
import { toMinor } from '../../shared/money.js';
import { CURRENCIES, t } from '../context.js';

let seq = 0;
const uid = () => `g${++seq}`;

export const emptyGroup = (name = '', values = []) => ({ key: uid(), name, values: [...values], draft: '' });

/** The groups the variants' options make: names and values in the order they first appear. */
export function groupsOf(variants) {
  const groups = [];
  for (const v of variants || []) {
    for (const [name, value] of Object.entries(v.options || {})) {
      let g = groups.find((x) => x.name === name);
      if (!g) groups.push(g = emptyGroup(name));
      if (value !== '' && value != null && !g.values.includes(value)) g.values.push(String(value));
    }
  }
  return groups;
}

/** Every combination of the groups' values, as options objects ({size: 'M', colour: 'red'}). */
export function combinations(groups) {
  const used = groups.filter((g) => g.name.trim() && g.values.length);
  if (!used.length) return [];
  return used.reduce((acc, g) => acc.flatMap((o) => g.values.map((v) => ({ ...o, [g.name.trim()]: v }))), [{}]);
}

export const sameOptions = (a, b) => {
  const ka = Object.keys(a || {}).filter((k) => a[k] !== '' && a[k] != null);
  const kb = Object.keys(b || {}).filter((k) => b[k] !== '' && b[k] != null);
  return ka.length === kb.length && ka.every((k) => String(a[k]) === String(b[k]));
};

/** A SKU from the pattern: {slug}, {options} (the values joined by dashes) and {<option name>}; upper case, dashes only. */
export function skuFor(pattern, slug, options) {
  const values = Object.values(options);
  const text = String(pattern || '{slug}-{options}')
    .replace(/\{slug\}/gi, slug || 'SKU')
    .replace(/\{options\}/gi, values.join('-'))
    .replace(/\{([^}]+)\}/g, (_, name) => options[name] ?? '');
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

/**
 * The options editor. Emits generate({rows}) with new rows' {options, sku, prices, stockOnHand}
 * for the combinations no row has yet, and remove-option(name) when a group goes.
 */
export const OptionGroups = {
  name: 'OptionGroups',
  props: { form: Object },
  emits: ['generate', 'remove-option', 'rename-option'],
  setup(props, { emit }) {
    const defaults = reactive({ pattern: '{slug}-{options}', stock: '0', prices: Object.fromEntries(CURRENCIES.map((c) => [c, ''])) });

    function addValue(g) {
      const parts = g.draft.split(',').map((s) => s.trim()).filter(Boolean);
      for (const v of parts) if (!g.values.includes(v)) g.values.push(v);
      g.draft = '';
    }
    function onValueKey(g, e) {
      if (e.key === 'Enter' || e.key === ',') {
        e.preventDefault();
        addValue(g);
      } else if (e.key === 'Backspace' && !g.draft && g.values.length) {
        g.values.pop();
      }
    }
    function removeGroup(i) {
      const [g] = props.form.optionGroups.splice(i, 1);
      if (g.name.trim()) emit('remove-option', g.name.trim());
    }
    function rename(g, e) {
      const before = g.name.trim();
      g.name = e.target.value;
      const after = g.name.trim();
      if (before && after && before !== after) emit('rename-option', { from: before, to: after });
    }

    const all = () => combinations(props.form.optionGroups);
    const missing = () => all().filter((o) => !props.form.variants.some((row) => sameOptions(row.options, o)));

    function generate() {
      const rows = missing().map((options) => ({
        options,
        sku: skuFor(defaults.pattern, props.form.slug, options),
        prices: { ...defaults.prices },
        stockOnHand: String(defaults.stock || '0'),
      }));
      emit('generate', { rows });
    }

    const priceOk = (c) => Number.isNaN(toMinor(defaults.prices[c], c)) ? 'true' : null;

    return () => {
      const total = all().length;
      const toAdd = missing().length;
      return html`
        <div class="option-groups" data-testid="option-groups">
          ${props.form.optionGroups.map((g, i) => html`
            <div key=${g.key} class="option-group" data-testid="option-group">
              <label class="field option-name">
                <span>${t('optionName', { n: i + 1 })}</span>
                <input value=${g.name} onChange=${(e) => rename(g, e)} type="text" maxlength="40" placeholder=${t('optionNameHint')}
                       data-testid="option-name" />
              </label>
              <div class="field option-values">
                <label for=${'values-' + g.key}>${t('optionValues')}</label>
                <div class="chips">
                  ${g.values.map((v, j) => html`
                    <span key=${v} class="chip" data-testid="option-value">${v}
                      <button type="button" class="chip-remove" onClick=${() => g.values.splice(j, 1)}
                              aria-label=${t('removeValue', { value: v })}>×</button>
                    </span>`)}
                  <input id=${'values-' + g.key} ...${model(g, 'draft')} type="text" class="chip-input" maxlength="200"
                         placeholder=${t('optionValuesHint')} onKeydown=${(e) => onValueKey(g, e)} onBlur=${() => addValue(g)}
                         data-testid="option-values-input" />
                </div>
              </div>
              <button type="button" class="btn btn-ghost btn-small" onClick=${() => removeGroup(i)}
                      aria-label=${t('removeOption', { name: g.name || i + 1 })} data-testid="remove-option">${t('remove')}</button>
            </div>`)}
          <button type="button" class="btn btn-small" onClick=${() => props.form.optionGroups.push(emptyGroup())}
                  data-testid="add-option">${t('addOption')}</button>
          ${total ? html`
            <div class="generate-bar" data-testid="generate-bar">
              <label class="field">
                <span>${t('skuPattern')}</span>
                <input ...${model(defaults, 'pattern')} type="text" maxlength="80" data-testid="sku-pattern" aria-describedby="hint-sku-pattern" />
                <span class="hint" id="hint-sku-pattern">${t('skuPatternHint', { slug: '{slug}', options: '{options}', size: '{size}' })}</span>
              </label>
              ${CURRENCIES.map((c) => html`
                <label key=${c} class="field">
                  <span>${t('newRowsPrice', { currency: c })}</span>
                  <input ...${model(defaults.prices, c)} type="text" inputmode="decimal" placeholder="0.00" class="input-narrow"
                         aria-invalid=${priceOk(c)} data-testid=${'new-rows-price-' + c.toLowerCase()} />
                </label>`)}
              <label class="field">
                <span>${t('newRowsStock')}</span>
                <input ...${model(defaults, 'stock')} type="number" min="0" step="1" class="input-narrow" data-testid="new-rows-stock" />
              </label>
              <div class="generate-action">
                <p class="muted small" data-testid="matrix-count">${t(total === 1 ? 'matrixCountOne' : 'matrixCount', { total, add: toAdd })}</p>
                <button type="button" class="btn btn-small btn-primary" disabled=${!toAdd} onClick=${generate}
                        data-testid="generate-variants">${t(toAdd === 1 ? 'generateVariant' : 'generateVariants', { n: toAdd })}</button>
              </div>
            </div>` : null}
        </div>`;
    };
  },
};
