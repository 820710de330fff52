package io.kinetic.gateway;

import io.kinetic.kernel.bus.Addresses;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.contract.identity.Tokens;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Customer and staff accounts: register and login (with the client IP for rate limiting), refresh, logout, me. */
final class AuthRoutes {

  private final BusClient bus;
  private final ClientAddress clientAddress;

  AuthRoutes(BusClient bus, ClientAddress clientAddress) {
    this.bus = bus;
    this.clientAddress = clientAddress;
  }

  /** The body of the registration; the client address comes from the connection, never from the body. */
  record Registration(String email, String password, String name) {
  }

  /** The body of both login routes. */
  record Credentials(String email, String password) {
  }

  void mount(RouterBuilder builder) {
    builder.getRoute("register").addHandler(this::register);
    builder.getRoute("login").addHandler(rc -> login(rc, Realm.CUSTOMER));
    builder.getRoute("adminLogin").addHandler(rc -> login(rc, Realm.STAFF));
    builder.getRoute("refresh").addHandler(rc -> refresh(rc, Realm.CUSTOMER));
    builder.getRoute("adminRefresh").addHandler(rc -> refresh(rc, Realm.STAFF));
    builder.getRoute("logout").addHandler(this::logout);
    builder.getRoute("me").addHandler(this::me);
    builder.getRoute("adminMe").addHandler(this::adminMe);
  }

  private void register(RoutingContext rc) {
    Registration body = Bodies.read(rc, Registration.class);
    var command = new RegisterCustomer(body.email(), body.password(), body.name(), clientAddress.of(rc));
    bus.<CustomerView>request(Addresses.Identity.REGISTER_CUSTOMER, command, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::created));
  }

  private void login(RoutingContext rc, Realm realm) {
    Credentials credentials = Bodies.read(rc, Credentials.class);
    var login = new Login(realm, credentials.email(), credentials.password(), clientAddress.of(rc));
    bus.<Tokens>request(Addresses.Identity.LOGIN, login, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void refresh(RoutingContext rc, Realm realm) {
    var refresh = new RefreshTokens(Bodies.read(rc, RefreshRequest.class).refreshToken(), realm);
    bus.<Tokens>request(Addresses.Identity.REFRESH, refresh, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void logout(RoutingContext rc) {
    bus.request(Addresses.Identity.LOGOUT, Bodies.read(rc, Logout.class), Requests.correlationId(rc))
      .onComplete(Replies.to(rc, (r, done) -> Replies.noContent(r)));
  }

  private void me(RoutingContext rc) {
    var customer = new GetCustomer(Requests.principal(rc).id());
    bus.<CustomerView>request(Addresses.Identity.GET_CUSTOMER, customer, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private void adminMe(RoutingContext rc) {
    var staff = new GetStaff(Requests.principal(rc).id());
    bus.<StaffView>request(Addresses.Identity.GET_STAFF, staff, Requests.correlationId(rc))
      .onComplete(Replies.to(rc, (r, view) -> Replies.ok(r, StaffJson.of(view))));
  }

  /** The body of both refresh routes; the realm comes from the route, never from the client. */
  record RefreshRequest(String refreshToken) {
  }
}
