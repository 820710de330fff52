package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Image upload through the real engine: real PNG and JPEG bytes are stored in the storefront's sizes
 * under content-hashed names and served with a year's cache; text, an over-long body, a damaged image
 * and a picture too large are refused with a problem and a stable code; only catalog and admin staff
 * may upload; a product's media list keeps the address and the storefront's product shows it.
 */
class MediaEndToEndTest {

  private static WebClient http;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    admin = login(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  @Test
  void aPngIsStoredInEverySizeAndServedWithALongCache() throws Exception {
    byte[] png = image(900, 600, false, "png");
    var stored = upload(png, admin);
    assertEquals(201, stored.statusCode(), stored.bodyAsString());
    JsonObject image = stored.bodyAsJsonObject();
    assertEquals("png", image.getString("format"));
    assertEquals(900, image.getInteger("width"));
    assertEquals(600, image.getInteger("height"));
    assertTrue(image.getString("url").matches("/media/[0-9a-f]{32}-1280\\.jpg"), image.encode());
    List<Integer> widths = image.getJsonArray("renditions").stream().map(JsonObject.class::cast).map(r -> r.getInteger("width")).toList();
    assertEquals(List.of(900, 640, 400, 160), widths, "never wider than the original");

    var file = http.get(image.getString("url")).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, file.statusCode());
    assertEquals("image/jpeg", file.getHeader("Content-Type"));
    assertEquals("public, max-age=31536000, immutable", file.getHeader("Cache-Control"));
    BufferedImage served = ImageIO.read(new ByteArrayInputStream(file.body().getBytes()));
    assertEquals(900, served.getWidth());
    assertEquals(600, served.getHeight());
    String thumbUrl = image.getJsonArray("renditions").getJsonObject(3).getString("url");
    BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(http.get(thumbUrl).send().await(10, TimeUnit.SECONDS).body().getBytes()));
    assertEquals(160, thumb.getWidth());
    assertEquals(107, thumb.getHeight());

    var again = upload(png, admin);
    assertEquals(image.getString("url"), again.bodyAsJsonObject().getString("url"), "the same bytes, the same address");
    assertEquals(404, http.get("/media/0123456789abcdef0123456789abcdef-1280.jpg").send().await(10, TimeUnit.SECONDS).statusCode());
    assertEquals(404, http.get("/media/..%2F..%2Fsecrets").send().await(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void aJpegAndATransparentPngKeepTheirKind() throws Exception {
    var jpeg = upload(image(2000, 1000, false, "jpg"), admin);
    assertEquals(201, jpeg.statusCode(), jpeg.bodyAsString());
    assertEquals("jpeg", jpeg.bodyAsJsonObject().getString("format"));
    assertEquals(1280, jpeg.bodyAsJsonObject().getJsonArray("renditions").getJsonObject(0).getInteger("width"));
    assertEquals(640, jpeg.bodyAsJsonObject().getJsonArray("renditions").getJsonObject(0).getInteger("height"));

    var transparent = upload(image(300, 300, true, "png"), admin);
    assertEquals(201, transparent.statusCode(), transparent.bodyAsString());
    assertTrue(transparent.bodyAsJsonObject().getString("url").endsWith("-1280.png"), "transparency stays: PNG");
    var file = http.get(transparent.bodyAsJsonObject().getString("url")).send().await(10, TimeUnit.SECONDS);
    assertEquals("image/png", file.getHeader("Content-Type"));
    assertTrue(ImageIO.read(new ByteArrayInputStream(file.body().getBytes())).getColorModel().hasAlpha());
  }

  @Test
  void whatIsNotAnImageIsRefusedWithAStableCode() throws Exception {
    byte[] text = "GIF? no, just a text file pretending to be an image.png".getBytes(StandardCharsets.UTF_8);
    assertProblem(upload(text, admin), 415, "UNSUPPORTED_MEDIA_TYPE");

    var wrongHeader = http.post("/api/v1/admin/media").bearerTokenAuthentication(admin).putHeader("Content-Type", "image/png")
      .sendBuffer(Buffer.buffer(image(10, 10, false, "png"))).await(10, TimeUnit.SECONDS);
    assertProblem(wrongHeader, 415, "UNSUPPORTED_MEDIA_TYPE");
    // the refusal names what this operation takes, not the JSON of the other operations
    assertEquals("send the body as application/octet-stream", wrongHeader.bodyAsJsonObject().getString("detail"));
    var empty = http.post("/api/v1/admin/media").bearerTokenAuthentication(admin).putHeader("Content-Type", "application/octet-stream")
      .send().await(10, TimeUnit.SECONDS);
    assertProblem(empty, 400, "VALIDATION_FAILED");
    assertEquals("body: a body is required (application/octet-stream)", empty.bodyAsJsonObject().getString("detail"));

    byte[] png = image(400, 400, false, "png");
    assertProblem(upload(Arrays.copyOf(png, 60), admin), 422, "MEDIA_INVALID");

    byte[] huge = image(20, 20, false, "png");
    // the IHDR chunk (after the 8-byte signature, length and type) says 20000 × 20000
    Buffer patched = Buffer.buffer(huge);
    patched.setInt(16, 20_000).setInt(20, 20_000);
    var tooBig = upload(patched.getBytes(), admin);
    assertProblem(tooBig, 422, "MEDIA_INVALID");

    byte[] tooLong = new byte[10 * 1024 * 1024 + 1];
    System.arraycopy(png, 0, tooLong, 0, png.length);
    assertProblem(upload(tooLong, admin), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void onlyCatalogAndAdminStaffUpload() throws Exception {
    byte[] png = image(50, 50, false, "png");
    assertProblem(http.post("/api/v1/admin/media").putHeader("Content-Type", "application/octet-stream")
      .sendBuffer(Buffer.buffer(png)).await(10, TimeUnit.SECONDS), 401, "UNAUTHENTICATED");
    String fulfilment = member("fulfilment");
    assertProblem(upload(png, fulfilment), 403, "FORBIDDEN");
    String catalog = member("catalog");
    assertEquals(201, upload(png, catalog).statusCode());
  }

  @Test
  void anUploadedImageInAProductsMediaReachesTheStorefront() throws Exception {
    String url = upload(image(640, 480, false, "jpg"), admin).bodyAsJsonObject().getString("url");
    String slug = "media-" + UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", slug).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Photographed").put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject())
      .put("media", new JsonArray().add(new JsonObject().put("url", url).put("alt", "A photo")))
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", slug.toUpperCase()).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1000).put("currency", "EUR"))).put("stockOnHand", 3)));
    var created = http.post("/api/v1/admin/products").bearerTokenAuthentication(admin).sendJsonObject(input).await(10, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    var shown = http.get("/api/v1/products/by-slug/" + slug).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, shown.statusCode(), shown.bodyAsString());
    assertEquals(url, shown.bodyAsJsonObject().getJsonArray("media").getJsonObject(0).getString("url"));
    assertTrue(http.get("/p/" + slug).send().await(10, TimeUnit.SECONDS).bodyAsString().contains(url), "og:image of the page");
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"), response.getHeader("Content-Type"));
    assertEquals(code, response.bodyAsJsonObject().getString("code"), response.bodyAsString());
    assertNotNull(response.bodyAsJsonObject().getString("detail"));
  }

  private static HttpResponse<Buffer> upload(byte[] bytes, String token) throws Exception {
    return http.post("/api/v1/admin/media").bearerTokenAuthentication(token).putHeader("Content-Type", "application/octet-stream")
      .sendBuffer(Buffer.buffer(bytes)).await(30, TimeUnit.SECONDS);
  }

  /** A picture with a gradient and a shape (so it compresses like a photo, not like a flat colour). */
  static byte[] image(int width, int height, boolean alpha, String format) throws Exception {
    var image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    for (int y = 0; y < height; y++) {
      g.setColor(new Color(40 + 150 * y / height, 90, 200 - 120 * y / height, alpha ? 128 : 255));
      g.drawLine(0, y, width, y);
    }
    g.setColor(new Color(250, 200, 40));
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  private static String member(String role) throws Exception {
    String email = "media-" + role + "-" + UUID.randomUUID() + "@kinetic.test";
    var invited = http.post("/api/v1/admin/staff").bearerTokenAuthentication(admin)
      .sendJsonObject(new JsonObject().put("email", email).put("name", "Media " + role).put("roles", new JsonArray().add(role)))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, invited.statusCode(), invited.bodyAsString());
    return login(email, invited.bodyAsJsonObject().getString("generatedPassword"));
  }

  private static String login(String email, String password) throws Exception {
    var login = http.post("/api/v1/admin/auth/login").sendJsonObject(new JsonObject().put("email", email).put("password", password))
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }
}
