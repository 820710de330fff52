package io.kinetic.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kinetic.kernel.embedded.FreePorts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailMessage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** COMMERCE_SMTP_URL with credentials, against an SMTP server that requires them (GreenMail). */
class SmtpTransportTest {

  private GreenMail smtp;
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() {
    port = FreePorts.find();
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.getManagers().getSmtpManager().getUserManager().setAuthRequired(true);
    smtp.setUser("shop@mail.example", "shop@mail.example", "p@ss:word");
    smtp.start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    smtp.stop();
    vertx.close();
  }

  private static MailMessage message() {
    return new MailMessage().setFrom("Shop <shop@mail.example>").setTo("ada@example.com").setSubject("Hello")
      .setText("plain").setHtml("<p>html</p>")
      .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", "<event-1@mail.example>"));
  }

  @Test
  void theUrlsUserAndPasswordAreUrlDecodedAndSent() throws Exception {
    var transport = SmtpTransport.create(vertx, "smtp://shop%40mail.example:p%40ss%3Aword@127.0.0.1:" + port);
    assertEquals("smtp://127.0.0.1:" + port, transport.describe(), "the password is never shown");
    transport.deliver("k", message()).await(20, TimeUnit.SECONDS);
    var received = smtp.getReceivedMessages();
    assertEquals(1, received.length);
    assertEquals("<event-1@mail.example>", received[0].getMessageID(), "our Message-ID, not the client's");
    transport.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aWrongPasswordFailsTheDelivery() {
    var transport = SmtpTransport.create(vertx, "smtp://shop%40mail.example:wrong@127.0.0.1:" + port);
    var failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
      () -> transport.deliver("k", message()).await(20, TimeUnit.SECONDS));
    assertTrue(smtp.getReceivedMessages().length == 0, String.valueOf(failure));
  }
}
