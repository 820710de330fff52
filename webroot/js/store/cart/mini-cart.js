// The cart in the site header: a link to the cart page with the number of items, and (on hover or
// keyboard focus, where there is room) the first lines and the subtotal. Customers also get a link to
// their wishlist.
import { html } from '../../shared/html.js';
import { formatMoney } from '../../shared/money.js';
import { route, session, settings, t } from '../context.js';
import { cart } from './state.js';

const SHOWN_LINES = 3;

const bagIcon = () => html`
  <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path d="M6 7h12l1 13H5L6 7z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
    <path d="M9 9V6a3 3 0 0 1 6 0v3" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
  </svg>`;

export const MiniCart = {
  name: 'MiniCart',
  setup() {
    function panel(c) {
      if (!c || !c.lines.length || route.name === 'cart') return null;
      const more = c.lines.length - SHOWN_LINES;
      return html`
        <div class="mini-cart-panel" data-testid="mini-cart-panel">
          <ul>
            ${c.lines.slice(0, SHOWN_LINES).map((l) => html`
              <li key=${l.variantId} class="mini-line">
                <span class="mini-line-name">${l.quantity} × ${l.productName || l.sku}</span>
                <span class="mini-line-total">${formatMoney(l.lineTotal, null, settings.locale)}</span>
              </li>`)}
          </ul>
          ${more > 0 ? html`<p class="muted small">+ ${more}</p>` : null}
          <p class="mini-subtotal"><span>${t('subtotal')}</span> <strong>${formatMoney(c.subtotal, null, settings.locale)}</strong></p>
          <a href="/cart" class="btn btn-primary btn-small btn-block">${t('viewCart')}</a>
        </div>`;
    }

    return () => {
      const c = cart.data;
      const n = c ? c.itemCount : 0;
      return html`
        <div class="cart-tools">
        ${session.loggedIn ? html`
          <a href="/wishlist" class="btn btn-ghost btn-small icon-link" data-testid="wishlist-link" aria-label=${t('wishlist')}
             title=${t('wishlist')} aria-current=${route.name === 'wishlist' ? 'page' : null}><span aria-hidden="true" class="heart">♡</span></a>` : null}
        <div class="mini-cart">
          <a href="/cart" class="btn btn-ghost btn-small icon-link" data-testid="mini-cart" aria-label=${t(n === 1 ? 'cartItem' : 'cartItems', { n })}
             aria-current=${route.name === 'cart' ? 'page' : null}>
            ${bagIcon()}<span class=${['mini-cart-count', { empty: !n }]} data-testid="mini-cart-count">${n}</span>
          </a>
          ${panel(c)}
        </div>
        </div>`;
    };
  },
};
