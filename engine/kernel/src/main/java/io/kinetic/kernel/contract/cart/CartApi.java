package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.outbox.EventTypes;

/**
 * The cart context's bus contract: carts (guest and customer, in Redis, customer carts also in
 * PostgreSQL), their stock reservations, and wishlists. Every cart request names its cart with a
 * {@link CartRef} the gateway builds from the caller's credentials. Replies are priced from the
 * catalog at the time of the request. The context runs on every node; requests stay on the caller's node.
 */
public final class CartApi {

  public static final Endpoint<GetCurrencies, ShopCurrencies> GET_CURRENCIES =
    Endpoint.local("cart.get-currencies", GetCurrencies.class, ShopCurrencies.class);
  public static final Endpoint<GetCart, CartView> GET_CART =
    Endpoint.local("cart.get-cart", GetCart.class, CartView.class);
  public static final Endpoint<CreateCart, CartView> CREATE_CART =
    Endpoint.local("cart.create", CreateCart.class, CartView.class);
  public static final Endpoint<AddCartLine, CartView> ADD_LINE =
    Endpoint.local("cart.add-line", AddCartLine.class, CartView.class);
  public static final Endpoint<SetCartLineQuantity, CartView> SET_LINE_QUANTITY =
    Endpoint.local("cart.set-line-quantity", SetCartLineQuantity.class, CartView.class);
  public static final Endpoint<RemoveCartLine, CartView> REMOVE_LINE =
    Endpoint.local("cart.remove-line", RemoveCartLine.class, CartView.class);
  public static final Endpoint<ClearCart, CartView> CLEAR =
    Endpoint.local("cart.clear", ClearCart.class, CartView.class);
  public static final Endpoint<ClaimCart, CartView> CLAIM_FOR_ORDER =
    Endpoint.local("cart.claim-for-order", ClaimCart.class, CartView.class);
  public static final Endpoint<ReleaseCartClaim, CartClaimReleased> RELEASE_CLAIM =
    Endpoint.local("cart.release-claim", ReleaseCartClaim.class, CartClaimReleased.class);
  public static final Endpoint<TakeOrderedLines, OrderedLinesTaken> TAKE_ORDERED_LINES =
    Endpoint.local("cart.take-ordered-lines", TakeOrderedLines.class, OrderedLinesTaken.class);
  public static final Endpoint<SetCartCurrency, CartView> SET_CURRENCY =
    Endpoint.local("cart.set-currency", SetCartCurrency.class, CartView.class);
  public static final Endpoint<AcknowledgeCartChanges, CartView> ACKNOWLEDGE =
    Endpoint.local("cart.acknowledge", AcknowledgeCartChanges.class, CartView.class);
  public static final Endpoint<MergeCarts, CartMerge> MERGE =
    Endpoint.local("cart.merge", MergeCarts.class, CartMerge.class);
  public static final Endpoint<GetWishlist, WishlistView> GET_WISHLIST =
    Endpoint.local("cart.get-wishlist", GetWishlist.class, WishlistView.class);
  public static final Endpoint<AddWishlistItem, WishlistView> ADD_WISHLIST_ITEM =
    Endpoint.local("cart.add-wishlist-item", AddWishlistItem.class, WishlistView.class);
  public static final Endpoint<RemoveWishlistItem, WishlistView> REMOVE_WISHLIST_ITEM =
    Endpoint.local("cart.remove-wishlist-item", RemoveWishlistItem.class, WishlistView.class);
  public static final Endpoint<MoveWishlistItemToCart, CartView> MOVE_WISHLIST_ITEM_TO_CART =
    Endpoint.local("cart.move-wishlist-item-to-cart", MoveWishlistItemToCart.class, CartView.class);

  public static final Contract CONTRACT = Contract.of("cart", CartEvent.class,
    GET_CURRENCIES, GET_CART, CREATE_CART, ADD_LINE, SET_LINE_QUANTITY, REMOVE_LINE, CLEAR, CLAIM_FOR_ORDER, RELEASE_CLAIM, TAKE_ORDERED_LINES, SET_CURRENCY, ACKNOWLEDGE, MERGE,
    GET_WISHLIST, ADD_WISHLIST_ITEM, REMOVE_WISHLIST_ITEM, MOVE_WISHLIST_ITEM_TO_CART);

  /** Where each cart event is published (from its {@code @EventName}), for in-memory listeners. */
  public static final class Events {
    public static final String RESERVED_STOCK_CHANGED = EventTypes.address(ReservedStockChanged.class);
    public static final String RESERVED_STOCK_RESET = EventTypes.address(ReservedStockReset.class);
    public static final String RESERVATION_EXPIRED = EventTypes.address(ReservationExpired.class);
    public static final String CARTS_MERGED = EventTypes.address(CartsMerged.class);
    /**
     * Published (not logged) after every change of a cart, with the cart's id as body, on
     * {@code cart.changed.<cart id>}: live updates listen there. It carries no cart content.
     */
    public static String changed(java.util.UUID cartId) {
      return "cart.changed." + cartId;
    }

    private Events() {
    }
  }

  private CartApi() {
  }
}
