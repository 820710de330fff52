package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.checkout.ItemLine;
import io.kinetic.kernel.contract.checkout.OrderFulfilled;
import io.kinetic.kernel.contract.checkout.ReturnDecided;
import io.kinetic.kernel.contract.checkout.ReturnReceived;
import io.kinetic.kernel.contract.checkout.ReturnRequested;
import io.kinetic.kernel.embedded.FreePorts;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transactional e-mails end to end, against a real SMTP server (GreenMail) on a free port: real
 * orders through the checkout, the password reset through the shop's API, the events the order
 * operations will emit appended to the checkout's outbox; each mail read back from the server.
 */
class MailEndToEndTest {

  private static final String ADMIN = "mail-admin@kinetic.test";
  private static final String PASSWORD = "a-long-admin-password-mail";
  private static final Duration MAIL_WAIT = Duration.ofSeconds(20);
  /** The sender's bound on one delivery ({@code MailSender.DELIVERY_SECONDS}, package-private there). */
  private static final int DELIVERY_BOUND_SECONDS = 30;
  private static final Pattern RESET_LINK = Pattern.compile("/reset-password/([A-Za-z0-9_-]+)");

  private static int smtpPort;
  private static volatile GreenMail smtp;
  private static Engine engine;
  private static Vertx vertx;
  private static WebClient http;
  private static Shop shop;
  private static Pool notifications;
  private static Pool checkout;
  private static Pool identity;

  @BeforeAll
  static void start() throws Exception {
    smtpPort = FreePorts.find();
    smtp = startSmtp();
    var env = EngineEnv.extra(ADMIN, PASSWORD);
    env.put("COMMERCE_SMTP_URL", "smtp://127.0.0.1:" + smtpPort);
    env.put("COMMERCE_MAIL_POLL_MILLIS", "100");
    env.put("COMMERCE_MAIL_RETRY_BASE_MILLIS", "300");
    env.put("COMMERCE_MAIL_RETRY_MAX_MILLIS", "1000");
    env.put("COMMERCE_MAIL_SHOP_NAME", "Kinetic Test Shop");
    env.put("COMMERCE_OUTBOX_POLL_MILLIS", "200");
    engine = Engine.start(env);
    vertx = Vertx.vertx();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    shop = new Shop(http, ADMIN, PASSWORD);
    notifications = PgPools.create(vertx, env.get("COMMERCE_PG_URL"), 2, "notifications");
    checkout = PgPools.create(vertx, env.get("COMMERCE_PG_URL"), 2, "checkout");
    identity = PgPools.create(vertx, env.get("COMMERCE_PG_URL"), 2, "identity");
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  private static GreenMail startSmtp() {
    var server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @Test
  void aPaidOrderGetsOneConfirmationInItsLanguageEvenWhenItsEventsAreDeliveredThreeTimes() throws Exception {
    String email = "kundin-" + UUID.randomUUID() + "@example.com";
    JsonObject order = paidOrder(email, "de");
    String number = order.getString("number");

    MimeMessage confirmation = mailTo(email, 1).get(0);
    assertEquals("Ihre Bestellung " + number + " ist bestätigt", confirmation.getSubject());
    assertEquals(email, confirmation.getRecipients(Message.RecipientType.TO)[0].toString());
    assertEquals("de", confirmation.getHeader("Content-Language")[0]);
    String body = text(confirmation);
    assertTrue(body.contains("Vielen Dank") && body.contains("Gesamt"), body);
    assertTrue(body.contains("Kinetic Test Shop"), "the shop's name is in the mail");
    String messageId = confirmation.getMessageID();
    String paidEvent = scalar(notifications, "SELECT event_id::text FROM outgoing_mail WHERE lower(recipient) = $1", email);
    assertEquals("<" + paidEvent + "@localhost>", messageId, "the Message-ID is the event's, stable across deliveries");

    // the consumer reads the whole checkout log again, twice: every event is delivered three times
    for (int replay = 0; replay < 2; replay++) {
      replayCheckoutLog();
    }
    // the consumer has applied every event again: no second mail row exists, so none can be sent
    assertEquals(1L, count(notifications, "SELECT count(*) FROM outgoing_mail WHERE lower(recipient) = $1", email));
    assertEquals(1, mailTo(email, 1).size(), "one e-mail per event, however often the event is delivered");
    assertEquals("sent", scalar(notifications, "SELECT status FROM outgoing_mail WHERE lower(recipient) = $1", email));
  }

  /**
   * Orders placed and paid together reach the consumer in the same passes, whose contacts and mails
   * are written at the pass's end, each kind in one statement: every order gets its one
   * confirmation, addressed from the contact its own placement recorded, and each mail is marked
   * sent (the sender marks a batch's delivered mails in one statement too).
   */
  @Test
  void ordersPaidTogetherGetOneConfirmationEach() throws Exception {
    List<String> emails = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<JsonObject>> orders = new ArrayList<>();
    // shoppers side by side (the common pool may have one thread on a small machine)
    var shoppers = java.util.concurrent.Executors.newFixedThreadPool(6);
    for (int i = 0; i < 6; i++) {
      String email = "together-" + i + "-" + UUID.randomUUID() + "@example.com";
      emails.add(email);
      orders.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return paidOrder(email, "en");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, shoppers));
    }
    shoppers.shutdown();
    for (int i = 0; i < emails.size(); i++) {
      String number = orders.get(i).get(60, TimeUnit.SECONDS).getString("number");
      List<MimeMessage> mails = mailTo(emails.get(i), 1);
      assertEquals(1, mails.size());
      assertTrue(mails.get(0).getSubject().contains(number), mails.get(0).getSubject());
      assertEquals(number, scalar(notifications, "SELECT number FROM order_contact WHERE lower(email) = $1", emails.get(i)));
    }
    for (String email : emails) {
      Eventually.value("marked sent", () -> scalar(notifications, "SELECT status FROM outgoing_mail WHERE lower(recipient) = $1", email),
        "sent"::equals);
      assertEquals(1L, count(notifications, "SELECT count(*) FROM outgoing_mail WHERE lower(recipient) = $1", email));
    }
  }

  @Test
  void shippedAndReturnMailsCarryTheTrackingAndTheDecision() throws Exception {
    String email = "shopper-" + UUID.randomUUID() + "@example.com";
    JsonObject order = paidOrder(email, "en");
    UUID orderId = UUID.fromString(order.getString("id"));
    String number = order.getString("number");
    mailTo(email, 1);
    var line = order.getJsonArray("lines").getJsonObject(0);
    var lines = List.of(new ItemLine(UUID.fromString(line.getString("variantId")), UUID.fromString(line.getString("productId")),
      line.getString("sku"), line.getString("productName"), 1));
    UUID returnId = UUID.randomUUID();
    append(new OrderFulfilled(UUID.randomUUID(), Instant.now(), orderId, number, UUID.randomUUID(), lines, "DHL",
      "00340434161094042557", "https://tracking.example/00340434161094042557", "fulfilled", 10));
    append(new ReturnRequested(UUID.randomUUID(), Instant.now(), orderId, number, returnId, lines, "too small <b>sadly</b>", 11));
    append(new ReturnDecided(UUID.randomUUID(), Instant.now(), orderId, number, returnId, true, "Use the label inside", 12));
    append(new ReturnReceived(UUID.randomUUID(), Instant.now(), orderId, number, returnId, lines, true, 13));

    List<MimeMessage> mails = mailTo(email, 5);
    List<String> subjects = new ArrayList<>();
    for (MimeMessage mail : mails) {
      subjects.add(mail.getSubject());
    }
    assertTrue(subjects.contains("Your order " + number + " is on its way"), subjects.toString());
    assertTrue(subjects.contains("We received your return request for order " + number), subjects.toString());
    assertTrue(subjects.contains("Your return for order " + number + " is approved"), subjects.toString());
    assertTrue(subjects.contains("Your returned items for order " + number + " arrived"), subjects.toString());
    MimeMessage shipped = mails.get(subjects.indexOf("Your order " + number + " is on its way"));
    assertEquals("en", shipped.getHeader("Content-Language")[0]);
    String raw = text(shipped);
    assertTrue(raw.contains("00340434161094042557"), "the tracking number is in the mail");
    assertTrue(raw.contains("DHL"));
    MimeMessage requested = mails.get(subjects.indexOf("We received your return request for order " + number));
    String requestedRaw = text(requested);
    assertTrue(requestedRaw.contains("too small &lt;b&gt;sadly&lt;/b&gt;"), "the customer's text is escaped in the HTML part");
  }

  @Test
  void aMailIsRetriedWhenTheSmtpServerWasDown() throws Exception {
    String email = "retry-" + UUID.randomUUID() + "@example.com";
    String customer = register(email, "correct horse battery");
    assertNotNull(customer);
    smtp.stop();
    try {
      assertEquals(202, requestReset(email, "en").statusCode());
      // a delivery in flight when the server stopped may get no answer at all (the mail client
      // then never completes it): the sender counts it failed after its delivery bound, and only
      // then takes the next batch
      Eventually.until("a failed delivery attempt is recorded", MAIL_WAIT.plusSeconds(DELIVERY_BOUND_SECONDS), () -> {
        Row row = row(notifications, "SELECT status, attempts, last_error FROM outgoing_mail WHERE lower(recipient) = $1", email);
        return row != null && row.getInteger("attempts") >= 2 && row.getString("last_error") != null
          && "pending".equals(row.getString("status"));
      });
    } finally {
      smtp = startSmtp();
    }
    MimeMessage mail = mailTo(email, 1).get(0);
    assertTrue(mail.getSubject().startsWith("Reset your password"), mail.getSubject());
    Eventually.until("the mail is marked sent", MAIL_WAIT,
      () -> "sent".equals(scalar(notifications, "SELECT status FROM outgoing_mail WHERE lower(recipient) = $1", email)));

    // a sender that died after the server accepted the mail, before marking it: its claim runs out and
    // the mail goes again, with the same Message-ID, by which mail programs drop the duplicate
    notifications.preparedQuery("UPDATE outgoing_mail SET status = 'pending', next_attempt_at = now() WHERE lower(recipient) = $1")
      .execute(Tuple.of(email)).await(10, TimeUnit.SECONDS);
    List<MimeMessage> both = mailTo(email, 2);
    assertEquals(both.get(0).getMessageID(), both.get(1).getMessageID());
  }

  @Test
  void aForgottenPasswordIsResetOnceWithTheLinkFromTheMail() throws Exception {
    String email = "forgetful-" + UUID.randomUUID() + "@example.com";
    register(email, "the old password 1");
    var oldLogin = login(email, "the old password 1");
    assertEquals(200, oldLogin.statusCode());
    String oldRefresh = oldLogin.bodyAsJsonObject().getString("refreshToken");

    var known = requestReset(email, "en");
    var unknown = requestReset("nobody-" + UUID.randomUUID() + "@example.com", "en");
    assertEquals(202, known.statusCode(), known.bodyAsString());
    assertEquals(202, unknown.statusCode());
    assertEquals(known.bodyAsString(), unknown.bodyAsString(), "the same answer whether or not the account exists");
    assertProblem(requestReset("not-an-address", "en"), 400, "VALIDATION_FAILED");

    MimeMessage mail = mailTo(email, 1).get(0);
    assertEquals("Reset your password at Kinetic Test Shop", mail.getSubject());
    Matcher link = RESET_LINK.matcher(text(mail));
    assertTrue(link.find(), "the mail has the reset link");
    String token = link.group(1);

    String logged = scalar(identity, "SELECT payload::text FROM outbox WHERE payload->>'email' = $1", email);
    assertTrue(logged.contains("sealedToken"), logged);
    assertFalse(logged.contains(token), "the token is not in the event log in clear");
    assertFalse(scalarOrNull(notifications, "SELECT model::text FROM outgoing_mail WHERE lower(recipient) = $1", email).contains(token),
      "nor in the mail's row");

    assertProblem(reset(token, "short"), 400, "WEAK_PASSWORD");
    var done = reset(token, "a brand new password");
    assertEquals(200, done.statusCode(), done.bodyAsString());
    assertEquals(email, done.bodyAsJsonObject().getString("email"));
    assertProblem(login(email, "the old password 1"), 401, "INVALID_CREDENTIALS");
    assertEquals(200, login(email, "a brand new password").statusCode());
    assertProblem(Shop.send(http.post("/api/v1/auth/refresh"), new JsonObject().put("refreshToken", oldRefresh)), 401, "TOKEN_INVALID");
    assertProblem(reset(token, "yet another password"), 400, "RESET_TOKEN_INVALID");
    assertProblem(reset("forged-token", "yet another password"), 400, "RESET_TOKEN_INVALID");

    // staff see the mail, sent, with the link masked
    var list = http.get("/api/v1/admin/mails").addQueryParam("recipient", email).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    JsonObject summary = list.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("password-reset", summary.getString("kind"));
    Eventually.until("the mail is marked sent", MAIL_WAIT, () -> "sent".equals(http.get("/api/v1/admin/mails/" + summary.getString("id"))
      .bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS).bodyAsJsonObject()
      .getJsonObject("mail").getString("status")));
    var one = http.get("/api/v1/admin/mails/" + summary.getString("id")).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, TimeUnit.SECONDS);
    assertFalse(one.bodyAsString().contains(token), "staff never see a reset token");
    assertTrue(one.bodyAsJsonObject().getString("text").contains("/reset-password/"));
    assertProblem(http.get("/api/v1/admin/mails").send().await(10, TimeUnit.SECONDS), 401, "UNAUTHENTICATED");

    // the shop's GraphQL API gives the same answers
    var gql = Shop.send(http.post("/graphql"), new JsonObject().put("query",
      "mutation { requestPasswordReset(email: \"nobody@example.com\") { __typename ... on PasswordResetAccepted { validMinutes } } }"));
    assertEquals("PasswordResetAccepted", gql.bodyAsJsonObject().getJsonObject("data").getJsonObject("requestPasswordReset")
      .getString("__typename"), gql.bodyAsString());
    var refused = Shop.send(http.post("/graphql"), new JsonObject().put("query",
      "mutation { resetPassword(token: \"" + token + "\", password: \"whatever password\") { __typename ... on Problem { code } } }"));
    assertEquals("RESET_TOKEN_INVALID", refused.bodyAsJsonObject().getJsonObject("data").getJsonObject("resetPassword")
      .getString("code"), refused.bodyAsString());
  }

  @Test
  void resetRequestsAreLimitedPerAddressAlikeForUnknownOnes() throws Exception {
    String known = "limited-" + UUID.randomUUID() + "@example.com";
    register(known, "correct horse battery");
    String unknown = "unknown-" + UUID.randomUUID() + "@example.com";
    for (String email : List.of(known, unknown)) {
      for (int i = 0; i < 5; i++) {
        assertEquals(202, requestReset(email, "en").statusCode());
      }
      assertProblem(requestReset(email, "en"), 429, "RATE_LIMITED");
    }
  }

  private static JsonObject paidOrder(String email, String language) throws Exception {
    var product = shop.product("PUBLISHED", 10);
    String guest = shop.add(null, Shop.variantId(product, 0), 2).getHeader("X-Cart-Token");
    var placed = Shop.withCart(http.post("/api/v1/checkout/orders"), guest)
      .putHeader("Idempotency-Key", UUID.randomUUID().toString()).putHeader("Accept-Language", language)
      .sendJsonObject(CheckoutEndToEndTest.order(email, "DE", CheckoutEndToEndTest.GERMANY_STANDARD)).await(20, TimeUnit.SECONDS);
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    JsonObject order = placed.bodyAsJsonObject().getJsonObject("order");
    String token = placed.bodyAsJsonObject().getString("accessToken");
    var paid = http.post("/api/v1/orders/" + order.getString("id") + "/payment/test-card").putHeader("X-Order-Token", token)
      .sendJsonObject(new JsonObject().put("card", "4242 4242 4242 4242")).await(10, TimeUnit.SECONDS);
    assertEquals(200, paid.statusCode(), paid.bodyAsString());
    return order;
  }

  /** The mails GreenMail received for {@code email}, once there are at least {@code atLeast}. */
  private static List<MimeMessage> mailTo(String email, int atLeast) {
    return Eventually.value(atLeast + " e-mail(s) to " + email, MAIL_WAIT, () -> {
      List<MimeMessage> found = new ArrayList<>();
      for (MimeMessage message : smtp.getReceivedMessages()) {
        if (Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(email))) {
          found.add(message);
        }
      }
      return found;
    }, found -> found.size() >= atLeast);
  }

  /** The decoded text of every text part (plain and HTML) of a message. */
  private static String text(jakarta.mail.Part part) throws Exception {
    Object content = part.getContent();
    if (content instanceof jakarta.mail.Multipart multipart) {
      var out = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        out.append(text(multipart.getBodyPart(i))).append('\n');
      }
      return out.toString();
    }
    return content instanceof String s ? s : "";
  }

  private static void append(DomainEvent event) throws Exception {
    checkout.withTransaction(tx -> Outbox.append(tx, event, Caller.SYSTEM)).await(10, TimeUnit.SECONDS);
  }

  /** Moves the consumer back to the start of the checkout's log and waits until it read all of it again. */
  private static void replayCheckoutLog() throws Exception {
    long head = count(checkout, "SELECT coalesce(max(position), 0) FROM outbox WHERE event_type LIKE $1", "checkout.%");
    notifications.withTransaction(tx -> LogConsumer.setCheckpoint(tx, "notifications.checkout", "checkout", 0))
      .await(10, TimeUnit.SECONDS);
    Eventually.until("the consumer read the checkout log again", MAIL_WAIT, () -> count(notifications,
      "SELECT coalesce(max(position), 0) FROM event_checkpoint WHERE consumer = $1", "notifications.checkout") >= head);
  }

  private static String register(String email, String password) throws Exception {
    var registered = Shop.send(http.post("/api/v1/auth/register"),
      new JsonObject().put("email", email).put("password", password).put("name", "Mia"));
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    return registered.bodyAsJsonObject().getString("id");
  }

  private static HttpResponse<Buffer> login(String email, String password) throws Exception {
    return Shop.send(http.post("/api/v1/auth/login"), new JsonObject().put("email", email).put("password", password));
  }

  private static HttpResponse<Buffer> requestReset(String email, String language) throws Exception {
    return Shop.send(http.post("/api/v1/auth/password-reset").putHeader("Accept-Language", language),
      new JsonObject().put("email", email));
  }

  private static HttpResponse<Buffer> reset(String token, String password) throws Exception {
    return Shop.send(http.post("/api/v1/auth/password-reset/confirm"),
      new JsonObject().put("token", token).put("password", password));
  }

  private static Row row(Pool pool, String sql, Object param) throws Exception {
    var rows = pool.preparedQuery(sql).execute(Tuple.of(param)).await(10, TimeUnit.SECONDS);
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private static String scalar(Pool pool, String sql, Object param) throws Exception {
    String value = scalarOrNull(pool, sql, param);
    assertNotNull(value, sql);
    return value;
  }

  private static String scalarOrNull(Pool pool, String sql, Object param) throws Exception {
    Row row = row(pool, sql, param);
    return row == null ? null : String.valueOf(row.getValue(0));
  }

  private static long count(Pool pool, String sql, Object param) throws Exception {
    Row row = row(pool, sql, param);
    return row == null ? 0 : row.getLong(0);
  }
}
