// The header's search box: autocomplete from the second letter (products, categories, brands) in a
// listbox driven by the keyboard (arrows move, Enter opens, Escape closes), Enter without a chosen
// suggestion searches. Requests are debounced and stale answers dropped. On the results page the box
// shows the address's query (also after a reload or when /search?q=… is opened), elsewhere it is empty.
import { ref, computed, watch, onBeforeUnmount } from 'vue';
import { html } from '../../shared/html.js';
import { prevent } from '../../shared/forms.js';
import { api, settings, navigate, t, route, routeQuery } from '../context.js';
import { goToSearch } from './search-url.js';

const DEBOUNCE_MS = 120;
let boxes = 0;

export const SearchBox = {
  name: 'SearchBox',
  setup() {
    const id = `search-${++boxes}`;
    const text = ref('');
    const input = ref(null);
    const items = ref([]);
    const open = ref(false);
    const active = ref(-1);
    let timer = null;
    let requestNo = 0;

    watch(() => [route.name, route.query], () => {
      text.value = route.name === 'search' ? routeQuery().get('q') || '' : '';
    }, { immediate: true });

    const listId = `${id}-list`;
    const optionId = (i) => `${id}-opt-${i}`;
    const expanded = computed(() => open.value && items.value.length > 0);

    async function fetchSuggestions(value) {
      const my = ++requestNo;
      if (value.trim().length < 2) {
        items.value = [];
        return;
      }
      try {
        const res = await api.get('/search/suggest', { query: { q: value, locale: settings.locale, limit: 8 }, auth: false });
        if (my !== requestNo) return;
        items.value = res.items || [];
        active.value = -1;
        open.value = true;
      } catch (e) {
        if (my === requestNo) items.value = [];
      }
    }

    function onInput(e) {
      text.value = e.target.value;
      clearTimeout(timer);
      timer = setTimeout(() => fetchSuggestions(text.value), DEBOUNCE_MS);
    }

    function close() {
      open.value = false;
      active.value = -1;
    }

    function choose(item) {
      clearTimeout(timer);
      requestNo++;
      close();
      if (item.kind === 'product') navigate(`/p/${encodeURIComponent(item.slug)}`);
      else if (item.kind === 'category') goToSearch({ filters: { category: [item.value] } });
      else goToSearch({ filters: { brand: [item.value] } });
      text.value = '';
      items.value = [];
    }

    function submit() {
      // an answer still on its way must not open the list over the results
      clearTimeout(timer);
      requestNo++;
      if (expanded.value && active.value >= 0) {
        choose(items.value[active.value]);
        return;
      }
      close();
      // what the box shows now (also after the browser filled or cleared it without an input event)
      goToSearch({ q: (input.value ? input.value.value : text.value).trim() });
    }

    function onKeydown(e) {
      const n = items.value.length;
      if (e.key === 'ArrowDown' && n) {
        e.preventDefault();
        open.value = true;
        active.value = (active.value + 1) % n;
      } else if (e.key === 'ArrowUp' && n) {
        e.preventDefault();
        open.value = true;
        active.value = active.value <= 0 ? n - 1 : active.value - 1;
      } else if (e.key === 'Escape') {
        close();
      }
    }

    // a click on a suggestion lands before the blur closes the list
    const onBlur = () => setTimeout(close, 150);
    onBeforeUnmount(() => clearTimeout(timer));

    const kindLabel = (kind) => t(kind === 'product' ? 'kindProduct' : kind === 'category' ? 'kindCategory' : 'kindBrand');

    return () => html`
      <form class="search-box" role="search" onSubmit=${prevent(submit)} data-testid="search-form">
        <label class="sr-only" for=${id}>${t('searchLabel')}</label>
        <input id=${id} ref=${input} type="search" class="search-input" autocomplete="off" spellcheck="false" maxlength="200"
               placeholder=${t('searchPlaceholder')} value=${text.value} onInput=${onInput} onKeydown=${onKeydown}
               onFocus=${() => { if (items.value.length) open.value = true; }} onBlur=${onBlur}
               role="combobox" aria-autocomplete="list" aria-expanded=${expanded.value ? 'true' : 'false'} aria-controls=${listId}
               aria-activedescendant=${expanded.value && active.value >= 0 ? optionId(active.value) : null}
               data-testid="search-input" />
        <button type="submit" class="btn search-button" aria-label=${t('searchButton')}>
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>
        </button>
        <ul id=${listId} role="listbox" aria-label=${t('suggestionsLabel')} class="suggestions" hidden=${!expanded.value}
            data-testid="search-suggestions">
          ${items.value.map((item, i) => html`
            <li key=${item.kind + ':' + (item.value || item.slug) + ':' + i} id=${optionId(i)} role="option"
                aria-selected=${i === active.value ? 'true' : 'false'} class=${['suggestion', { active: i === active.value }]}
                onMousedown=${(e) => { e.preventDefault(); choose(item); }} data-testid="search-suggestion" data-kind=${item.kind}>
              <span class="suggestion-text">${item.text}</span>
              <span class="suggestion-kind">${kindLabel(item.kind)}</span>
            </li>`)}
        </ul>
      </form>`;
  },
};
