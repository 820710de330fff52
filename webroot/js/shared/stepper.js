// A quantity stepper: − [n] +, the number also typed. Emits 'change' with a whole number clamped to
// [min, max], then 'capped' with max when a typed number was more than max (the page says why: a
// quantity is never lowered without a word). Labels come from the page's own messages.
import { html } from './html.js';

export const QuantityStepper = {
  name: 'QuantityStepper',
  props: {
    value: { type: Number, required: true },
    min: { type: Number, default: 1 },
    max: { type: Number, default: 99 },
    disabled: { type: Boolean, default: false },
    label: { type: String, required: true },
    decreaseLabel: { type: String, required: true },
    increaseLabel: { type: String, required: true },
  },
  emits: ['change', 'capped'],
  setup(props, { emit }) {
    const clamp = (n) => Math.min(Math.max(n, props.min), Math.max(props.max, props.min));

    function typed(e) {
      const n = Number.parseInt(e.target.value, 10);
      const next = Number.isNaN(n) ? props.value : clamp(n);
      e.target.value = String(next); // a refused entry shows the quantity that stands
      if (next !== props.value) emit('change', next);
      if (!Number.isNaN(n) && n > next) emit('capped', next);
    }

    return () => html`
      <div class="stepper" role="group" aria-label=${props.label}>
        <button type="button" class="stepper-btn" aria-label=${props.decreaseLabel} data-testid="qty-decrease"
                disabled=${props.disabled || props.value <= props.min} onClick=${() => emit('change', clamp(props.value - 1))}>−</button>
        <input type="number" inputmode="numeric" class="stepper-input" min=${props.min} max=${props.max}
               value=${props.value} disabled=${props.disabled} aria-label=${props.label} data-testid="qty-input"
               onChange=${typed} />
        <button type="button" class="stepper-btn" aria-label=${props.increaseLabel} data-testid="qty-increase"
                disabled=${props.disabled || props.value >= props.max} onClick=${() => emit('change', clamp(props.value + 1))}>+</button>
      </div>`;
  },
};
