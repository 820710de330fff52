// Markup for render functions: htm's tagged templates over Vue's h(). Components render without
// Vue's template compiler (it needs eval, which the Content-Security-Policy forbids) and without a
// build step. Differences from Vue templates: expressions are ${...} (no v-if/v-for: use ?: and
// map), events are onClick=${fn}, components are <${Component} prop=${value} />, inputs bind with
// the helpers of forms.js, void elements must be closed (<input />, <img />), and HTML entities
// are not decoded (write the character itself).
import { h } from 'vue';
import htm from 'htm';

/** Adjacent text and numbers as one text node, as Vue's compiler makes of "{{ a }} ({{ b }})". */
function joinText(children) {
  const out = [];
  for (const c of children) {
    const text = typeof c === 'string' || typeof c === 'number';
    if (text && typeof out[out.length - 1] === 'string') out[out.length - 1] += c;
    else out.push(text ? String(c) : c);
  }
  return out;
}

export const html = htm.bind((type, props, ...children) => h(type, props, ...joinText(children)));
