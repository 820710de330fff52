package io.kinetic.gateway.checkout;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.ListOrders;
import io.kinetic.kernel.contract.checkout.OrderPage;
import io.kinetic.kernel.contract.checkout.OrderSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The staff's CSV export of orders, streamed: the orders come page by page from the checkout's
 * list ({@code checkout.list-orders}, newest first, by cursor) and each page is written as it comes,
 * waiting while the client reads slower than the pages come; nothing is held in memory but one page.
 * A cell a spreadsheet would take for a formula is prefixed with an apostrophe (CSV injection).
 */
final class OrderCsv {

  private static final int PAGE = 100;
  private static final String HEADER =
    "number,placed_at,state,payment_status,email,customer_id,currency,total,items,ship_to_name,ship_to_country\r\n";

  private OrderCsv() {
  }

  static void stream(RoutingContext rc, BusClient bus, Caller caller, String state, Instant from, Instant to) {
    // the first page decides the status: a failure before any byte is written is a problem answer
    bus.request(CheckoutApi.LIST_ORDERS, new ListOrders(state, from, to, null, null, null, PAGE, null), caller)
      .onFailure(rc::fail)
      .onSuccess(first -> {
        HttpServerResponse response = rc.response();
        response.setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .putHeader("Content-Disposition", "attachment; filename=\"orders.csv\"");
        response.write(HEADER);
        write(response, first)
          .compose(v -> rest(response, bus, caller, state, from, to, first.nextCursor()))
          .onSuccess(v -> response.end())
          .onFailure(t -> response.reset()); // mid-stream: the client sees a broken download, not a short file
      });
  }

  private static Future<Void> rest(HttpServerResponse response, BusClient bus, Caller caller, String state, Instant from, Instant to,
                                   String cursor) {
    if (cursor == null || response.closed()) {
      return Future.succeededFuture();
    }
    return bus.request(CheckoutApi.LIST_ORDERS, new ListOrders(state, from, to, null, null, null, PAGE, cursor), caller)
      .compose(page -> write(response, page).compose(v -> rest(response, bus, caller, state, from, to, page.nextCursor())));
  }

  /** Writes a page, then waits for the client to drain the queue if it is full. */
  private static Future<Void> write(HttpServerResponse response, OrderPage page) {
    var buffer = Buffer.buffer(page.items().size() * 160);
    for (OrderSummary o : page.items()) {
      buffer.appendString(row(o));
    }
    response.write(buffer);
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    response.drainHandler(v -> drained.tryComplete());
    response.closeHandler(v -> drained.tryFail("the client went away"));
    return drained.future();
  }

  static String row(OrderSummary o) {
    return String.join(",", cell(o.number()), cell(DateTimeFormatter.ISO_INSTANT.format(o.placedAt())), cell(o.state()),
      cell(o.paymentStatus()), cell(o.email()), cell(o.customerId() == null ? "" : o.customerId().toString()),
      cell(o.total().currency()), Long.toString(o.total().amount()), Integer.toString(o.itemCount()), cell(o.shipToName()),
      cell(o.shipToCountry())) + "\r\n";
  }

  /** RFC 4180 quoting, and an apostrophe before what a spreadsheet would evaluate (=, +, -, @, tab, CR). */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char c = v.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
      v = "'" + v;
    }
    // quoted also with ';' and tab: a spreadsheet in a locale that separates by those (German Excel
    // splits on ';') would otherwise start a new cell there, and that one could be a formula
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
      || v.indexOf(';') >= 0 || v.indexOf('\t') >= 0) {
      v = '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
