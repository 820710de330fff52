package io.kinetic.kernel.auth;

import io.kinetic.kernel.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.auth.JWTOptions;

/**
 * The one JWT set-up shared by the identity verticle (which signs) and the gateway (which
 * verifies): HS256 with the secret from {@code COMMERCE_JWT_SECRET}, issuer from config.
 * Claims: {@code sub} (customer or staff id), {@link #REALM} ({@code CUSTOMER}/{@code STAFF}),
 * {@link #ROLES} (staff roles, lower case), {@link #EMAIL}, and for staff {@link #SESSION_VERSION}.
 */
public final class Jwt {

  public static final String REALM = "realm";
  public static final String ROLES = "roles";
  public static final String EMAIL = "email";
  /** Staff tokens: the member's session version when issued; lower than the current one means revoked. */
  public static final String SESSION_VERSION = "sv";
  public static final String ALGORITHM = "HS256";

  private Jwt() {
  }

  public static JWTAuth auth(Vertx vertx, AppConfig.Auth config) {
    if (config.jwtSecret().isEmpty()) {
      throw new IllegalStateException("auth.jwtSecret is empty: the composition root must provide one");
    }
    var options = new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(config.jwtSecret()))
      .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(config.issuer()).setLeeway(5));
    return JWTAuth.create(vertx, options);
  }

  /** Options for signing one access token for {@code subject}. */
  public static JWTOptions signing(AppConfig.Auth config, String subject) {
    return new JWTOptions()
      .setAlgorithm(ALGORITHM)
      .setIssuer(config.issuer())
      .setSubject(subject)
      .setExpiresInSeconds((int) config.accessTtlSeconds());
  }
}
