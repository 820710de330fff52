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
import java.nio.file.attribute.PosixFilePermissions;

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
      if (!secured) {
        secure();
      }
      try {
        write(partial, bytes);
      } catch (NoSuchFileException missing) {
        secure();
        write(partial, bytes);
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    }, false);
  }

  /** Whether the directory exists and is owner-only (made so once per engine). */
  private volatile boolean secured;

  private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  /**
   * The directory, created owner-only (0700) when missing: a mail holds what only its recipient may
   * read (a password-reset link, an order's address), like {@code data/secrets}. One that exists is
   * left as it is (it may be a shared one staff configured); each mail in it is owner-only anyway.
   */
  private void secure() throws java.io.IOException {
    if (POSIX && !Files.isDirectory(directory)) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(directory);
    }
    secured = true;
  }

  /** {@code bytes} into {@code file}, created owner-only (0600) from the start. */
  private static void write(Path file, byte[] bytes) throws java.io.IOException {
    var options = java.util.Set.of(java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
      java.nio.file.StandardOpenOption.WRITE);
    try (var channel = POSIX
      ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
      : Files.newByteChannel(file, options)) {
      var buffer = java.nio.ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
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
