package io.kinetic.notifications;

import io.kinetic.kernel.auth.DerivedKeys;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.identity.PasswordResetRequested;
import io.kinetic.kernel.contract.notifications.NotificationsApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The notifications context: the transactional e-mails (order confirmation, payment failed,
 * shipped, refunded, return updates, password reset), made from the checkout's and identity's
 * event logs, rendered per locale and delivered over SMTP or into {@code .eml} files. Schema
 * {@value #SCHEMA} ({@code classpath:db/notifications}), the contract {@link NotificationsApi},
 * one {@link NotificationsVerticle} per node (the consumers and senders of several nodes take turns
 * through row locks).
 */
public final class NotificationsModule implements ContextModule {

  public static final String SCHEMA = "notifications";
  private static final int POOL_SIZE = 4;

  @Override
  public Contract contract() {
    return NotificationsApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    return vertx.deployVerticle(new NotificationsVerticle(settings(config)));
  }

  static NotificationsSettings settings(AppConfig config) {
    return new NotificationsSettings(config.pg().url(), Math.min(POOL_SIZE, config.pg().poolSize()), config.mail(),
      config.outbox(), config.bus().timeoutMillis(), config.catalog().defaultLocale(),
      DerivedKeys.derive(config.auth().jwtSecret(), PasswordResetRequested.KEY_PURPOSE));
  }
}
