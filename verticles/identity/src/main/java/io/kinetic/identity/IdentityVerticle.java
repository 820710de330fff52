package io.kinetic.identity;

import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.auth.DerivedKeys;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.PasswordResetRequested;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Serves every endpoint of {@link IdentityApi} with the records of
 * {@code io.kinetic.kernel.contract.identity}. Expects the {@code identity} schema to be migrated.
 * Business failures are replied as {@link Failure}s; anything unexpected is logged here and
 * replied as {@code INTERNAL}.
 */
public class IdentityVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(IdentityVerticle.class.getName());

  /** Expired refresh tokens are deleted this often, in batches, so the table stays bounded. */
  static final long PURGE_MILLIS = 3_600_000;
  private static final int PURGE_BATCH = 10_000;

  private final IdentitySettings settings;
  private LogConsumer audit;
  private PasswordResetService resets;
  private Pool pool;
  private RedisAPI redis;
  private long purgeTimer = -1;

  IdentityVerticle(IdentitySettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    var auth = settings.auth();
    pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), IdentityModule.SCHEMA);
    redis = RedisClients.pipelined(vertx, settings.redisUrl(), settings.redisPoolSize(), IdentityModule.SCHEMA);
    var hasher = new PasswordHasher(vertx, auth);
    var accounts = new AccountRepository(pool);
    var issuer = new TokenIssuer(Jwt.auth(vertx, auth), auth);
    var tokenRepository = new TokenRepository();
    var tokens = new TokenService(pool, accounts, tokenRepository, issuer, auth.refreshTtlSeconds(),
      auth.refreshReuseGraceSeconds());
    purgeTimer = vertx.setPeriodic(PURGE_MILLIS, id -> purgeExpired(tokenRepository));
    var accountService = new AccountService(accounts, hasher, new RegistrationLimiter(redis, auth));
    var login = new LoginService(accounts, hasher, new LoginLimiter(redis, auth), tokens);
    var staffRepository = new StaffRepository(pool, accounts);
    var staff = new StaffService(staffRepository, hasher);
    var staffAccess = new StaffAccessService(staffRepository, tokenRepository, vertx);
    var audit = new AuditLog(pool);
    var addresses = new AddressBookService(pool);
    var resets = new PasswordResetService(vertx, pool, accounts, tokenRepository, hasher, new ResetLimiter(redis, auth),
      DerivedKeys.derive(auth.jwtSecret(), PasswordResetRequested.KEY_PURPOSE), auth.resetTtlSeconds());
    this.resets = resets;
    var outbox = settings.outbox();
    this.audit = !settings.auditsOtherContexts() ? null : new LogConsumer(vertx, pool, new BusClient(vertx, settings.busTimeoutMillis()), CatalogAudit.CONSUMER,
      CatalogAudit.SOURCE, CatalogAudit::apply, outbox.batchSize(), outbox.pollMillis(), 3, CatalogAudit::skipPurged)
      .relaxCommits(); // audit rows only: redone from the catalog's log if lost
    return hasher.warmUp().compose(v -> Future.all(List.of(
      serve(IdentityApi.REGISTER_CUSTOMER, (q, caller) -> accountService.register(q)),
      serve(IdentityApi.CREATE_STAFF, (q, caller) -> staff.create(q, caller.correlationId())),
      serve(IdentityApi.GET_CUSTOMER, (q, caller) -> accountService.customer(q)),
      serve(IdentityApi.GET_STAFF, (q, caller) -> accountService.staff(q)),
      serve(IdentityApi.LOGIN, (q, caller) -> login.login(q)),
      serve(IdentityApi.REFRESH, (q, caller) -> tokens.refresh(q)),
      serve(IdentityApi.LOGOUT, (q, caller) -> tokens.logout(q)),
      serve(IdentityApi.INVITE_STAFF, (q, caller) -> staff.invite(q, caller.correlationId())),
      serve(IdentityApi.LIST_STAFF, (q, caller) -> staff.list(q)),
      serve(IdentityApi.SET_STAFF_ROLES, (q, caller) -> staffAccess.setRoles(q, caller.correlationId())),
      serve(IdentityApi.DEACTIVATE_STAFF, (q, caller) -> staffAccess.deactivate(q, caller.correlationId())),
      serve(IdentityApi.REACTIVATE_STAFF, (q, caller) -> staffAccess.reactivate(q, caller.correlationId())),
      serve(IdentityApi.LIST_AUDIT_LOG, (q, caller) -> audit.page(q)),
      serve(IdentityApi.LIST_STAFF_SESSIONS, (q, caller) -> staff.sessions(q)),
      serve(IdentityApi.LIST_ADDRESSES, (q, caller) -> addresses.list(q)),
      serve(IdentityApi.SAVE_ADDRESS, (q, caller) -> addresses.save(q)),
      serve(IdentityApi.DELETE_ADDRESS, (q, caller) -> addresses.delete(q)),
      serve(IdentityApi.REQUEST_PASSWORD_RESET, (q, caller) -> resets.request(q, caller.correlationId())),
      serve(IdentityApi.RESET_PASSWORD, (q, caller) -> resets.reset(q)))))
      .compose(v -> this.audit == null ? Future.succeededFuture() : this.audit.start());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
    if (redis != null) {
      redis.close();
    }
    Future<Void> audited = audit == null ? Future.succeededFuture() : audit.stop();
    return audited.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  private void purgeExpired(TokenRepository tokens) {
    if (resets != null) {
      resets.purgeExpired(PURGE_BATCH).onFailure(t -> LOG.warning("password-reset token purge failed, will retry: " + t.getMessage()));
    }
    tokens.purgeExpired(pool, PURGE_BATCH)
      .onSuccess(n -> {
        if (n > 0) {
          LOG.info("purged " + n + " expired refresh tokens");
        }
      })
      .onFailure(t -> LOG.warning("refresh token purge failed, will retry: " + t.getMessage()));
  }

  private <Q, R> Future<Void> serve(Endpoint<Q, R> endpoint, BiFunction<Q, Caller, Future<R>> action) {
    return BusServer.serve(vertx, endpoint, action).completion();
  }
}
