package io.kinetic.gateway.identity;

import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.AddressInput;
import io.kinetic.kernel.contract.identity.DeleteAddress;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.ListAddresses;
import io.kinetic.kernel.contract.identity.SaveAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The customer's address book over REST ({@code /api/v1/me/addresses}): whose book comes from the
 * verified access token only, never from the request.
 */
final class AddressRoutes {

  private final BusClient bus;

  AddressRoutes(BusClient bus) {
    this.bus = bus;
  }

  void bind(RestOperations operations) {
    operations.bind("listAddresses", rc -> bus.request(IdentityApi.LIST_ADDRESSES, new ListAddresses(customer(rc)),
      Requests.caller(rc)).onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("addAddress", rc -> bus.request(IdentityApi.SAVE_ADDRESS,
      new SaveAddress(customer(rc), null, Bodies.read(rc, AddressInput.class)), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::created)));
    operations.bind("updateAddress", rc -> bus.request(IdentityApi.SAVE_ADDRESS,
      new SaveAddress(customer(rc), addressId(rc), Bodies.read(rc, AddressInput.class)), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("deleteAddress", rc -> bus.request(IdentityApi.DELETE_ADDRESS,
      new DeleteAddress(customer(rc), addressId(rc)), Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, deleted) -> Replies.noContent(r))));
  }

  private static UUID customer(RoutingContext rc) {
    return Requests.principal(rc).id();
  }

  /** Validated against the contract (a UUID) before the handler runs. */
  private static UUID addressId(RoutingContext rc) {
    return UUID.fromString(rc.pathParam("addressId"));
  }
}
