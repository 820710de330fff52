package io.kinetic.gateway.identity;

import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.ClientAddress;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.RequestPasswordReset;
import io.kinetic.kernel.contract.identity.ResetPassword;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.Failure;
import io.vertx.ext.web.RoutingContext;

/**
 * Customer and staff accounts: register, login (with the client IP for rate limiting), refresh,
 * logout, me. Login, refresh and logout carry the refresh token either in the JSON body (API
 * clients) or, with {@code X-Refresh-Token: cookie}, in the realm's {@link RefreshCookie} (the web UI).
 */
final class AuthRoutes {

  private final BusClient bus;
  private final ClientAddress clientAddress;
  private final Locales locales;
  private final RefreshCookie customerCookie;
  private final RefreshCookie staffCookie;

  AuthRoutes(BusClient bus, ClientAddress clientAddress, Locales locales, long refreshTtlSeconds) {
    this.bus = bus;
    this.locales = locales;
    this.clientAddress = clientAddress;
    this.customerCookie = RefreshCookie.of(Realm.CUSTOMER, refreshTtlSeconds);
    this.staffCookie = RefreshCookie.of(Realm.STAFF, refreshTtlSeconds);
  }

  /** The body of the registration; the client address comes from the connection, never from the body. */
  record Registration(String email, String password, String name) {
  }

  /** The body of both login routes. */
  record Credentials(String email, String password) {
  }

  void bind(RestOperations operations) {
    operations.bind("register", this::register);
    operations.bind("login", rc -> login(rc, Realm.CUSTOMER));
    operations.bind("adminLogin", rc -> login(rc, Realm.STAFF));
    operations.bind("refresh", rc -> refresh(rc, Realm.CUSTOMER));
    operations.bind("adminRefresh", rc -> refresh(rc, Realm.STAFF));
    operations.bind("logout", rc -> logout(rc, Realm.CUSTOMER));
    operations.bind("adminLogout", rc -> logout(rc, Realm.STAFF));
    operations.bind("me", this::me);
    operations.bind("adminMe", this::adminMe);
    operations.bind("requestPasswordReset", this::requestPasswordReset);
    operations.bind("resetPassword", this::resetPassword);
  }

  /** The body of a reset request; the language of the mail comes from Accept-Language. */
  record ResetRequest(String email) {
  }

  /** The body of a reset with the token from the mail. */
  record NewPassword(String token, String password) {
  }

  private void requestPasswordReset(RoutingContext rc) {
    ResetRequest body = Bodies.read(rc, ResetRequest.class);
    var command = new RequestPasswordReset(body.email(), locales.of(rc.request()), clientAddress.of(rc));
    bus.request(IdentityApi.REQUEST_PASSWORD_RESET, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, accepted) -> Replies.json(r, 202, accepted)));
  }

  private void resetPassword(RoutingContext rc) {
    NewPassword body = Bodies.read(rc, NewPassword.class);
    bus.request(IdentityApi.RESET_PASSWORD, new ResetPassword(body.token(), body.password(), clientAddress.of(rc)), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void register(RoutingContext rc) {
    Registration body = Bodies.read(rc, Registration.class);
    var command = new RegisterCustomer(body.email(), body.password(), body.name(), clientAddress.of(rc));
    bus.request(IdentityApi.REGISTER_CUSTOMER, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::created));
  }

  private void login(RoutingContext rc, Realm realm) {
    RefreshCookie cookie = cookie(realm);
    boolean viaCookie = cookie.requested(rc);
    Credentials credentials = Bodies.read(rc, Credentials.class);
    var login = new Login(realm, credentials.email(), credentials.password(), clientAddress.of(rc));
    bus.request(IdentityApi.LOGIN, login, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, tokens) -> tokens(r, tokens, viaCookie ? cookie : null)));
  }

  private void refresh(RoutingContext rc, Realm realm) {
    RefreshCookie cookie = cookie(realm);
    boolean viaCookie = cookie.requested(rc);
    String token = viaCookie ? cookie.require(noBodyToken(rc)) : bodyToken(rc);
    bus.request(IdentityApi.REFRESH, new RefreshTokens(token, realm), Requests.caller(rc))
      .onFailure(failure -> {
        if (viaCookie) {
          cookie.clear(rc); // a refused token is dead for good: the browser need not send it again
        }
      })
      .onComplete(Replies.to(rc, (r, tokens) -> tokens(r, tokens, viaCookie ? cookie : null)));
  }

  /** Revokes the token (idempotent); in cookie mode also drops the cookie, with or without a token in it. */
  private void logout(RoutingContext rc, Realm realm) {
    RefreshCookie cookie = cookie(realm);
    String token;
    if (cookie.requested(rc)) {
      token = cookie.read(noBodyToken(rc));
      cookie.clear(rc);
      if (token == null) {
        Replies.noContent(rc);
        return;
      }
    } else {
      token = bodyToken(rc);
    }
    bus.request(IdentityApi.LOGOUT, new Logout(token), Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, done) -> Replies.noContent(r)));
  }

  private RefreshCookie cookie(Realm realm) {
    return realm == Realm.STAFF ? staffCookie : customerCookie;
  }

  /** The token pair in the body, or (cookie mode) the refresh token in the cookie and the rest in the body. */
  private static void tokens(RoutingContext rc, Tokens tokens, RefreshCookie cookie) {
    if (cookie == null) {
      Replies.ok(rc, tokens);
      return;
    }
    cookie.set(rc, tokens.refreshToken());
    Replies.ok(rc, new AccessToken(tokens.accessToken(), tokens.tokenType(), tokens.expiresIn()));
  }

  private static String bodyToken(RoutingContext rc) {
    String token = hasBody(rc) ? Bodies.read(rc, RefreshRequest.class).refreshToken() : null;
    if (token == null) {
      throw Failure.invalid("refreshToken", "is required, unless the request sends " + RefreshCookie.HEADER + ": cookie");
    }
    return token;
  }

  /** Cookie mode takes the token from the cookie only: one in the body as well would be ambiguous. */
  private static RoutingContext noBodyToken(RoutingContext rc) {
    if (hasBody(rc) && Bodies.read(rc, RefreshRequest.class).refreshToken() != null) {
      throw Failure.invalid("refreshToken", "must not be sent with " + RefreshCookie.HEADER + ": cookie");
    }
    return rc;
  }

  private static boolean hasBody(RoutingContext rc) {
    return rc.body() != null && rc.body().buffer() != null && rc.body().length() > 0;
  }

  private void me(RoutingContext rc) {
    var customer = new GetCustomer(Requests.principal(rc).id());
    bus.request(IdentityApi.GET_CUSTOMER, customer, Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void adminMe(RoutingContext rc) {
    var staff = new GetStaff(Requests.principal(rc).id());
    bus.request(IdentityApi.GET_STAFF, staff, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, view) -> Replies.ok(r, StaffJson.of(view))));
  }

  /** The body of the refresh and logout routes; the realm comes from the route, never from the client. */
  record RefreshRequest(String refreshToken) {
  }

  /** A token reply in cookie mode: the refresh token went into the cookie. */
  record AccessToken(String accessToken, String tokenType, long expiresIn) {
  }
}
