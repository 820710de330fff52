package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On the embedded default (no SMTP server configured) every e-mail is written as a {@code .eml}
 * file under {@code data/mail/}, where a newcomer finds it, and listed for staff.
 */
class MailFilesTest {

  @Test
  void withoutSmtpTheMailIsAnEmlFileInTheDataDirectory() throws Exception {
    WebClient http = RunningEngine.client();
    var shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    String email = "eml-" + UUID.randomUUID() + "@example.com";
    var registered = Shop.send(http.post("/api/v1/auth/register"),
      new JsonObject().put("email", email).put("password", "correct horse battery").put("name", "Emil"));
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    var requested = Shop.send(http.post("/api/v1/auth/password-reset").putHeader("Accept-Language", "de-DE"),
      new JsonObject().put("email", email));
    assertEquals(202, requested.statusCode(), requested.bodyAsString());

    Path mailDir = RunningEngine.runtimeFile().getParent().resolve("mail");
    String eml = Eventually.value("a .eml file for " + email, Duration.ofSeconds(20), () -> {
      if (!Files.isDirectory(mailDir)) {
        return null;
      }
      try (Stream<Path> files = Files.list(mailDir)) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
          String text = Files.readString(file, StandardCharsets.ISO_8859_1);
          if (text.contains(email)) {
            assertTrue(file.getFileName().toString().startsWith("password-reset-"), file.toString());
            return text;
          }
        }
      }
      return null;
    }, text -> text != null);
    assertTrue(eml.contains("Content-Language: de"), eml);
    assertTrue(eml.contains("Subject: "), eml);
    assertTrue(eml.contains("/reset-password/"), "the link is in the file (the mail as it would have been sent)");

    var list = http.get("/api/v1/admin/mails").addQueryParam("recipient", email).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    var items = list.bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals("password-reset", items.getJsonObject(0).getString("kind"));
    assertEquals("de", items.getJsonObject(0).getString("locale"));
    assertTrue(List.of("pending", "sent").contains(items.getJsonObject(0).getString("status")));

    // the admin GraphQL API lists it and shows it, the link masked
    String query = "query($r: String) { mails(recipient: $r, first: 5) { items { id kind locale subject status } nextCursor } }";
    var listed = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken())
      .sendJsonObject(new JsonObject().put("query", query).put("variables", new JsonObject().put("r", email)))
      .await(10, java.util.concurrent.TimeUnit.SECONDS);
    var mails = listed.bodyAsJsonObject().getJsonObject("data").getJsonObject("mails").getJsonArray("items");
    assertEquals(1, mails.size(), listed.bodyAsString());
    String id = mails.getJsonObject(0).getString("id");
    assertTrue(mails.getJsonObject(0).getString("subject").startsWith("Passwort zurücksetzen"), listed.bodyAsString());
    // a page size out of range names the schema's argument, not the context's
    var zero = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken())
      .sendJsonObject(new JsonObject().put("query", "{ mails(first: 0) { nextCursor } }")).await(10, java.util.concurrent.TimeUnit.SECONDS);
    var error = zero.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"), zero.bodyAsString());
    assertTrue(zero.bodyAsString().contains("first") && !zero.bodyAsString().contains("limit"), zero.bodyAsString());
    var one = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken())
      .sendJsonObject(new JsonObject().put("query", "{ mail(id: \"" + id + "\") { messageId text html mail { recipient createdAt } } }"))
      .await(10, java.util.concurrent.TimeUnit.SECONDS);
    var mail = one.bodyAsJsonObject().getJsonObject("data").getJsonObject("mail");
    assertEquals(email, mail.getJsonObject("mail").getString("recipient"), one.bodyAsString());
    assertTrue(mail.getString("text").contains("/reset-password/••••••••"), mail.getString("text"));
    assertTrue(mail.getString("messageId").endsWith("@localhost>"));
    var missing = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken())
      .sendJsonObject(new JsonObject().put("query", "{ mail(id: \"" + UUID.randomUUID() + "\") { messageId } }"))
      .await(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("MAIL_NOT_FOUND", missing.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), missing.bodyAsString());
  }

  /**
   * A card declined again and again (anyone holding a guest order's link can try) mails the order's
   * address once, not once per try.
   */
  @Test
  void manyDeclinedTriesMailTheOrdersAddressOnce() throws Exception {
    WebClient http = RunningEngine.client();
    var shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    String email = "declined-" + UUID.randomUUID() + "@example.com";
    var product = shop.product("PUBLISHED", 3);
    String guest = shop.add(null, Shop.variantId(product, 0), 1).getHeader("X-Cart-Token");
    var placed = CheckoutEndToEndTest.place(http, guest, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order(email, "DE", CheckoutEndToEndTest.GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    String orderId = placed.bodyAsJsonObject().getJsonObject("order").getString("id");
    String token = placed.bodyAsJsonObject().getString("accessToken");
    for (int i = 0; i < 5; i++) {
      var declined = Shop.send(http.post("/api/v1/orders/" + orderId + "/payment/test-card").putHeader("X-Order-Token", token),
        new JsonObject().put("card", "4000000000000002"));
      assertEquals(402, declined.statusCode(), declined.bodyAsString());
    }
    var failedMails = Eventually.value("the payment-failed mail", Duration.ofSeconds(20), () -> {
      var list = http.get("/api/v1/admin/mails").addQueryParam("recipient", email).bearerTokenAuthentication(shop.staffToken())
        .send().await(10, java.util.concurrent.TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("items");
      return list.stream().filter(m -> "payment-failed".equals(((JsonObject) m).getString("kind"))).count();
    }, n -> n > 0);
    Thread.sleep(2_000); // the other tries' events have long been read (the consumer passes every few ms)
    var list = http.get("/api/v1/admin/mails").addQueryParam("recipient", email).bearerTokenAuthentication(shop.staffToken())
      .send().await(10, java.util.concurrent.TimeUnit.SECONDS).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1L, list.stream().filter(m -> "payment-failed".equals(((JsonObject) m).getString("kind"))).count(),
      "one mail for five declined tries: " + list.encode());
    assertEquals(1L, failedMails);
  }

  @Test
  void badRequestsAndOtherPeopleGetClearProblems() throws Exception {
    WebClient http = RunningEngine.client();
    var shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    String staff = shop.staffToken();
    CartEndToEndTest.assertProblem(get(http, "/api/v1/admin/mails?status=bogus", staff), 400, "VALIDATION_FAILED");
    CartEndToEndTest.assertProblem(get(http, "/api/v1/admin/mails?after=not-a-cursor", staff), 400, "INVALID_CURSOR");
    CartEndToEndTest.assertProblem(get(http, "/api/v1/admin/mails?limit=0", staff), 400, "VALIDATION_FAILED");
    CartEndToEndTest.assertProblem(get(http, "/api/v1/admin/mails/not-a-uuid", staff), 400, "VALIDATION_FAILED");
    CartEndToEndTest.assertProblem(get(http, "/api/v1/admin/mails/" + UUID.randomUUID(), staff), 404, "MAIL_NOT_FOUND");
    var customer = get(http, "/api/v1/admin/mails", shop.customer());
    assertTrue(customer.statusCode() == 401 || customer.statusCode() == 403, customer.bodyAsString());
    CartEndToEndTest.assertProblem(Shop.send(http.post("/api/v1/auth/password-reset/confirm"),
      new JsonObject().put("password", "a long enough password")), 400, "VALIDATION_FAILED");
    CartEndToEndTest.assertProblem(Shop.send(http.post("/api/v1/auth/password-reset"),
      new JsonObject().put("email", "a@b.example").put("admin", true)), 400, "UNKNOWN_FIELD");
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> get(WebClient http, String uri, String token)
      throws Exception {
    return http.get(uri).bearerTokenAuthentication(token).send().await(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
