package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GraphQL refuses a text argument outside the length REST's contract gives the same field as REST
 * does (VALIDATION_FAILED naming it, nothing sent on), where the context would answer otherwise:
 * INVALID_CREDENTIALS for an empty e-mail, TOKEN_INVALID or "Done" for an empty refresh token,
 * WEAK_PASSWORD for an empty password, RESET_TOKEN_INVALID, CART_NOT_FOUND, ORDER_NOT_FOUND (a probe finding).
 */
class GraphQlInputLengthsTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void aTextOutsideItsContractLengthIsRefusedAsInRest() throws Exception {
    String longToken = "x".repeat(513);
    record Case(String mutation, String field) {
    }
    for (Case c : List.of(
      new Case("login(email: \"\", password: \"pw\")", "email"),
      new Case("login(email: \"" + "a".repeat(250) + "@b.cd\", password: \"pw\")", "email"),
      new Case("login(email: \"a@b.c\", password: \"\")", "password"),
      new Case("login(email: \"a@b.c\", password: \"" + "p".repeat(1025) + "\")", "password"),
      new Case("refresh(refreshToken: \"\")", "refreshToken"),
      new Case("refresh(refreshToken: \"" + longToken + "\")", "refreshToken"),
      new Case("logout(refreshToken: \"\")", "refreshToken"),
      new Case("register(input: {email: \"a@b.c\", password: \"\", name: \"Ada\"})", "input.password"),
      new Case("register(input: {email: \"a@b.c\", password: \"correct horse\", name: \"\"})", "input.name"),
      new Case("requestPasswordReset(email: \"\")", "email"),
      new Case("resetPassword(token: \"" + "t".repeat(201) + "\", password: \"correct horse\")", "token"),
      new Case("resetPassword(token: \"t\", password: \"\")", "password"))) {
      int sent = gw.bus.count(IdentityApi.LOGIN) + gw.bus.count(IdentityApi.REFRESH) + gw.bus.count(IdentityApi.LOGOUT)
        + gw.bus.count(IdentityApi.REGISTER_CUSTOMER) + gw.bus.count(IdentityApi.REQUEST_PASSWORD_RESET)
        + gw.bus.count(IdentityApi.RESET_PASSWORD);
      String name = c.mutation().substring(0, c.mutation().indexOf('('));
      var response = gw.graphql("/graphql", null, "mutation { " + c.mutation()
        + " { __typename ... on Problem { code errors { field message } } } }", null);
      JsonObject result = response.bodyAsJsonObject().getJsonObject("data").getJsonObject(name);
      assertEquals("VALIDATION_FAILED", result.getString("code"), c.mutation() + ": " + response.bodyAsString());
      assertEquals(c.field(), result.getJsonArray("errors").getJsonObject(0).getString("field"), response.bodyAsString());
      assertEquals(sent, gw.bus.count(IdentityApi.LOGIN) + gw.bus.count(IdentityApi.REFRESH) + gw.bus.count(IdentityApi.LOGOUT)
        + gw.bus.count(IdentityApi.REGISTER_CUSTOMER) + gw.bus.count(IdentityApi.REQUEST_PASSWORD_RESET)
        + gw.bus.count(IdentityApi.RESET_PASSWORD), "nothing reached identity: " + c.mutation());
    }

    var invite = gw.graphql("/admin/graphql", gw.staffToken(UUID.randomUUID(), "admin"), "mutation { inviteStaff(input: {email: \"s@x.io\","
      + " name: \"S\", roles: [\"catalog\"], password: \"\"}) { __typename ... on Problem { code errors { field } } } }", null).bodyAsJsonObject();
    assertEquals("VALIDATION_FAILED", invite.getJsonObject("data").getJsonObject("inviteStaff").getString("code"), invite.encode());
    assertEquals(0, gw.bus.count(IdentityApi.INVITE_STAFF));

    String customer = gw.customerToken(UUID.randomUUID());
    for (String token : List.of("", "c".repeat(129))) {
      var merge = gw.graphql("/graphql", customer, "mutation { mergeCart(cartToken: \"" + token
        + "\") { __typename ... on Problem { code errors { field } } } }", null).bodyAsJsonObject();
      assertEquals("VALIDATION_FAILED", merge.getJsonObject("data").getJsonObject("mergeCart").getString("code"), merge.encode());
    }
    assertEquals(0, gw.bus.count(CartApi.MERGE));

    for (String token : List.of("", "o".repeat(101))) {
      var order = gw.graphql("/graphql", null, "{ order(id: \"" + UUID.randomUUID() + "\", accessToken: \"" + token + "\") { id } }", null)
        .bodyAsJsonObject();
      assertEquals("VALIDATION_FAILED", order.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"),
        order.encode());
    }
  }
}
