package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An engine started without COMMERCE_JWT_SECRET and COMMERCE_ADMIN_PASSWORD keeps its generated
 * secrets in data/secrets, owner-only: also when that directory already existed world-readable.
 */
class SecretsPermissionsTest {

  @Test
  void generatedSecretsAndALooseExistingDirectoryEndUpOwnerOnly() throws Exception {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    String admin = "generated-admin-" + UUID.randomUUID() + "@kinetic.test";
    Map<String, String> env = EngineEnv.extra(admin, "unused");
    env.remove("COMMERCE_ADMIN_PASSWORD");
    env.remove("COMMERCE_JWT_SECRET");
    Path dataDir = Path.of(env.get("COMMERCE_EMBEDDED_DATA_DIR"));
    Path secrets = Files.createDirectories(dataDir.resolve("secrets"));
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path old = Files.writeString(secrets.resolve("left-over"), "from an older version");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

    Engine engine = Engine.start(env);
    Vertx vertx = Vertx.vertx();
    try {
      assertEquals("rwx------", mode(secrets));
      try (Stream<Path> files = Files.list(secrets)) {
        var names = files.peek(f -> assertEquals("rw-------", mode(f), f + " is owner-only"))
          .map(f -> f.getFileName().toString()).toList();
        assertTrue(names.containsAll(java.util.List.of("jwt-secret", "admin-credentials", "left-over")), names.toString());
      }
      var credentials = new Properties();
      credentials.load(Files.newBufferedReader(secrets.resolve("admin-credentials"), StandardCharsets.UTF_8));
      assertEquals(admin, credentials.getProperty("email"), "COMMERCE_ADMIN_EMAIL names the generated admin");
      var login = WebClient.create(vertx).post(engine.httpPort(), "127.0.0.1", "/api/v1/admin/auth/login")
        .sendJsonObject(new JsonObject().put("email", admin).put("password", credentials.getProperty("password")))
        .await(20, TimeUnit.SECONDS);
      assertEquals(200, login.statusCode(), "the password in the file is the admin's: " + login.bodyAsString());
    } finally {
      vertx.close();
      engine.stop();
    }
  }

  private static String mode(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
