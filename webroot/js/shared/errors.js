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

export const ErrorBanner = {
  name: 'ErrorBanner',
  props: { error: { type: Object, default: null } },
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
      return html`
        <div ref=${root} class="banner banner-error" role="alert" data-testid="error-banner">
          <div class="banner-text">
            <strong class="banner-detail" data-testid="error-detail">${error.detail}</strong>
            <span class="banner-meta">
              <code data-testid="error-code">${error.code}</code>
              ${error.correlationId ? html`<span class="muted"> · ref ${error.correlationId}</span>` : null}
            </span>
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

/** Messages for one field from a problem's errors[] ("variants[0].sku" etc.). */
export function fieldMessages(error, field) {
  if (!error || !Array.isArray(error.errors)) return [];
  return error.errors.filter((e) => e.field === field).map((e) => e.message);
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
    title: { type: String, default: 'Please fix the following:' },
  },
  setup(props) {
    return () => {
      const all = props.error && props.error.errors ? props.error.errors : [];
      const rest = all.filter((e) => !props.inline.includes(e.field));
      if (!rest.length) return null;
      const error = { errors: rest };
      return html`
        <div class="form-errors" role="alert" data-testid="form-errors">
          <p class="form-errors-title">${props.title}</p>
          <ul>
            ${error.errors.map((e, i) => html`
              <li key=${i} data-testid="form-error">${e.field ? html`<code>${e.field}</code>` : null} ${e.message}</li>`)}
          </ul>
        </div>`;
    };
  },
};
