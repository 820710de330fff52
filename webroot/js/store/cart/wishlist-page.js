// The customer's wishlist: saved products with their current price and availability, moved into the
// cart or removed. Guests are sent to the login.
import { ref, reactive, watch } from 'vue';
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { availability, errors, navigate, session, settings, t, imageAttrs } from '../context.js';
import { wishlist, loadWishlist, removeFromWishlist, moveToCart, cartErrorText } from './state.js';

export const WishlistPage = {
  name: 'WishlistPage',
  setup() {
    const busy = reactive({}); // itemId -> true
    const itemErrors = reactive({}); // itemId -> the refusal
    const moved = ref(null); // name of the item last moved to the cart

    watch(() => session.loggedIn, (loggedIn) => {
      if (!loggedIn) { navigate('/login', { replace: true }); return; }
      loadWishlist().catch((e) => errors.show(e));
    }, { immediate: true });

    async function run(item, action) {
      busy[item.id] = true;
      delete itemErrors[item.id];
      moved.value = null;
      try {
        await action();
      } catch (e) {
        itemErrors[item.id] = e;
      } finally {
        delete busy[item.id];
      }
    }

    function item(i) {
      const name = i.productName || i.sku || '';
      const href = i.productSlug ? `/p/${encodeURIComponent(i.productSlug)}` : null;
      const options = Object.entries(i.options || {}).map(([k, v]) => `${k}: ${v}`).join(' · ');
      const price = i.price ? formatMoney(i.price, null, settings.locale) : null;
      const stock = availability(i.available);
      return html`
        <li key=${i.id} class="card wish-item" data-testid="wishlist-item" data-product-id=${i.productId}>
          <a class="wish-media" href=${href} tabindex="-1" aria-hidden="true">
            ${i.image ? html`<img ...${imageAttrs(i.image.url, 240)} alt="" width="240" height="240" loading="lazy" />`
              : html`<div class="img-placeholder">${name.charAt(0)}</div>`}
          </a>
          <div class="wish-body">
            <a class="cart-line-name" href=${href} data-testid="wishlist-name">${name}</a>
            ${options ? html`<p class="muted small">${options}</p>` : null}
            <p class="card-price">${price ? (i.priceFrom ? t('priceFrom', { price }) : price) : t('notSold')}</p>
            <p class=${['card-stock', i.purchasable ? stock.level : 'out']}>${i.purchasable ? stock.label : t('notSold')}</p>
            ${itemErrors[i.id] ? html`<p class="field-error" role="alert" data-testid="wishlist-error">${cartErrorText(itemErrors[i.id])}</p>` : null}
            <div class="wish-actions">
              ${i.variantId || !href
                ? html`<button type="button" class="btn btn-primary btn-small" data-testid="move-to-cart"
                         disabled=${!i.purchasable || !!busy[i.id]}
                         onClick=${() => run(i, async () => { await moveToCart(i); moved.value = name; })}>${t('moveToCart')}</button>`
                : html`<a class="btn btn-small" href=${href}>${t('chooseOptions')}</a>`}
              <button type="button" class="btn btn-ghost btn-small btn-danger-text" data-testid="remove-wish"
                      aria-label=${t('removeItem', { name })} disabled=${!!busy[i.id]}
                      onClick=${() => run(i, () => removeFromWishlist(i.id))}>${t('remove')}</button>
            </div>
          </div>
        </li>`;
    }

    return () => {
      const items = wishlist.items;
      return html`
        <section class="container page" data-testid="wishlist-page">
          <h1 class="page-title">${t('wishlist')}</h1>
          <div aria-live="polite">
            ${moved.value ? html`<p class="banner banner-info" role="status" data-testid="moved-to-cart">
              ${t('addedToCart')} <a href="/cart">${t('viewCart')}</a></p>` : null}
          </div>
          ${items === null ? html`<p class="muted">${t('loading')}</p>`
            : !items.length ? html`
              <div class="empty-page" data-testid="wishlist-empty">
                <p class="lead">${t('wishlistEmpty')}</p>
                <a href="/" class="btn btn-primary">${t('continueShopping')}</a>
              </div>`
            : html`<ul class="grid wish-grid">${items.map(item)}</ul>`}
        </section>`;
    };
  },
};
