package io.kinetic.identity;

import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.bus.Addresses;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.log.Logs;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves every {@link Addresses.Identity} address with the records of
 * {@code io.kinetic.kernel.contract.identity}. Expects the {@code identity} schema to be migrated.
 * Business failures are replied as {@link Failure}s; anything unexpected is logged here and
 * replied as {@code INTERNAL}.
 */
public class IdentityVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(IdentityVerticle.class.getName());

  /** Expired refresh tokens are deleted this often, in batches, so the table stays bounded. */
  static final long PURGE_MILLIS = 3_600_000;
  private static final int PURGE_BATCH = 10_000;

  private Pool pool;
  private RedisAPI redis;
  private long purgeTimer = -1;

  @Override
  public Future<?> start() {
    var config = AppConfig.from(config());
    var auth = config.auth();
    pool = PgPools.create(vertx, config.pg().url(), config.pg().poolSize(), IdentityModule.SCHEMA);
    redis = RedisClients.create(vertx, config.redis().url(), config.redis().poolSize());
    var hasher = new PasswordHasher(vertx, auth);
    var accounts = new AccountRepository(pool);
    var issuer = new TokenIssuer(Jwt.auth(vertx, auth), auth);
    var tokenRepository = new TokenRepository();
    var tokens = new TokenService(pool, accounts, tokenRepository, issuer, auth.refreshTtlSeconds());
    purgeTimer = vertx.setPeriodic(PURGE_MILLIS, id -> purgeExpired(tokenRepository));
    var accountService = new AccountService(accounts, hasher, new RegistrationLimiter(redis, auth));
    var login = new LoginService(accounts, hasher, new LoginLimiter(redis, auth), tokens);
    var staffRepository = new StaffRepository(pool, accounts);
    var staff = new StaffService(staffRepository, hasher);
    var staffAccess = new StaffAccessService(staffRepository, tokenRepository, vertx.eventBus());
    var audit = new AuditLog(pool);
    return hasher.warmUp().compose(v -> Future.all(List.of(
      serve(Addresses.Identity.REGISTER_CUSTOMER, accountService::register),
      serveTraced(Addresses.Identity.CREATE_STAFF, staff::create),
      serve(Addresses.Identity.GET_CUSTOMER, accountService::customer),
      serve(Addresses.Identity.GET_STAFF, accountService::staff),
      serve(Addresses.Identity.LOGIN, login::login),
      serve(Addresses.Identity.REFRESH, tokens::refresh),
      serve(Addresses.Identity.LOGOUT, tokens::logout),
      serveTraced(Addresses.Identity.INVITE_STAFF, staff::invite),
      serve(Addresses.Identity.LIST_STAFF, staff::list),
      serveTraced(Addresses.Identity.SET_STAFF_ROLES, staffAccess::setRoles),
      serveTraced(Addresses.Identity.DEACTIVATE_STAFF, staffAccess::deactivate),
      serveTraced(Addresses.Identity.REACTIVATE_STAFF, staffAccess::reactivate),
      serve(Addresses.Identity.LIST_AUDIT_LOG, audit::page),
      serve(Addresses.Identity.LIST_STAFF_SESSIONS, staff::sessions))));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
    if (redis != null) {
      redis.close();
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private void purgeExpired(TokenRepository tokens) {
    tokens.purgeExpired(pool, PURGE_BATCH)
      .onSuccess(n -> {
        if (n > 0) {
          LOG.info("purged " + n + " expired refresh tokens");
        }
      })
      .onFailure(t -> LOG.warning("refresh token purge failed, will retry: " + t.getMessage()));
  }

  private <T, R> Future<Void> serve(String address, Function<T, Future<R>> action) {
    return this.<T, R>serveTraced(address, (body, correlationId) -> action.apply(body));
  }

  /** As {@link #serve}, for actions that record the request's correlation id (audited staff actions). */
  private <T, R> Future<Void> serveTraced(String address, BiFunction<T, String, Future<R>> action) {
    return vertx.eventBus().<T>consumer(address, message -> handle(address, message, action)).completion();
  }

  private static <T, R> void handle(String address, Message<T> message, BiFunction<T, String, Future<R>> action) {
    String correlationId = message.headers().get(Headers.CORRELATION_ID);
    Future<R> result = message.body() == null
      ? Future.failedFuture(Failure.invalid("body", "must not be null"))
      : Future.succeededFuture(message.body()).compose(body -> action.apply(body, correlationId));
    result.onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result());
        return;
      }
      Throwable cause = done.cause();
      if (!(cause instanceof Failure)) {
        String cid = message.headers().get(Headers.CORRELATION_ID);
        LOG.log(Level.SEVERE, Logs.withCorrelation(cid, address + " failed"), cause);
      }
      Failure.from(cause).replyTo(message);
    });
  }
}
