// Two-way bindings for render functions (what v-model does in a template).
import { withDirectives, vModelSelect } from 'vue';

/** What v-model stores: a number input's value as a number when it parses as one, else the text. */
function valueOf(el) {
  if (el.type !== 'number') return el.value;
  const n = parseFloat(el.value);
  return Number.isNaN(n) ? el.value : n;
}

/**
 * Props binding a text input, textarea or single <select> to target[key]: spread them into the
 * element, <input ...${model(form, 'email')} />. Text fields update on input, selects on change.
 */
export function model(target, key, event = 'input') {
  return {
    value: target[key],
    [event === 'change' ? 'onChange' : 'onInput']: (e) => { target[key] = valueOf(e.target); },
  };
}

/** model() for a <select>: updates on change. */
export const selected = (target, key) => model(target, key, 'change');

/**
 * Binds a <select> vnode to target[key] with Vue's own select model, for what plain props cannot
 * do: <select multiple> (an array) and options whose values are not strings (e.g. undefined).
 */
export function selectModel(vnode, target, key) {
  vnode.props = { ...(vnode.props || {}), 'onUpdate:modelValue': (v) => { target[key] = v; } };
  return withDirectives(vnode, [[vModelSelect, target[key]]]);
}

/** An onSubmit handler that keeps the browser from submitting the form (@submit.prevent). */
export const prevent = (fn) => (e) => { e.preventDefault(); fn(e); };
