package io.kinetic.gateway.edge;

import io.kinetic.kernel.bus.Caller;
import java.util.Set;
import java.util.function.Function;
import org.dataloader.DataLoader;

/**
 * A DataLoader an edge's fetchers use ({@code env.getDataLoader(name)}). The core registers a new
 * one, made by {@code perRequest} for the request's caller, in every execution whose document
 * selects one of {@code fields} (worked out once per distinct document), so its cache never
 * outlives a request and executions that need no loader skip graphql-java's dispatch bookkeeping.
 *
 * @param fields the field coordinates whose fetchers use it, {@code Type.field} (e.g. {@code Product.categories})
 */
public record EdgeLoader(String name, Set<String> fields, Function<Caller, DataLoader<?, ?>> perRequest) {

  public EdgeLoader {
    fields = Set.copyOf(fields);
  }
}
