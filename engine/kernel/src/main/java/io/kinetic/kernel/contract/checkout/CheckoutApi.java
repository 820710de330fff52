package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.outbox.EventTypes;

/**
 * The checkout context's bus contract: quotes (tax and shipping), placing orders (a saga over the
 * cart, the catalog's stock and the payment provider), payments (Stripe or the built-in test
 * provider, their webhooks and reconciliation), orders for customers and staff, and the shop's
 * tax and shipping settings. Every amount is computed here; none comes from a client.
 */
public final class CheckoutApi {

  public static final Endpoint<QuoteCheckout, CheckoutQuote> QUOTE =
    Endpoint.local("checkout.quote", QuoteCheckout.class, CheckoutQuote.class);
  public static final Endpoint<PlaceOrder, PlacedOrder> PLACE_ORDER =
    Endpoint.local("checkout.place-order", PlaceOrder.class, PlacedOrder.class);
  public static final Endpoint<PayWithTestCard, PaymentView> PAY_WITH_TEST_CARD =
    Endpoint.local("checkout.pay-with-test-card", PayWithTestCard.class, PaymentView.class);
  public static final Endpoint<ConfirmPayment, OrderView> CONFIRM_PAYMENT =
    Endpoint.local("checkout.confirm-payment", ConfirmPayment.class, OrderView.class);
  public static final Endpoint<StripeWebhook, WebhookReceipt> STRIPE_WEBHOOK =
    Endpoint.local("checkout.stripe-webhook", StripeWebhook.class, WebhookReceipt.class);
  public static final Endpoint<GetPaymentConfig, PaymentConfig> PAYMENT_CONFIG =
    Endpoint.local("checkout.payment-config", GetPaymentConfig.class, PaymentConfig.class);
  public static final Endpoint<GetShippingCountries, ShippingCountries> GET_SHIPPING_COUNTRIES =
    Endpoint.local("checkout.get-shipping-countries", GetShippingCountries.class, ShippingCountries.class);
  public static final Endpoint<GetOrder, OrderView> GET_ORDER =
    Endpoint.local("checkout.get-order", GetOrder.class, OrderView.class);
  public static final Endpoint<GetOrders, OrderViews> GET_ORDERS =
    Endpoint.local("checkout.get-orders", GetOrders.class, OrderViews.class);
  public static final Endpoint<ListMyOrders, OrderPage> LIST_MY_ORDERS =
    Endpoint.local("checkout.list-my-orders", ListMyOrders.class, OrderPage.class);
  public static final Endpoint<ListOrders, OrderPage> LIST_ORDERS =
    Endpoint.local("checkout.list-orders", ListOrders.class, OrderPage.class);
  public static final Endpoint<GetOrderDetail, OrderDetail> GET_ORDER_DETAIL =
    Endpoint.local("checkout.get-order-detail", GetOrderDetail.class, OrderDetail.class);
  public static final Endpoint<GetCheckoutSettings, CheckoutSettings> GET_SETTINGS =
    Endpoint.local("checkout.get-settings", GetCheckoutSettings.class, CheckoutSettings.class);
  public static final Endpoint<SaveCheckoutSettings, CheckoutSettings> SAVE_SETTINGS =
    Endpoint.local("checkout.save-settings", SaveCheckoutSettings.class, CheckoutSettings.class);
  public static final Endpoint<SaveTaxRate, CheckoutSettings> SAVE_TAX_RATE =
    Endpoint.local("checkout.save-tax-rate", SaveTaxRate.class, CheckoutSettings.class);
  public static final Endpoint<DeleteTaxRate, CheckoutSettings> DELETE_TAX_RATE =
    Endpoint.local("checkout.delete-tax-rate", DeleteTaxRate.class, CheckoutSettings.class);
  public static final Endpoint<SaveShippingZone, CheckoutSettings> SAVE_SHIPPING_ZONE =
    Endpoint.local("checkout.save-shipping-zone", SaveShippingZone.class, CheckoutSettings.class);
  public static final Endpoint<DeleteShippingZone, CheckoutSettings> DELETE_SHIPPING_ZONE =
    Endpoint.local("checkout.delete-shipping-zone", DeleteShippingZone.class, CheckoutSettings.class);
  public static final Endpoint<FulfilOrder, OrderDetail> FULFIL_ORDER =
    Endpoint.local("checkout.fulfil-order", FulfilOrder.class, OrderDetail.class);
  public static final Endpoint<MarkDelivered, OrderDetail> MARK_DELIVERED =
    Endpoint.local("checkout.mark-delivered", MarkDelivered.class, OrderDetail.class);
  public static final Endpoint<CancelOrder, OrderDetail> CANCEL_ORDER =
    Endpoint.local("checkout.cancel-order", CancelOrder.class, OrderDetail.class);
  public static final Endpoint<RefundOrder, OrderDetail> REFUND_ORDER =
    Endpoint.local("checkout.refund-order", RefundOrder.class, OrderDetail.class);
  public static final Endpoint<RequestReturn, OrderView> REQUEST_RETURN =
    Endpoint.local("checkout.request-return", RequestReturn.class, OrderView.class);
  public static final Endpoint<DecideReturn, OrderDetail> DECIDE_RETURN =
    Endpoint.local("checkout.decide-return", DecideReturn.class, OrderDetail.class);
  public static final Endpoint<ReceiveReturn, OrderDetail> RECEIVE_RETURN =
    Endpoint.local("checkout.receive-return", ReceiveReturn.class, OrderDetail.class);

  public static final Contract CONTRACT = Contract.of("checkout", CheckoutEvent.class,
    QUOTE, PLACE_ORDER, PAY_WITH_TEST_CARD, CONFIRM_PAYMENT, STRIPE_WEBHOOK, PAYMENT_CONFIG, GET_SHIPPING_COUNTRIES, GET_ORDER, GET_ORDERS,
    LIST_MY_ORDERS, LIST_ORDERS, GET_ORDER_DETAIL, GET_SETTINGS, SAVE_SETTINGS, SAVE_TAX_RATE, DELETE_TAX_RATE,
    SAVE_SHIPPING_ZONE, DELETE_SHIPPING_ZONE, FULFIL_ORDER, MARK_DELIVERED, CANCEL_ORDER, REFUND_ORDER, REQUEST_RETURN,
    DECIDE_RETURN, RECEIVE_RETURN);

  /** Where each checkout event is published (from its {@code @EventName}), for in-memory listeners. */
  public static final class Events {
    public static final String ORDER_PLACED = EventTypes.address(OrderPlaced.class);
    public static final String PAYMENT_SUCCEEDED = EventTypes.address(PaymentSucceeded.class);

    /** Published (not logged) after every change of an order, with its id as body: live pages listen there. */
    public static String changed(java.util.UUID orderId) {
      return "checkout.order-changed." + orderId;
    }

    private Events() {
    }
  }

  private CheckoutApi() {
  }
}
