package io.kinetic.server.stripe;

import com.stripe.net.Webhook;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for Stripe's remote API, speaking the part of it that the engine's
 * {@code StripeProvider} (stripe-java) uses, with Stripe's shapes and rules:
 * <ul>
 *   <li>{@code POST /v1/payment_intents} (form-encoded): a new PaymentIntent; the same
 *       {@code Idempotency-Key} answers the same intent (different parameters with a used key: 400
 *       {@code idempotency_error}), as does every POST with a key Stripe saw before;</li>
 *   <li>{@code GET /v1/payment_intents/{id}}, with {@code expand[]=latest_charge} (the charge with
 *       {@code amount_refunded}) or without (its id);</li>
 *   <li>{@code POST /v1/payment_intents/{id}/cancel}: only before success and not while processing
 *       (400 {@code payment_intent_unexpected_state});</li>
 *   <li>{@code POST /v1/refunds}: of a succeeded intent, never more than was captured (400
 *       {@code charge_already_refunded} / {@code amount_too_large}).</li>
 * </ul>
 * Requests without the secret key are refused (401). Tests can {@link #plan} faults for the creation
 * of an intent (an error; the answer lost after the intent was made). Tests move intents ({@link #succeed},
 * {@link #fail}, {@link #processing}, {@link #refundOutside}) and build webhook events as Stripe
 * sends them ({@link #intentEvent}, {@link #refundedEvent}, {@link #disputeEvent}), signed with
 * {@link #sign} (also with a chosen time, or another secret). Everything is answered on one event
 * loop; the test thread's calls are synchronized with it.
 */
public final class FakeStripe implements AutoCloseable {

  public static final String API_VERSION = com.stripe.Stripe.API_VERSION;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** A PaymentIntent as Stripe keeps it (with its one charge, once it succeeded). */
  private static final class Pi {
    final String id;
    final long amount;
    final String currency;
    final String clientSecret;
    final long created;
    final String description;
    final JsonObject metadata;
    String status = "requires_payment_method";
    String chargeId;
    long refunded;
    JsonObject lastError;

    Pi(String id, long amount, String currency, String description, JsonObject metadata) {
      this.id = id;
      this.amount = amount;
      this.currency = currency;
      this.clientSecret = id + "_secret_" + random(24);
      this.created = now();
      this.description = description;
      this.metadata = metadata;
    }
  }

  private int browserConfirms;

  /** A refund the fake made: through the API (with its idempotency key) or outside it (the dashboard). */
  public record Refund(String id, String intentId, long amount, String idempotencyKey) {
  }

  /** A stored answer to a POST with an Idempotency-Key. */
  private record Stored(String path, Map<String, String> params, int status, JsonObject body) {
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final String secretKey;
  private final String webhookSecret;
  private final Map<String, Pi> intents = new LinkedHashMap<>();
  private final Map<String, Stored> idempotent = new HashMap<>();
  private final List<Refund> refunds = new ArrayList<>();
  private final Map<String, Integer> createRequests = new HashMap<>();
  private final Map<String, Integer> retrieves = new HashMap<>();
  /** Faults planned for creations of intents of an amount: in the order they come. */
  private final Map<Long, List<Fault>> faults = new HashMap<>();

  /** What can go wrong with a creation of an intent. */
  public enum Fault {
    /** Stripe answers 500 (api_error) and creates nothing; an answer Stripe does not keep for the key. */
    ERROR,
    /** Stripe creates the intent (and keeps the answer for the key), but the connection drops before it is answered. */
    LOST_ANSWER
  }

  private FakeStripe(Vertx vertx, HttpServer server, String secretKey, String webhookSecret) {
    this.vertx = vertx;
    this.server = server;
    this.secretKey = secretKey;
    this.webhookSecret = webhookSecret;
  }

  /** A fake Stripe on a free port of 127.0.0.1, taking {@code secretKey} and signing with {@code webhookSecret}. */
  public static FakeStripe start(String secretKey, String webhookSecret) throws Exception {
    Vertx vertx = Vertx.vertx();
    var holder = new FakeStripe[1];
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    // what the browser calls (no secret key): Stripe.js itself, and confirming an intent with its client secret
    router.get("/v3/").handler(rc -> rc.response().putHeader("Content-Type", "application/javascript; charset=utf-8")
      .end(stripeJs(holder[0].apiBase())));
    router.post("/v1/payment_intents/:id/confirm").handler(rc -> holder[0].confirmFromBrowser(rc));
    router.route().handler(rc -> holder[0].authorize(rc));
    router.post("/v1/payment_intents").handler(rc -> holder[0].idempotent(rc, holder[0]::create));
    router.get("/v1/payment_intents/:id").handler(rc -> holder[0].retrieve(rc));
    router.post("/v1/payment_intents/:id/cancel").handler(rc -> holder[0].idempotent(rc, holder[0]::cancel));
    router.post("/v1/refunds").handler(rc -> holder[0].idempotent(rc, holder[0]::refund));
    router.route().handler(rc -> error(rc, 404, "invalid_request_error", "resource_missing",
      "Unrecognized request URL (" + rc.request().method() + ": " + rc.request().path() + ")"));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    holder[0] = new FakeStripe(vertx, server, secretKey, webhookSecret);
    return holder[0];
  }

  /** What the engine's {@code stripe.apiBase} is set to. */
  public String apiBase() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public String webhookSecret() {
    return webhookSecret;
  }

  // ---- the API ------------------------------------------------------------------------------

  private void authorize(RoutingContext rc) {
    String auth = rc.request().getHeader("Authorization");
    if (!("Bearer " + secretKey).equals(auth)) {
      error(rc, 401, "invalid_request_error", null, "Invalid API Key provided");
      return;
    }
    rc.next();
  }

  /** An answer: its status and body. */
  private record Answer(int status, JsonObject body) {
  }

  private interface Action {
    Answer run(RoutingContext rc, Map<String, String> params);
  }

  /**
   * Runs a POST once per Idempotency-Key: a repeat (also a concurrent one: the loop runs one at a
   * time) is answered what the first was; the same key with other parameters fails as at Stripe.
   */
  private void idempotent(RoutingContext rc, Action action) {
    Map<String, String> params = new TreeMap<>();
    MultiMap form = rc.request().formAttributes();
    form.forEach(e -> params.put(e.getKey(), e.getValue()));
    String key = rc.request().getHeader("Idempotency-Key");
    Answer answer;
    Fault fault = null;
    synchronized (this) {
      if (rc.request().path().equals("/v1/payment_intents")) {
        createRequests.merge(params.getOrDefault("amount", ""), 1, Integer::sum);
      }
      Stored stored = key == null ? null : idempotent.get(key);
      if (stored != null) {
        if (!stored.path().equals(rc.request().path()) || !stored.params().equals(params)) {
          answer = new Answer(400, errorBody("idempotency_error", null, "Keys for idempotent requests can only be used with the"
            + " same parameters they were first used with. Try using a key other than '" + key + "' if you meant to execute a"
            + " different request."));
        } else {
          answer = new Answer(stored.status(), stored.body());
          rc.response().putHeader("Idempotent-Replayed", "true");
        }
      } else {
        fault = rc.request().path().equals("/v1/payment_intents") ? nextFault(params.get("amount")) : null;
        answer = fault == Fault.ERROR
          ? new Answer(500, errorBody("api_error", null, "An unknown error occurred (fake Stripe, as planned)"))
          : action.run(rc, params);
        if (key != null && answer.status() < 500) {
          idempotent.put(key, new Stored(rc.request().path(), params, answer.status(), answer.body()));
        }
      }
    }
    if (fault == Fault.LOST_ANSWER) {
      rc.request().connection().close();
      return;
    }
    reply(rc, answer);
  }

  private Fault nextFault(String amount) {
    List<Fault> planned = amount == null || !amount.matches("\\d+") ? null : faults.get(Long.parseLong(amount));
    return planned == null || planned.isEmpty() ? null : planned.remove(0);
  }

  /**
   * Plans what goes wrong with the next creations of intents for {@code amount} (first come,
   * first served; other amounts are not touched, so tests running alongside are not either).
   */
  public synchronized void plan(long amount, Fault... next) {
    faults.computeIfAbsent(amount, a -> new ArrayList<>()).addAll(List.of(next));
  }

  private Answer create(RoutingContext rc, Map<String, String> p) {
    long amount;
    try {
      amount = Long.parseLong(p.getOrDefault("amount", ""));
    } catch (NumberFormatException e) {
      return new Answer(400, errorBody("invalid_request_error", "parameter_missing", "Missing required param: amount."));
    }
    String currency = p.get("currency");
    if (amount < 1) {
      return new Answer(400, errorBody("invalid_request_error", "amount_too_small", "Amount must be at least 1"));
    }
    if (currency == null || !currency.matches("[a-z]{3}")) {
      return new Answer(400, errorBody("invalid_request_error", "parameter_invalid_string", "Invalid currency: " + currency));
    }
    var metadata = new JsonObject();
    p.forEach((k, v) -> {
      if (k.startsWith("metadata[") && k.endsWith("]")) {
        metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
      }
    });
    Pi pi = new Pi("pi_" + random(24), amount, currency, p.get("description"), metadata);
    intents.put(pi.id, pi);
    return new Answer(200, json(pi, false, pi.status));
  }

  private void retrieve(RoutingContext rc) {
    boolean expand = false;
    for (var e : rc.queryParams()) {
      if (e.getKey().matches("expand\\[\\d*]") && "latest_charge".equals(e.getValue())) {
        expand = true;
      }
    }
    Answer answer;
    synchronized (this) {
      retrieves.merge(rc.pathParam("id") + (expand ? "+latest_charge" : ""), 1, Integer::sum);
      Pi pi = intents.get(rc.pathParam("id"));
      answer = pi == null ? missing("payment_intent", rc.pathParam("id")) : new Answer(200, json(pi, expand, pi.status));
    }
    reply(rc, answer);
  }

  private Answer cancel(RoutingContext rc, Map<String, String> p) {
    Pi pi = intents.get(rc.pathParam("id"));
    if (pi == null) {
      return missing("payment_intent", rc.pathParam("id"));
    }
    if (!List.of("requires_payment_method", "requires_confirmation", "requires_action", "requires_capture").contains(pi.status)) {
      return new Answer(400, errorBody("invalid_request_error", "payment_intent_unexpected_state",
        "You cannot cancel this PaymentIntent because it has a status of " + pi.status + "."));
    }
    pi.status = "canceled";
    pi.lastError = null;
    return new Answer(200, json(pi, false, pi.status));
  }

  private Answer refund(RoutingContext rc, Map<String, String> p) {
    Pi pi = intents.get(p.getOrDefault("payment_intent", ""));
    if (pi == null) {
      return missing("payment_intent", p.get("payment_intent"));
    }
    if (!"succeeded".equals(pi.status) || pi.chargeId == null) {
      return new Answer(400, errorBody("invalid_request_error", "payment_intent_unexpected_state",
        "This PaymentIntent (" + pi.id + ") does not have a successful charge to refund."));
    }
    long left = pi.amount - pi.refunded;
    if (left <= 0) {
      return new Answer(400, errorBody("invalid_request_error", "charge_already_refunded",
        "Charge " + pi.chargeId + " has already been refunded."));
    }
    long amount = p.containsKey("amount") ? Long.parseLong(p.get("amount")) : left;
    if (amount < 1 || amount > left) {
      return new Answer(400, errorBody("invalid_request_error", "amount_too_large", "Refund amount (" + amount
        + ") is greater than unrefunded amount on charge (" + left + ")"));
    }
    pi.refunded += amount;
    var refund = new Refund("re_" + random(24), pi.id, amount, rc.request().getHeader("Idempotency-Key"));
    refunds.add(refund);
    return new Answer(200, new JsonObject().put("id", refund.id()).put("object", "refund").put("amount", amount)
      .put("charge", pi.chargeId).put("currency", pi.currency).put("created", now()).put("metadata", new JsonObject())
      .put("payment_intent", pi.id).put("reason", p.get("reason")).put("status", "succeeded"));
  }

  private static Answer missing(String what, String id) {
    return new Answer(404, errorBody("invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'"));
  }

  private static void reply(RoutingContext rc, Answer answer) {
    rc.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
      .putHeader("Request-Id", "req_" + random(14)).putHeader("Stripe-Version", API_VERSION)
      .end(answer.body().encodePrettily());
  }

  private static void error(RoutingContext rc, int status, String type, String code, String message) {
    reply(rc, new Answer(status, errorBody(type, code, message)));
  }

  private static JsonObject errorBody(String type, String code, String message) {
    var error = new JsonObject().put("type", type).put("message", message);
    if (code != null) {
      error.put("code", code);
    }
    return new JsonObject().put("error", error);
  }

  // ---- Stripe's objects ---------------------------------------------------------------------

  /** The intent as JSON, as it stands or as it stood in {@code status} (an event's snapshot). */
  private static JsonObject json(Pi pi, boolean expandCharge, String status) {
    boolean paid = "succeeded".equals(status) && pi.chargeId != null;
    Object latestCharge = pi.chargeId == null ? null : expandCharge ? charge(pi) : pi.chargeId;
    return new JsonObject().put("id", pi.id).put("object", "payment_intent").put("amount", pi.amount)
      .put("amount_capturable", 0).put("amount_received", paid ? pi.amount : 0)
      .put("automatic_payment_methods", new JsonObject().put("enabled", true).put("allow_redirects", "always"))
      .put("canceled_at", "canceled".equals(status) ? now() : null)
      .put("cancellation_reason", null).put("capture_method", "automatic_async").put("client_secret", pi.clientSecret)
      .put("confirmation_method", "automatic").put("created", pi.created).put("currency", pi.currency)
      .put("customer", null).put("description", pi.description)
      .put("last_payment_error", "requires_payment_method".equals(status) ? pi.lastError : null)
      .put("latest_charge", latestCharge).put("livemode", false).put("metadata", pi.metadata.copy())
      .put("payment_method", paid ? "pm_" + pi.id.substring(3) : null)
      .put("payment_method_types", new JsonArray().add("card")).put("status", status);
  }

  private static JsonObject charge(Pi pi) {
    return new JsonObject().put("id", pi.chargeId).put("object", "charge").put("amount", pi.amount)
      .put("amount_captured", pi.amount).put("amount_refunded", pi.refunded).put("captured", true)
      .put("created", pi.created).put("currency", pi.currency).put("livemode", false).put("paid", true)
      .put("payment_intent", pi.id).put("refunded", pi.refunded >= pi.amount).put("status", "succeeded")
      .put("metadata", pi.metadata.copy());
  }

  // ---- what the browser does (Stripe.js) ---------------------------------------------------------

  /**
   * A stand-in for Stripe.js v3, enough for the storefront's Payment Element: {@code Stripe(key)},
   * {@code elements({clientSecret}).create('payment').mount(selector)} (a card number field) and
   * {@code confirmPayment({elements, confirmParams, redirect})}, which confirms the intent here with
   * the publishable key and the client secret, as Stripe.js does against api.stripe.com.
   */
  static String stripeJs(String apiBase) {
    return """
      (function () {
        var api = '%s';
        window.Stripe = function (publishableKey) {
          return {
            elements: function (options) {
              var state = { clientSecret: options && options.clientSecret, input: null };
              return {
                _state: state,
                create: function () {
                  return {
                    mount: function (target) {
                      var host = typeof target === 'string' ? document.querySelector(target) : target;
                      var input = document.createElement('input');
                      input.setAttribute('data-testid', 'fake-stripe-card');
                      input.setAttribute('aria-label', 'Card number');
                      input.placeholder = '4242 4242 4242 4242';
                      host.appendChild(input);
                      state.input = input;
                    },
                    on: function () {}, destroy: function () {}, unmount: function () {}
                  };
                }
              };
            },
            confirmPayment: function (args) {
              var state = args.elements._state;
              var id = state.clientSecret.split('_secret_')[0];
              var body = new URLSearchParams();
              body.set('key', publishableKey);
              body.set('client_secret', state.clientSecret);
              body.set('payment_method_data[card][number]', state.input.value.replace(/\\s/g, ''));
              return fetch(api + '/v1/payment_intents/' + id + '/confirm', { method: 'POST', body: body })
                .then(function (r) { return r.json(); })
                .then(function (json) {
                  if (json.error) { return { error: json.error }; }
                  if (args.redirect !== 'if_required') { window.location.assign(args.confirmParams.return_url); }
                  return { paymentIntent: json };
                });
            }
          };
        };
      })();
      """.formatted(apiBase);
  }

  /** Stripe.js confirming an intent: the client secret stands for the secret key; 4242… pays, others are declined. */
  private synchronized void confirmFromBrowser(RoutingContext rc) {
    rc.response().putHeader("Access-Control-Allow-Origin", "*");
    var form = rc.request().formAttributes();
    Pi pi = intents.get(rc.pathParam("id"));
    if (pi == null || !pi.clientSecret.equals(form.get("client_secret")) || form.get("key") == null
      || !form.get("key").startsWith("pk_")) {
      reply(rc, missing("payment_intent", rc.pathParam("id")));
      return;
    }
    browserConfirms++;
    String number = String.valueOf(form.get("payment_method_data[card][number]"));
    if (!"requires_payment_method".equals(pi.status)) {
      reply(rc, new Answer(400, errorBody("invalid_request_error", "payment_intent_unexpected_state",
        "This PaymentIntent's status is " + pi.status + ".")));
      return;
    }
    if (number.equals("4242424242424242")) {
      succeed(pi.id);
      reply(rc, new Answer(200, json(pi, false, pi.status)));
      return;
    }
    fail(pi.id, "card_declined", "Your card was declined.");
    reply(rc, new Answer(402, errorBody("card_error", "card_declined", "Your card was declined.")));
  }

  /** How many confirmations came from the browser (Stripe.js). */
  public synchronized int browserConfirms() {
    return browserConfirms;
  }

  // ---- what happens at Stripe without the engine asking -------------------------------------

  /** The shopper paid (Stripe Elements confirmed the intent): it succeeds with one charge. */
  public synchronized void succeed(String intentId) {
    Pi pi = pi(intentId);
    pi.status = "succeeded";
    pi.lastError = null;
    if (pi.chargeId == null) {
      pi.chargeId = "ch_" + random(24);
    }
  }

  /** The payment is processing (e.g. a bank debit). */
  public synchronized void processing(String intentId) {
    pi(intentId).status = "processing";
  }

  /** An attempt failed: back to requires_payment_method with the card's error. */
  public synchronized void fail(String intentId, String code, String message) {
    Pi pi = pi(intentId);
    pi.status = "requires_payment_method";
    pi.lastError = new JsonObject().put("type", "card_error").put("code", code).put("decline_code", "generic_decline")
      .put("message", message);
  }

  /** A refund made outside the engine (the dashboard). */
  public synchronized Refund refundOutside(String intentId, long amount) {
    Pi pi = pi(intentId);
    if (!"succeeded".equals(pi.status) || pi.refunded + amount > pi.amount) {
      throw new IllegalStateException("cannot refund " + amount + " of " + pi.id + " (" + pi.status + ", " + pi.refunded + " refunded)");
    }
    pi.refunded += amount;
    var refund = new Refund("re_" + random(24), pi.id, amount, null);
    refunds.add(refund);
    return refund;
  }

  public synchronized String status(String intentId) {
    return pi(intentId).status;
  }

  public synchronized long refunded(String intentId) {
    return pi(intentId).refunded;
  }

  /** The intent as GET answers it (expanded). */
  public synchronized JsonObject intent(String intentId) {
    Pi pi = pi(intentId);
    return json(pi, true, pi.status);
  }

  /** Intents created (one per distinct creation, not per request). */
  public synchronized int intentsCreated() {
    return intents.size();
  }

  /** Requests to create an intent for {@code amount} (replays of a key and stripe-java's own retries included). */
  public synchronized int createRequests(long amount) {
    return createRequests.getOrDefault(Long.toString(amount), 0);
  }

  /** GETs of the intent that expanded its latest charge (the engine's retrieve always does). */
  public synchronized int expandedRetrieves(String intentId) {
    return retrieves.getOrDefault(intentId + "+latest_charge", 0);
  }

  /** Intents created for {@code amount}. */
  public synchronized List<String> intentsOfAmount(long amount) {
    return intents.values().stream().filter(pi -> pi.amount == amount).map(pi -> pi.id).toList();
  }

  public synchronized List<Refund> refunds() {
    return List.copyOf(refunds);
  }

  public synchronized List<Refund> refunds(String intentId) {
    return refunds.stream().filter(r -> r.intentId().equals(intentId)).toList();
  }

  /** The intent created with this metadata order id, or null. */
  public synchronized String intentOfOrder(String orderId) {
    return intents.values().stream().filter(pi -> orderId.equals(pi.metadata.getString("order_id"))).map(pi -> pi.id)
      .findFirst().orElse(null);
  }

  public synchronized List<String> intentsOfOrder(String orderId) {
    return intents.values().stream().filter(pi -> orderId.equals(pi.metadata.getString("order_id"))).map(pi -> pi.id).toList();
  }

  private Pi pi(String intentId) {
    Pi pi = intents.get(intentId);
    if (pi == null) {
      throw new IllegalArgumentException("the fake Stripe has no intent " + intentId);
    }
    return pi;
  }

  // ---- webhook events ---------------------------------------------------------------------

  /**
   * A {@code payment_intent.*} event as Stripe sends it: the intent as it stood when the event
   * happened ({@code succeeded}, {@code processing}, {@code payment_failed} (with its error),
   * {@code canceled}), whatever it is now.
   */
  public synchronized String intentEvent(String type, String intentId) {
    Pi pi = pi(intentId);
    String status = switch (type) {
      case "payment_intent.succeeded" -> "succeeded";
      case "payment_intent.processing" -> "processing";
      case "payment_intent.canceled" -> "canceled";
      case "payment_intent.payment_failed" -> "requires_payment_method";
      default -> pi.status;
    };
    JsonObject object = json(pi, false, status);
    if ("payment_intent.payment_failed".equals(type) && pi.lastError == null) {
      object.put("last_payment_error", new JsonObject().put("type", "card_error").put("code", "card_declined")
        .put("decline_code", "generic_decline").put("message", "Your card was declined."));
    }
    if ("payment_intent.succeeded".equals(type)) {
      object.put("amount_received", pi.amount).put("latest_charge", pi.chargeId == null ? "ch_" + pi.id.substring(3) : pi.chargeId);
    }
    return event(type, object);
  }

  /** {@code charge.refunded} with the charge as it stands (its {@code amount_refunded}: the total refunded so far). */
  public synchronized String refundedEvent(String intentId) {
    return refundedEvent(intentId, pi(intentId).refunded);
  }

  /** {@code charge.refunded} whose charge says {@code amountRefunded} in all. */
  public synchronized String refundedEvent(String intentId, long amountRefunded) {
    Pi pi = pi(intentId);
    if (pi.chargeId == null) {
      pi.chargeId = "ch_" + random(24);
    }
    JsonObject charge = charge(pi).put("amount_refunded", amountRefunded).put("refunded", amountRefunded >= pi.amount);
    return event("charge.refunded", charge);
  }

  /** {@code charge.dispute.created} over the whole amount. */
  public synchronized String disputeEvent(String intentId, String reason) {
    Pi pi = pi(intentId);
    if (pi.chargeId == null) {
      pi.chargeId = "ch_" + random(24);
    }
    return event("charge.dispute.created", new JsonObject().put("id", "dp_" + random(24)).put("object", "dispute")
      .put("amount", pi.amount).put("charge", pi.chargeId).put("currency", pi.currency).put("created", now())
      .put("livemode", false).put("payment_intent", pi.id).put("reason", reason).put("status", "needs_response"));
  }

  /** An event of any type around any object (e.g. a type checkout does not act on). */
  public static String event(String type, JsonObject object) {
    return new JsonObject().put("id", "evt_" + random(24)).put("object", "event").put("api_version", API_VERSION)
      .put("created", now()).put("data", new JsonObject().put("object", object)).put("livemode", false)
      .put("pending_webhooks", 1).put("request", new JsonObject().put("id", "req_" + random(14)).putNull("idempotency_key"))
      .put("type", type).encodePrettily();
  }

  /** A valid {@code Stripe-Signature} header for {@code payload}, signed now with the endpoint's secret. */
  public String sign(String payload) {
    return sign(payload, webhookSecret, now());
  }

  /** A {@code Stripe-Signature} header signed at {@code epochSeconds} (a stale one: more than 300 s ago). */
  public String sign(String payload, long epochSeconds) {
    return sign(payload, webhookSecret, epochSeconds);
  }

  public static String sign(String payload, String secret, long epochSeconds) {
    try {
      return Webhook.Signature.generateSignatureHeader(payload, secret, epochSeconds);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long now() {
    return System.currentTimeMillis() / 1000;
  }

  static String random(int length) {
    var out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
