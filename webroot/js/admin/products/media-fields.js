// The product's images in the editor: upload (button or files dropped on the gallery), a preview of
// each, its alt text, reordering (buttons, or drag and drop), removal, and an image by address.
// Uploads go to POST /admin/media; the answer's url is what the product's media list keeps.
import { ref, reactive, nextTick } from 'vue';
import { html } from '../../shared/html.js';
import { model } from '../../shared/forms.js';
import { api, t, sized } from '../context.js';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';
let seq = 0;
export const mediaKey = () => `m${++seq}`;


/** Why an upload failed, in words (the server's own sentence where it says more, e.g. the dimensions). */
function uploadMessage(e) {
  switch (e.code) {
    case 'UNSUPPORTED_MEDIA_TYPE': return t('uploadNotImage');
    case 'PAYLOAD_TOO_LARGE': return t('uploadTooLarge');
    case 'MEDIA_INVALID': return t('uploadInvalid', { detail: e.detail });
    case 'FORBIDDEN': return t('uploadForbidden');
    default: return e.message || String(e);
  }
}

export const MediaFields = {
  name: 'MediaFields',
  props: { form: Object },
  setup(props) {
    const uploads = ref([]); // {key, name, failed}
    const dragFrom = ref(null);
    const dropping = ref(false);
    const draft = reactive({ url: '' });
    const gallery = ref(null);

    async function upload(files) {
      for (const file of Array.from(files || [])) {
        const job = reactive({ key: mediaKey(), name: file.name, failed: null });
        uploads.value.push(job);
        try {
          const stored = await api.post('/admin/media', file);
          props.form.media.push({ key: mediaKey(), url: stored.url, alt: '' });
          uploads.value = uploads.value.filter((j) => j !== job);
        } catch (e) {
          job.failed = uploadMessage(e);
        }
      }
    }

    function onPick(e) {
      upload(e.target.files);
      e.target.value = '';
    }

    /** Moves image i by delta places and keeps the focus on the button that was pressed. */
    function move(i, delta, focusSelector) {
      const list = props.form.media;
      const j = i + delta;
      if (j < 0 || j >= list.length) return;
      const [m] = list.splice(i, 1);
      list.splice(j, 0, m);
      if (focusSelector) {
        nextTick(() => {
          const tile = gallery.value && gallery.value.querySelector(`[data-key="${m.key}"] ${focusSelector}`);
          if (tile && !tile.disabled) tile.focus();
        });
      }
    }

    function remove(i) {
      props.form.media.splice(i, 1);
    }

    function addByUrl() {
      const url = draft.url.trim();
      if (!url) return;
      props.form.media.push({ key: mediaKey(), url, alt: '' });
      draft.url = '';
    }

    // drag and drop: a tile onto another moves it there; files dropped anywhere on the gallery upload
    const onDragStart = (i) => (e) => {
      dragFrom.value = i;
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', String(i));
    };
    const onDragOver = (e) => {
      e.preventDefault();
      dropping.value = true;
    };
    const onDrop = (i) => (e) => {
      e.preventDefault();
      e.stopPropagation();
      dropping.value = false;
      if (e.dataTransfer.files && e.dataTransfer.files.length) {
        upload(e.dataTransfer.files);
      } else if (dragFrom.value !== null && i !== null && dragFrom.value !== i) {
        move(dragFrom.value, i - dragFrom.value);
      }
      dragFrom.value = null;
    };

    const tile = (m, i, list) => html`
      <li key=${m.key} class=${['media-tile', dragFrom.value === i ? 'dragging' : null]} data-key=${m.key} data-testid="media-item"
          data-url=${m.url} draggable="true" onDragstart=${onDragStart(i)} onDragover=${onDragOver} onDrop=${onDrop(i)}
          onDragend=${() => { dragFrom.value = null; dropping.value = false; }}>
        <div class="media-preview">
          <img src=${sized(m.url, 400)} alt="" loading="lazy" width="160" height="160" data-testid="media-preview" />
          ${i === 0 ? html`<span class="badge media-main">${t('mainImage')}</span>` : null}
        </div>
        <label class="field">
          <span>${t('altTextOf', { n: i + 1 })}</span>
          <input ...${model(m, 'alt')} type="text" maxlength="200" data-testid="edit-media-alt" />
        </label>
        <div class="media-actions">
          <button type="button" class="btn btn-small btn-ghost move-earlier" disabled=${i === 0} onClick=${() => move(i, -1, '.move-earlier')}
                  aria-label=${t('moveImageEarlier', { n: i + 1 })} title=${t('moveEarlier')} data-testid="media-earlier">←</button>
          <button type="button" class="btn btn-small btn-ghost move-later" disabled=${i === list.length - 1} onClick=${() => move(i, 1, '.move-later')}
                  aria-label=${t('moveImageLater', { n: i + 1 })} title=${t('moveLater')} data-testid="media-later">→</button>
          <button type="button" class="btn btn-small btn-ghost" onClick=${() => remove(i)}
                  aria-label=${t('removeImage', { n: i + 1 })} data-testid="media-remove">${t('remove')}</button>
        </div>
      </li>`;

    return () => html`
      <fieldset class="card fieldset media-fieldset">
        <legend>${t('images')}</legend>
        <p class="hint">${t('imagesHint')}</p>
        <ul ref=${gallery} class=${['media-gallery', dropping.value ? 'drop-target' : null]} data-testid="media-gallery"
            onDragover=${onDragOver} onDragleave=${() => { dropping.value = false; }} onDrop=${onDrop(null)}>
          ${props.form.media.map((m, i, list) => tile(m, i, list))}
          ${uploads.value.map((u) => html`
            <li key=${u.key} class=${['media-tile', 'media-pending', u.failed ? 'failed' : null]} data-testid="media-upload">
              <p class="small"><strong>${u.name}</strong></p>
              ${u.failed
                ? html`<p class="field-error" role="alert" data-testid="media-upload-error">${u.failed}</p>
                       <button type="button" class="btn btn-small btn-ghost" onClick=${() => { uploads.value = uploads.value.filter((j) => j !== u); }}>${t('dismiss')}</button>`
                : html`<p class="muted small" role="status">${t('uploading')}</p>`}
            </li>`)}
          <li class="media-tile media-add">
            <label class="btn btn-small upload-button">
              <input type="file" accept=${ACCEPT} multiple class="sr-only" onChange=${onPick} data-testid="media-file" />
              ${t('uploadImages')}
            </label>
            <span class="muted small">${t('orDropHere')}</span>
          </li>
        </ul>
        <div class="field-row media-by-url">
          <label class="field grow">
            <span>${t('imageByUrl')}</span>
            <input ...${model(draft, 'url')} type="url" placeholder="https://…" data-testid="edit-media-url"
                   onKeydown=${(e) => { if (e.key === 'Enter') { e.preventDefault(); addByUrl(); } }} />
          </label>
          <button type="button" class="btn btn-small" onClick=${addByUrl} data-testid="add-media">${t('addImage')}</button>
        </div>
      </fieldset>`;
  },
};
