package io.kinetic.identity;

import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Mints token pairs: a signed JWT access token (claims {@code sub}, {@code realm}, {@code roles},
 * {@code email}, for staff {@code sv}, lifetime {@code auth.accessTtlSeconds}) and an opaque refresh token of 32 random
 * bytes, of which only the SHA-256 is ever stored.
 */
final class TokenIssuer {

  static final String TOKEN_TYPE = "Bearer";
  private static final int REFRESH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JWTAuth jwt;
  private final AppConfig.Auth auth;

  TokenIssuer(JWTAuth jwt, AppConfig.Auth auth) {
    this.jwt = jwt;
    this.auth = auth;
  }

  Tokens tokens(Account account, String refreshToken) {
    var claims = new JsonObject()
      .put(Jwt.REALM, account.realm().name())
      .put(Jwt.ROLES, new JsonArray(account.roleNames()))
      .put(Jwt.EMAIL, account.email());
    if (account.realm() == Realm.STAFF) {
      claims.put(Jwt.SESSION_VERSION, account.sessionVersion());
    }
    String access = jwt.generateToken(claims, Jwt.signing(auth, account.id().toString()));
    return new Tokens(access, refreshToken, TOKEN_TYPE, auth.accessTtlSeconds());
  }

  static String newRefreshToken() {
    byte[] bytes = new byte[REFRESH_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static Buffer hash(String refreshToken) {
    try {
      return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
