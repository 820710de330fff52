package io.kinetic.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The embedded default's "mail server": each mail becomes {@code <key>.eml} in a directory (the
 * whole MIME message, as it would have gone over SMTP; any mail program opens it). Written to a
 * temporary file and moved into place, so a reader never sees half a mail; a mail delivered again
 * replaces its file. The three file operations are one blocking task (not three of Vert.x's file
 * system, each resolving its path again), and the directory is made when a write finds it missing.
 */
final class EmlDirectory implements MailTransport {

  private final Vertx vertx;
  private final Path directory;

  EmlDirectory(Vertx vertx, Path directory) {
    this.vertx = vertx;
    this.directory = directory.toAbsolutePath();
  }

  @Override
  public Future<Void> deliver(String key, MailMessage message) {
    String eml = new MailEncoder(message, "localhost").encode();
    Path file = directory.resolve(key + ".eml");
    Path partial = directory.resolve("." + key + ".eml.partial");
    byte[] bytes = eml.getBytes(StandardCharsets.UTF_8);
    return vertx.executeBlocking(() -> {
      try {
        Files.write(partial, bytes);
      } catch (NoSuchFileException missing) {
        Files.createDirectories(directory);
        Files.write(partial, bytes);
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    }, false);
  }

  @Override
  public String describe() {
    return directory + " (one .eml file per mail)";
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
