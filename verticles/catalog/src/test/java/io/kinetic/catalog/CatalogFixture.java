package io.kinetic.catalog;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * One Vert.x with the catalog verticle deployed (as the composition root does it: contracts,
 * migrations, then the verticle) for every test class of this JVM. Tests talk to it over the
 * event bus only; {@link #sql} is for the few tests that must change rows behind its back.
 */
final class CatalogFixture {

  private static CatalogFixture instance;

  final Vertx vertx;
  final AppConfig config;
  final BusClient bus;
  final Pool sql;

  private CatalogFixture(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.bus = new BusClient(vertx, 10_000);
    this.sql = PgPools.create(vertx, config.pg().url(), 2, CatalogModule.SCHEMA);
  }

  static synchronized CatalogFixture get() {
    if (instance == null) {
      AppConfig config = TestServices.get().config();
      Vertx vertx = Vertx.vertx();
      Contracts.register(vertx, CatalogApi.CONTRACT);
      await(Migrations.migrate(vertx, config.pg().url(), CatalogModule.SCHEMA));
      await(new CatalogModule().deploy(vertx, config));
      instance = new CatalogFixture(vertx, config);
    }
    return instance;
  }

  /** Sends a request and waits for the reply body. */
  @SuppressWarnings("unchecked")
  <T> T call(Endpoint<?, ?> endpoint, Object message) {
    return (T) await(bus.request(endpoint.address(), message, "test-" + UUID.randomUUID()));
  }

  /** Sends a request that must fail, and returns the failure as the caller sees it. */
  Failure failure(Endpoint<?, ?> address, Object message) {
    try {
      Object reply = call(address, message);
      return Assertions.fail("expected a failure, got " + reply);
    } catch (AssertionError e) {
      throw e;
    } catch (RuntimeException e) {
      return assertInstanceOf(Failure.class, e);
    }
  }

  /** Asserts that the request fails with {@code code}; returns the failure for further checks. */
  Failure fails(ErrorCode code, Endpoint<?, ?> address, Object message) {
    Failure failure = failure(address, message);
    Assertions.assertEquals(code, failure.errorCode(), () -> "detail: " + failure.detail() + " " + failure.errors());
    return failure;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A suffix that keeps slugs, SKUs and codes of one test apart from every other test's. */
  static String unique() {
    return Long.toString(System.nanoTime() & 0xFFFFFFFFFFL, 36) + Integer.toString((int) (Math.random() * 1296), 36);
  }
}
