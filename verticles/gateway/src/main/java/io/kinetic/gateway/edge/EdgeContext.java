package io.kinetic.gateway.edge;

import io.kinetic.gateway.AccessHandler;
import io.kinetic.gateway.ClientAddress;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.openapi.MergedContract;
import io.kinetic.gateway.subscriptions.LiveEvents;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.config.AppConfig;
import io.vertx.core.Vertx;

/**
 * What the core hands each edge when it asks for its handlers: one set per gateway verticle
 * instance.
 *
 * @param config the whole configuration: an edge reads the defaults of its context (e.g. the catalog's currency)
 * @param bus requests to the contexts, with the caller's correlation id and actor ({@code Requests.caller})
 * @param access token checks, for routes outside the contract (the contract's own operations are checked by the core)
 * @param contract the merged REST contract, e.g. for a schema's rule ({@code StringRule})
 * @param live bus events as the {@code Publisher}s of {@code Subscription} fields ({@link LiveEvents}), this instance's
 * @param shell the storefront's page, for the server-rendered heads of an edge's clean addresses ({@link ShopShell})
 */
public record EdgeContext(Vertx vertx, AppConfig config, BusClient bus, Locales locales, ClientAddress clientAddress,
                          AccessHandler access, MergedContract contract, LiveEvents live, ShopShell shell) {
}
