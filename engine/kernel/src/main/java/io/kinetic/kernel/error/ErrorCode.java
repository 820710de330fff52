package io.kinetic.kernel.error;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every failure a caller can see, with a stable numeric code (carried by {@code ReplyException}
 * on the event bus), the HTTP status the edge answers with, and a stable string for clients.
 * Codes and names are a public contract: add new ones, never renumber or rename.
 */
public enum ErrorCode {
  // 1xxx: request shape
  VALIDATION_FAILED(1000, 400),
  MALFORMED_JSON(1001, 400),
  UNKNOWN_FIELD(1002, 400),
  INVALID_ID(1003, 400),
  PAYLOAD_TOO_LARGE(1004, 413),
  UNSUPPORTED_MEDIA_TYPE(1005, 415),
  INVALID_CURSOR(1006, 400),
  METHOD_NOT_ALLOWED(1007, 405),
  NOT_FOUND(1008, 404),
  QUERY_TOO_COMPLEX(1009, 400),
  INTROSPECTION_DISABLED(1010, 403),
  URI_TOO_LONG(1011, 414),
  HEADERS_TOO_LARGE(1012, 431),
  MALFORMED_REQUEST(1013, 400),
  /** The request's {@code Idempotency-Key} was first used, by the same caller, for a different request (method, path, query or body). */
  IDEMPOTENCY_KEY_REUSED(1014, 422),
  /** A request with the same {@code Idempotency-Key} is still running: retry later with the same key to get its answer. */
  IDEMPOTENCY_IN_PROGRESS(1015, 409),
  /** The request's {@code Expect} header asks for something other than {@code 100-continue}. */
  EXPECTATION_FAILED(1016, 417),
  /** A request line naming another version than HTTP/1.x (such as {@code HTTP/2.0} sent as text on an HTTP/1 connection). */
  HTTP_VERSION_NOT_SUPPORTED(1017, 505),
  /** A cookie-authenticated request without the same-origin proof (header, Origin, Sec-Fetch-Site). */
  CSRF_REJECTED(1020, 403),
  // 2xxx: auth
  UNAUTHENTICATED(2000, 401),
  FORBIDDEN(2001, 403),
  INVALID_CREDENTIALS(2002, 401),
  TOKEN_INVALID(2003, 401),
  EMAIL_TAKEN(2004, 409),
  RATE_LIMITED(2005, 429),
  WEAK_PASSWORD(2006, 400),
  STAFF_NOT_FOUND(2007, 404),
  LAST_ADMIN(2008, 409),
  SELF_DEACTIVATION(2009, 409),
  ACCOUNT_DISABLED(2010, 403),
  /** The address is not in the caller's address book (whether it exists elsewhere is not said). */
  ADDRESS_NOT_FOUND(2011, 404),
  /** The address book holds its maximum of addresses. */
  ADDRESS_BOOK_FULL(2012, 422),
  /** A password-reset token that is unknown, used already or expired (the three are not told apart). */
  RESET_TOKEN_INVALID(2013, 400),
  // 3xxx: catalog
  PRODUCT_NOT_FOUND(3000, 404),
  CATEGORY_NOT_FOUND(3001, 404),
  VARIANT_NOT_FOUND(3002, 404),
  ATTRIBUTE_NOT_FOUND(3003, 404),
  SLUG_TAKEN(3004, 409),
  SKU_TAKEN(3005, 409),
  VERSION_CONFLICT(3006, 409),
  CATEGORY_NOT_EMPTY(3007, 409),
  ATTRIBUTE_IN_USE(3008, 409),
  ATTRIBUTE_TAKEN(3009, 409),
  // 4xxx: cart and wishlist
  /** No cart for this token or customer: never issued, expired, merged into a customer's cart, or someone else's. */
  CART_NOT_FOUND(4000, 404),
  /** Not enough stock to reserve; the problem's {@code available} says how many could be reserved. */
  OUT_OF_STOCK(4001, 409),
  /** The variant's product is not on sale (draft or archived) or has no price in the cart's currency. */
  PRODUCT_NOT_AVAILABLE(4002, 422),
  /** A currency the catalogue does not sell in. */
  CURRENCY_NOT_SUPPORTED(4003, 422),
  /** The line would exceed the per-line maximum ({@code cart.maxLineQuantity}); {@code available} says how many more fit. */
  LINE_LIMIT_EXCEEDED(4004, 422),
  CART_LINE_NOT_FOUND(4005, 404),
  /** The cart already holds {@code cart.maxLines} different variants. */
  CART_FULL(4006, 422),
  WISHLIST_ITEM_NOT_FOUND(4010, 404),
  WISHLIST_FULL(4011, 422),
  // 5xxx: checkout, orders and payments
  /** No such order, or not one the caller may see (the two are not told apart). */
  ORDER_NOT_FOUND(5000, 404),
  /** The cart has no line that can be ordered. */
  CART_EMPTY(5001, 422),
  /**
   * The cart is not what the shopper last saw: a price changed (acknowledge the cart's changes and
   * look again), a line became unavailable, or the total differs from {@code expectedTotal}.
   */
  CART_CHANGED(5002, 409),
  /** The shipping method does not exist, is inactive, or does not ship to the address's country in the cart's currency. */
  SHIPPING_METHOD_UNAVAILABLE(5003, 422),
  /** The payment provider declined the payment (e.g. the card); the order still awaits payment. */
  PAYMENT_DECLINED(5004, 402),
  /** The order cannot be paid (already paid, cancelled) or not this way (another provider). */
  PAYMENT_NOT_ALLOWED(5005, 409),
  /** A webhook whose signature is missing, wrong, for another secret, or older than the tolerance. */
  WEBHOOK_SIGNATURE_INVALID(5006, 400),
  /** The payment provider could not be reached or failed; nothing was charged. Retry later. */
  PAYMENT_PROVIDER_UNAVAILABLE(5007, 503),
  SHIPPING_ZONE_NOT_FOUND(5008, 404),
  TAX_RATE_NOT_FOUND(5009, 404),
  /** The action is not allowed in the order's state (e.g. fulfilling a cancelled order); the answer names the state. */
  ORDER_STATE_CONFLICT(5010, 409),
  /** A refund of more than is left of what was captured (other refunds, also pending ones, count). */
  REFUND_EXCEEDS_CAPTURED(5011, 422),
  /** More units than are left to ship, or to return, of an order's line. */
  QUANTITY_EXCEEDS_REMAINING(5012, 422),
  /** No such return on this order. */
  RETURN_NOT_FOUND(5013, 404),
  /**
   * Another order is being placed from this cart right now (a second click with another
   * idempotency key, say): that request answers the order; a cart makes one order at a time.
   */
  CHECKOUT_IN_PROGRESS(5014, 409),
  /** The order's total would be more than the shop takes in one order ({@code checkout.maxOrderTotal}); the detail says the maximum. */
  ORDER_TOTAL_TOO_LARGE(5015, 422),
  // 6xxx: notifications
  /** No such transactional e-mail. */
  MAIL_NOT_FOUND(6000, 404),
  // 7xxx: media
  /** An upload that is not a readable image, or larger than the configured dimensions (the answer says which). */
  MEDIA_INVALID(7000, 422),
  // 9xxx: platform
  BUS_TIMEOUT(9000, 504),
  SERVICE_UNAVAILABLE(9001, 503),
  /** A consumer asked for events the log no longer keeps: it must rebuild from the context's export. */
  LOG_TRUNCATED(9015, 409),
  INTERNAL(9999, 500);

  private static final Map<Integer, ErrorCode> BY_CODE = Arrays.stream(values())
    .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

  private final int code;
  private final int httpStatus;

  ErrorCode(int code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether the failure tells of the moment, not of the request: the same request may succeed when
   * tried again (5xx, 429, and the 409 of a request, or an order's placement, still running). Such
   * an answer is not kept for the request's idempotency key.
   */
  public boolean passing() {
    return httpStatus >= 500 || this == RATE_LIMITED || this == IDEMPOTENCY_IN_PROGRESS || this == CHECKOUT_IN_PROGRESS;
  }

  /** The stable string clients match on, e.g. {@code "PRODUCT_NOT_FOUND"}. */
  public String string() {
    return name();
  }

  /** The code for a numeric failure code, {@link #INTERNAL} when unknown. */
  public static ErrorCode ofCode(int code) {
    return BY_CODE.getOrDefault(code, INTERNAL);
  }

  /** A failure with this code, ready to fail a future or a bus message. */
  public Failure failure(String detail) {
    return Failure.of(this, detail);
  }
}
