package io.kinetic.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Delivery over SMTP with Vert.x's mail client, configured from one URL:
 * {@code smtp://[user[:password]@]host[:port]} (port 25 by default, STARTTLS when the server offers
 * it) or {@code smtps://...} (TLS from the first byte, port 465 by default). User and password are
 * URL-decoded.
 */
final class SmtpTransport implements MailTransport {

  private final MailClient client;
  private final String described;

  private SmtpTransport(MailClient client, String described) {
    this.client = client;
    this.described = described;
  }

  static SmtpTransport create(Vertx vertx, String url) {
    URI uri = URI.create(url);
    boolean tls = "smtps".equals(uri.getScheme());
    var config = new MailConfig()
      .setHostname(uri.getHost())
      .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 25)
      .setSsl(tls)
      .setStarttls(tls ? StartTLSOptions.DISABLED : StartTLSOptions.OPTIONAL)
      .setConnectTimeout(10_000);
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      config.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        config.setPassword(decode(userInfo.substring(colon + 1)));
      }
    }
    return new SmtpTransport(MailClient.create(vertx, config), uri.getScheme() + "://" + uri.getHost() + ":" + config.getPort());
  }

  @Override
  public Future<Void> deliver(String key, MailMessage message) {
    return client.sendMail(message).mapEmpty();
  }

  @Override
  public String describe() {
    return described;
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
