package io.kinetic.gateway.identity;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.ClientAddress;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.graphql.GqlTypes;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.Address;
import io.kinetic.kernel.contract.identity.AddressBook;
import io.kinetic.kernel.contract.identity.AddressInput;
import io.kinetic.kernel.contract.identity.DeleteAddress;
import io.kinetic.kernel.contract.identity.ListAddresses;
import io.kinetic.kernel.contract.identity.SaveAddress;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.RequestPasswordReset;
import io.kinetic.kernel.contract.identity.ResetPassword;
import io.kinetic.kernel.contract.identity.Tokens;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Data fetchers of the identity's storefront fields (graphql/identity/shop.graphqls): the
 * customer of the token, registration, login (with the client address for rate limiting),
 * refresh and logout; each one bus request.
 */
final class AccountFetchers {

  private final BusClient bus;
  private final ClientAddress clientAddress;
  private final Locales locales;

  AccountFetchers(BusClient bus, ClientAddress clientAddress, Locales locales) {
    this.bus = bus;
    this.clientAddress = clientAddress;
    this.locales = locales;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t.dataFetcher("me", this::me)
        .dataFetcher("addresses", env -> bus.request(IdentityApi.LIST_ADDRESSES, new ListAddresses(Gql.principal(env).id()),
          Gql.caller(env)).map(AddressBook::items)))
      .type("Mutation", t -> t
        .dataFetcher("register", Gql.mutation(this::register))
        .dataFetcher("login", Gql.mutation(this::login))
        .dataFetcher("refresh", Gql.mutation(env -> bus.request(IdentityApi.REFRESH,
          new RefreshTokens(Gql.text("refreshToken", env.getArgument("refreshToken"), 1, 512), Realm.CUSTOMER), Gql.caller(env))))
        .dataFetcher("logout", Gql.mutation(env ->
          bus.request(IdentityApi.LOGOUT, new Logout(Gql.text("refreshToken", env.getArgument("refreshToken"), 1, 512)), Gql.caller(env))
            .map(deleted -> new GqlTypes.Done(true))))
        .dataFetcher("requestPasswordReset", Gql.mutation(env -> bus.request(IdentityApi.REQUEST_PASSWORD_RESET,
          new RequestPasswordReset(Gql.text("email", env.getArgument("email"), 1, 254), locales.of(Gql.rc(env).request()), clientAddress.of(Gql.rc(env))),
          Gql.caller(env))))
        .dataFetcher("resetPassword", Gql.mutation(env -> bus.request(IdentityApi.RESET_PASSWORD,
          new ResetPassword(Gql.text("token", env.getArgument("token"), 1, 200), Gql.text("password", env.getArgument("password"), 1, 1024), clientAddress.of(Gql.rc(env))), Gql.caller(env))))
        .dataFetcher("saveAddress", Gql.mutation(this::saveAddress))
        .dataFetcher("deleteAddress", Gql.mutation(env -> bus.request(IdentityApi.DELETE_ADDRESS,
          new DeleteAddress(Gql.principal(env).id(), Gql.id("id", env.getArgument("id"))), Gql.caller(env))
          .map(deleted -> new GqlTypes.Done(true)))));
  }

  private Future<CustomerView> me(DataFetchingEnvironment env) {
    return bus.request(IdentityApi.GET_CUSTOMER, new GetCustomer(Gql.principal(env).id()), Gql.caller(env));
  }

  private Future<Address> saveAddress(DataFetchingEnvironment env) {
    Map<String, Object> in = env.getArgument("input");
    Object id = env.getArgument("id");
    var input = new AddressInput((String) in.get("name"), (String) in.get("company"), (String) in.get("line1"),
      (String) in.get("line2"), (String) in.get("postalCode"), (String) in.get("city"), (String) in.get("region"),
      (String) in.get("country"), (String) in.get("phone"), (Boolean) in.get("defaultShipping"),
      (Boolean) in.get("defaultBilling"));
    return bus.request(IdentityApi.SAVE_ADDRESS,
      new SaveAddress(Gql.principal(env).id(), id == null ? null : Gql.id("id", id), input), Gql.caller(env));
  }

  private Future<CustomerView> register(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    var command = new RegisterCustomer(Gql.text("input.email", input.get("email"), 3, 254),
      Gql.text("input.password", input.get("password"), 1, 1024), Gql.text("input.name", input.get("name"), 1, 100),
      clientAddress.of(Gql.rc(env)));
    return bus.request(IdentityApi.REGISTER_CUSTOMER, command, Gql.caller(env));
  }

  private Future<Tokens> login(DataFetchingEnvironment env) {
    var login = new Login(Realm.CUSTOMER, Gql.text("email", env.getArgument("email"), 1, 254),
      Gql.text("password", env.getArgument("password"), 1, 1024), clientAddress.of(Gql.rc(env)));
    return bus.request(IdentityApi.LOGIN, login, Gql.caller(env));
  }
}
