// The foot of a cursor-paged list: a "load more" button while there is a next page, a loading
// note while the first page loads. Labels come from the page's own messages.
import { html } from './html.js';

export const LoadMore = {
  name: 'LoadMore',
  props: {
    hasMore: { type: Boolean, default: false },
    loading: { type: Boolean, default: false },
    label: { type: String, required: true },
    loadingLabel: { type: String, required: true },
    testid: { type: String, default: 'next-page' },
  },
  emits: ['more'],
  setup(props, { emit }) {
    return () => html`
      <div class="load-more">
        ${props.hasMore
          ? html`<button type="button" class="btn" data-testid=${props.testid} disabled=${props.loading} onClick=${() => emit('more')}>
              ${props.loading ? props.loadingLabel : props.label}
            </button>`
          : props.loading ? html`<p class="muted">${props.loadingLabel}</p>` : null}
      </div>`;
  },
};
