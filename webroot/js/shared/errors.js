// Error state + the banner and form-error components used by both apps.
import { reactive, ref, watch, nextTick } from 'vue';
import { ApiError } from './api.js';
import { html } from './html.js';

/** A page-level error slot: show(err) accepts ApiError, Error or {code, detail, action}. */
export function createErrorState() {
  const state = reactive({ current: null });
  return {
    state,
    show(err, action) {
      if (!err) { state.current = null; return; }
      if (!(err instanceof ApiError) && !(err.code && err.detail)) {
        console.warn(err);
      }
      state.current = {
        code: err.code || 'UNEXPECTED_ERROR',
        detail: err.detail || err.message || String(err),
        correlationId: err.correlationId || null,
        action: action || err.action || null,
      };
    },
    clear() { state.current = null; },
  };
}

/**
 * The page's error: a sentence for the reader (describe(error) in the page's language when it knows
 * the code, else the server's text), and a "Details" disclosure with the code, the server's text and
 * the reference to quote to the shop. labels: {details, reference} in the page's language.
 */
export const ErrorBanner = {
  name: 'ErrorBanner',
  props: {
    error: { type: Object, default: null },
    describe: { type: Function, default: () => null },
    labels: { type: Object, default: () => ({ details: 'Details', reference: 'Reference' }) },
  },
  emits: ['dismiss'],
  setup(props, { emit }) {
    const root = ref(null);
    // Bring a new error into view (forms can be long); role="alert" announces it.
    watch(() => props.error, (next) => {
      if (next) nextTick(() => { if (root.value && root.value.scrollIntoView) root.value.scrollIntoView({ block: 'nearest' }); });
    });
    return () => {
      const error = props.error;
      if (!error) return null;
      const said = props.describe(error);
      return html`
        <div ref=${root} class="banner banner-error" role="alert" data-testid="error-banner" data-code=${error.code}>
          <div class="banner-text">
            <strong class="banner-detail" data-testid="error-detail">${said || error.detail}</strong>
            <details class="banner-meta">
              <summary>${props.labels.details}</summary>
              <code data-testid="error-code">${error.code}</code>
              ${said && error.detail !== said ? html`<span> · ${error.detail}</span>` : null}
              ${error.correlationId ? html`<span class="muted"> · ${props.labels.reference} ${error.correlationId}</span>` : null}
            </details>
          </div>
          <div class="banner-actions">
            ${error.action ? html`
              <button type="button" class="btn btn-small" onClick=${() => error.action.run()}>${error.action.label}</button>` : null}
            <button type="button" class="btn btn-ghost btn-small" aria-label="Dismiss error" onClick=${() => emit('dismiss')}>✕</button>
          </div>
        </div>`;
    };
  },
};

/**
 * How an app words field problems: message(text) in the page's language (the server words them in
 * English), field(path) as a label ("email" → "E-mail"), title above a form's list. The storefront
 * sets them at start (useWords); the admin keeps the server's English.
 */
let words = { message: (m) => m, field: (f) => f, title: 'Please fix the following:' };
export function useWords(given) {
  words = { ...words, ...given };
}

/** Messages for one field from a problem's errors[] ("variants[0].sku" etc.), in the app's words. */
export function fieldMessages(error, field) {
  if (!error || !Array.isArray(error.errors)) return [];
  return error.errors.filter((e) => e.field === field).map((e) => words.message(e.message));
}

/** Inline message under an input. */
export const FieldError = {
  name: 'FieldError',
  props: { error: { type: Object, default: null }, field: { type: String, required: true }, id: String },
  setup(props) {
    return () => {
      const messages = fieldMessages(props.error, props.field);
      return messages.length
        ? html`<p class="field-error" id=${props.id} data-testid="field-error" data-field=${props.field}>${messages.join('; ')}</p>`
        : null;
    };
  },
};

/**
 * Summary of the validation errors, shown next to a form; `inline`: fields whose message the form
 * already shows under the field (left out here; no summary when nothing else is left); `title`: the
 * heading in the page's language.
 */
export const FormErrors = {
  name: 'FormErrors',
  props: {
    error: { type: Object, default: null },
    inline: { type: Array, default: () => [] },
    title: { type: String, default: null },
  },
  setup(props) {
    return () => {
      const all = props.error && props.error.errors ? props.error.errors : [];
      const rest = all.filter((e) => !props.inline.includes(e.field));
      if (!rest.length) return null;
      const error = { errors: rest };
      return html`
        <div class="form-errors" role="alert" data-testid="form-errors">
          <p class="form-errors-title">${props.title || (typeof words.title === 'function' ? words.title() : words.title)}</p>
          <ul>
            ${error.errors.map((e, i) => html`
              <li key=${i} data-testid="form-error" data-field=${e.field}>${e.field ? html`<strong>${words.field(e.field)}</strong>: ` : null}${words.message(e.message)}</li>`)}
          </ul>
        </div>`;
    };
  },
};
