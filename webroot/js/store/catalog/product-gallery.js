// The product page's images: the selected one large, thumbnails to pick another.
import { html } from '../../shared/html.js';
import { t, imageAttrs } from '../context.js';

export const ProductGallery = {
  name: 'ProductGallery',
  props: {
    media: { type: Array, required: true },
    name: { type: String, required: true },
    index: { type: Number, default: 0 },
  },
  emits: ['select'],
  setup(props, { emit }) {
    return () => {
      const main = props.media[props.index] || props.media[0] || null;
      return html`
        <div class="gallery" data-testid="gallery">
          <div class="gallery-main">
            ${main
              ? html`<img ...${imageAttrs(main.url, 640)} alt=${main.alt || props.name} width="640" height="640" />`
              : html`<div class="img-placeholder" aria-hidden="true">${props.name.charAt(0)}</div>`}
          </div>
          ${props.media.length > 1 ? html`
            <ul class="gallery-thumbs">
              ${props.media.map((m, i) => html`
                <li key=${m.url + i}>
                  <button type="button" class="thumb" aria-pressed=${i === props.index ? 'true' : 'false'}
                          aria-label=${t('showImage', { n: i + 1 })} onClick=${() => emit('select', i)} data-testid="gallery-thumb">
                    <img ...${imageAttrs(m.url, 80)} alt="" width="80" height="80" loading="lazy" />
                  </button>
                </li>`)}
            </ul>` : null}
        </div>`;
    };
  },
};
