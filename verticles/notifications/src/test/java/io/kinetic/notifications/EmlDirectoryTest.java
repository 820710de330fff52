package io.kinetic.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail directory of the embedded default holds what only a mail's recipient may read (a
 * password-reset link): each mail owner-only, in a directory made owner-only when the engine makes it.
 */
class EmlDirectoryTest {

  @TempDir
  Path data;

  @Test
  void mailsAreOwnerOnly() throws Exception {
    Path mail = data.resolve("mail");
    Files.createDirectories(mail);
    Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxr-xr-x"));
    Vertx vertx = Vertx.vertx();
    try {
      var directory = new EmlDirectory(vertx, mail);
      var message = new MailMessage().setFrom("shop@example.com").setTo("ada@example.com").setSubject("Reset").setText("token");
      directory.deliver("reset-1", message).await(10, TimeUnit.SECONDS);
      assertTrue(Files.readString(mail.resolve("reset-1.eml")).contains("token"));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(mail.resolve("reset-1.eml"))));
      assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(mail)), "one that exists is left as it is");
      // a directory made anew is owner-only from the start
      Path fresh = data.resolve("fresh").resolve("mail");
      new EmlDirectory(vertx, fresh).deliver("m", message).await(10, TimeUnit.SECONDS);
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("m.eml"))));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
