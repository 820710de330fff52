package io.kinetic.gateway;

import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies {@code Authorization: Bearer} access tokens (signature, issuer, expiry) and enforces an
 * {@link AccessRule}: no, bad or expired token is {@code UNAUTHENTICATED} (401), a valid token of
 * the wrong realm or without a needed role {@code FORBIDDEN} (403). A staff token whose member was
 * deactivated or had their roles changed since it was issued counts as bad (401; a refresh gives a
 * token with the new roles, or fails for a deactivated member). The verified {@link Principal} is
 * stored in the routing context.
 */
public final class AccessHandler {

  private static final String BEARER = "bearer ";
  private final JWTAuth jwt;
  private final StaffSessionGuard staffSessions;

  AccessHandler(JWTAuth jwt, StaffSessionGuard staffSessions) {
    this.jwt = jwt;
    this.staffSessions = staffSessions;
  }

  /** Route handler that lets only requests satisfying {@code rule} through. */
  public Handler<RoutingContext> require(AccessRule rule) {
    return rc -> enforce(rc, rule);
  }

  /** Route handler for endpoints open to anonymous callers: a token, when sent, must be valid. */
  public Handler<RoutingContext> optional() {
    return rc -> {
      String token = bearerToken(rc);
      if (token == null) {
        rc.next();
        return;
      }
      verify(token).onComplete(ar -> {
        if (ar.failed()) {
          rc.fail(ErrorCode.UNAUTHENTICATED.failure("the access token is invalid or expired"));
        } else {
          rc.put(Requests.PRINCIPAL, ar.result());
          rc.next();
        }
      });
    };
  }

  /**
   * For public operations that act for a customer when one is named (the cart): the principal of
   * the request's token (also stored in the routing context), null without a token; fails
   * {@code UNAUTHENTICATED} for a bad or expired one.
   */
  public Future<Principal> optionalPrincipal(RoutingContext rc) {
    Principal known = Requests.principal(rc);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    String token = bearerToken(rc);
    if (token == null) {
      return Future.succeededFuture(null);
    }
    return verify(token)
      .recover(t -> Future.failedFuture(ErrorCode.UNAUTHENTICATED.failure("the access token is invalid or expired")))
      .map(principal -> {
        rc.put(Requests.PRINCIPAL, principal);
        return principal;
      });
  }

  private void enforce(RoutingContext rc, AccessRule rule) {
    check(rc, rule).onComplete(ar -> {
      if (ar.succeeded()) {
        rc.next();
      } else {
        rc.fail(ar.cause());
      }
    });
  }

  /**
   * Succeeds with the principal when the request's token satisfies {@code rule} (and stores it in
   * the routing context); fails with {@code UNAUTHENTICATED} or {@code FORBIDDEN}.
   */
  public Future<Principal> check(RoutingContext rc, AccessRule rule) {
    if (rule.isPublic()) {
      return Future.succeededFuture(Requests.principal(rc));
    }
    String token = bearerToken(rc);
    if (token == null) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.failure("a bearer access token is required"));
    }
    return verify(token)
      .recover(t -> Future.failedFuture(ErrorCode.UNAUTHENTICATED.failure("the access token is invalid or expired")))
      .compose(principal -> {
        rc.put(Requests.PRINCIPAL, principal);
        return rule.allows(principal) ? Future.succeededFuture(principal)
          : Future.failedFuture(ErrorCode.FORBIDDEN.failure("this token may not use this resource"));
      });
  }

  /**
   * The principal of a valid token; fails for a bad signature or issuer, an expired token, missing
   * claims, or a staff token from before its member's access was ended ({@link StaffSessionGuard}).
   * For tokens that come another way than an HTTP header (a WebSocket's {@code connection_init}).
   */
  public Future<Principal> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).compose(this::principal);
  }

  private Future<Principal> principal(User user) {
    JsonObject claims = user.principal();
    var id = Ids.parse(claims.getString("sub"));
    Realm realm = realm(claims.getValue(Jwt.REALM));
    if (id.isEmpty() || realm == null) {
      return Future.failedFuture("token without subject or realm");
    }
    if (realm == Realm.STAFF && !staffSessions.allows(id.get(), sessionVersion(claims.getValue(Jwt.SESSION_VERSION)))) {
      return Future.failedFuture("staff token revoked");
    }
    return Future.succeededFuture(new Principal(id.get(), realm, roles(claims.getValue(Jwt.ROLES))));
  }

  /** A token without the claim (from before session versions existed) is at version 0. */
  private static int sessionVersion(Object claim) {
    return claim instanceof Number n ? n.intValue() : 0;
  }

  private static Realm realm(Object claim) {
    if (!(claim instanceof String name)) {
      return null;
    }
    try {
      return Realm.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Set<String> roles(Object claim) {
    if (!(claim instanceof JsonArray array)) {
      return Set.of();
    }
    var roles = new HashSet<String>();
    for (Object role : array) {
      if (role instanceof String name) {
        roles.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return Set.copyOf(roles);
  }

  /** The token of an {@code Authorization: Bearer} header, or null. */
  public static String bearerToken(RoutingContext rc) {
    String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= BEARER.length()
      || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }
}
