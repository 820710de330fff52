// The product page's buy box (a part the cart puts there): quantity, Add to cart, and for customers a
// Save button for the wishlist. What went wrong is said next to the button, in the page's language.
import { ref, computed, watch } from 'vue';
import { html } from '../../shared/html.js';
import { QuantityStepper } from '../../shared/stepper.js';
import { priceIn } from '../../shared/money.js';
import { session, settings, t, unitsAvailable } from '../context.js';
import { addLine, cartErrorText, cappedText, MAX_QUANTITY, wishlist, loadWishlist, savedItem, saveToWishlist, removeFromWishlist } from './state.js';

export const BuyBox = {
  name: 'BuyBox',
  props: { product: { type: Object, required: true }, variant: { type: Object, default: null } },
  setup(props) {
    const quantity = ref(1);
    const busy = ref(false);
    const message = ref(null); // {kind: 'ok'}, {kind: 'error', error} or {kind: 'capped', n}: its text follows a language switch
    const saving = ref(false);

    const units = computed(() => unitsAvailable(props.variant));
    const max = computed(() => Math.max(1, Math.min(units.value, MAX_QUANTITY)));
    const buyable = computed(() => Boolean(props.variant && units.value > 0 && priceIn(props.variant.prices, settings.currency)));

    // a chosen quantity stays when the stock shown drops: adding then says how many are left
    watch(() => props.variant && props.variant.id, () => { quantity.value = 1; message.value = null; });
    watch(() => session.loggedIn, (inNow) => { if (inNow && !wishlist.items && !wishlist.loading) loadWishlist().catch(() => {}); },
      { immediate: true });

    async function add() {
      busy.value = true;
      message.value = null;
      try {
        await addLine(props.variant.id, quantity.value);
        message.value = { kind: 'ok' };
        quantity.value = 1;
      } catch (e) {
        message.value = { kind: 'error', error: e };
        const n = e.problem && e.problem.available;
        if (e.code === 'OUT_OF_STOCK' && n > 0) quantity.value = Math.min(n, MAX_QUANTITY);
      } finally {
        busy.value = false;
      }
    }

    const saved = computed(() => savedItem(props.product.id, props.variant && props.variant.id));

    async function toggleSave() {
      saving.value = true;
      try {
        if (saved.value) await removeFromWishlist(saved.value.id);
        else await saveToWishlist(props.product.id, props.variant && props.variant.id);
      } catch (e) {
        message.value = { kind: 'error', error: e };
      } finally {
        saving.value = false;
      }
    }

    function feedback() {
      const m = message.value;
      if (!m) return null;
      if (m.kind === 'capped') return html`<p class="buy-message" role="status" data-testid="quantity-capped">${cappedText(m.n)}</p>`;
      return m.kind === 'ok'
        ? html`<p class="buy-message ok" role="status" data-testid="added-to-cart">${t('addedToCart')} <a href="/cart">${t('viewCart')}</a></p>`
        : html`<p class="buy-message field-error" role="alert" data-testid="add-to-cart-error">${cartErrorText(m.error)}</p>`;
    }

    return () => html`
      <div class="buy-box" data-testid="buy-box">
        <div class="buy-row">
          <${QuantityStepper} value=${quantity.value} max=${max.value} disabled=${!buyable.value || busy.value}
            label=${t('quantity')} decreaseLabel=${t('decrease')} increaseLabel=${t('increase')}
            onChange=${(n) => { quantity.value = n; message.value = null; }}
            onCapped=${(n) => { message.value = { kind: 'capped', n }; }} />
          <button type="button" class="btn btn-primary buy-button" data-testid="add-to-cart"
                  disabled=${!buyable.value || busy.value} onClick=${add}>${busy.value ? t('adding') : t('addToCart')}</button>
          ${session.loggedIn ? html`
            <button type="button" class=${['btn', 'save-button', { saved: saved.value }]} data-testid="wishlist-toggle"
                    aria-pressed=${saved.value ? 'true' : 'false'} aria-label=${saved.value ? t('savedLabel') : t('saveLabel')}
                    disabled=${saving.value || wishlist.items === null} onClick=${toggleSave}>
              <span aria-hidden="true" class="heart">${saved.value ? '♥' : '♡'}</span>${saved.value ? t('saved') : t('save')}
            </button>` : null}
        </div>
        <div aria-live="polite">${feedback()}</div>
      </div>`;
  },
};
