package io.kinetic.identity;

/**
 * The identity bounded context: customers, staff and their tokens. Its tables live in schema
 * {@link #SCHEMA}, migrated from {@code classpath:db/identity} by the composition root with
 * {@code Migrations.migrate(vertx, url, IdentityModule.SCHEMA)} before {@link IdentityVerticle} is deployed.
 */
public final class IdentityModule {

  public static final String SCHEMA = "identity";

  private IdentityModule() {
  }
}
