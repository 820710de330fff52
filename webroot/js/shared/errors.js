// Error state + the banner and form-error components used by both apps.
import { reactive } from 'vue';
import { ApiError } from './api.js';

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
  watch: {
    // Bring a new error into view (forms can be long); role="alert" announces it.
    error(next) {
      if (next) this.$nextTick(() => { if (this.$el && this.$el.scrollIntoView) this.$el.scrollIntoView({ block: 'nearest' }); });
    },
  },
  template: `
    <div v-if="error" class="banner banner-error" role="alert" data-testid="error-banner">
      <div class="banner-text">
        <strong class="banner-detail" data-testid="error-detail">{{ error.detail }}</strong>
        <span class="banner-meta">
          <code data-testid="error-code">{{ error.code }}</code>
          <span v-if="error.correlationId" class="muted"> · ref {{ error.correlationId }}</span>
        </span>
      </div>
      <div class="banner-actions">
        <button v-if="error.action" type="button" class="btn btn-small" @click="error.action.run()">
          {{ error.action.label }}
        </button>
        <button type="button" class="btn btn-ghost btn-small" aria-label="Dismiss error" @click="$emit('dismiss')">✕</button>
      </div>
    </div>`,
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
  computed: {
    messages() { return fieldMessages(this.error, this.field); },
  },
  template: `<p v-if="messages.length" class="field-error" :id="id" data-testid="field-error" :data-field="field">{{ messages.join('; ') }}</p>`,
};

/** Summary of all validation errors, shown next to a form. */
export const FormErrors = {
  name: 'FormErrors',
  props: { error: { type: Object, default: null } },
  template: `
    <div v-if="error && error.errors && error.errors.length" class="form-errors" role="alert" data-testid="form-errors">
      <p class="form-errors-title">Please fix the following:</p>
      <ul>
        <li v-for="(e, i) in error.errors" :key="i" data-testid="form-error">
          <code v-if="e.field">{{ e.field }}</code> {{ e.message }}
        </li>
      </ul>
    </div>`,
};
