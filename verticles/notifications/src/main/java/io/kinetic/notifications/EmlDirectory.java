package io.kinetic.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import java.nio.file.Path;

/**
 * The embedded default's "mail server": each mail becomes {@code <key>.eml} in a directory (the
 * whole MIME message, as it would have gone over SMTP; any mail program opens it). Written to a
 * temporary file and moved into place, so a reader never sees half a mail; a mail delivered again
 * replaces its file.
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
    String file = directory.resolve(key + ".eml").toString();
    String partial = directory.resolve("." + key + ".eml.partial").toString();
    var fs = vertx.fileSystem();
    return fs.mkdirs(directory.toString())
      .compose(v -> fs.writeFile(partial, Buffer.buffer(eml)))
      .compose(v -> fs.move(partial, file, new CopyOptions().setReplaceExisting(true).setAtomicMove(true)));
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
