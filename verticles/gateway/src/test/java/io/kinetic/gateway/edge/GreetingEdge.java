package io.kinetic.gateway.edge;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/**
 * A context's edge as a new context would add it, without a bus: its fragments are test resources
 * ({@code openapi/greeting.yaml}, {@code graphql/greeting/*.graphqls}). Counts what it served and
 * the DataLoaders the core made for it. Its subscription {@code myGreetings} follows the messages
 * published on {@link #GREETED} ({@code {"to": <customer id>, "name": ...}}), each customer only
 * the ones to them.
 */
public final class GreetingEdge implements Edge {

  public static final AtomicInteger GREETINGS = new AtomicInteger();
  public static final AtomicInteger LOADERS = new AtomicInteger();
  public static final String GREETED = "greeting.events.greeted";

  @Override
  public String name() {
    return "greeting";
  }

  @Override
  public List<Contract> contracts() {
    return List.of();
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/greeting.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return List.of(api == GraphQlApi.SHOP ? "graphql/greeting/shop.graphqls" : "graphql/greeting/admin.graphqls");
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new EdgeHandlers() {
      @Override
      public void bindOperations(RestOperations operations) {
        operations.bind("greet", rc -> Replies.ok(rc, greeting(rc.pathParam("name"))));
        operations.bind("adminGreetingCount", rc -> Replies.ok(rc, Map.of("count", GREETINGS.get())));
      }

      @Override
      public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
        if (api == GraphQlApi.SHOP) {
          wiring.type("Query", t -> t
              .dataFetcher("greeting", env -> greeting(env.getArgument("name")))
              .dataFetcher("secret", env -> "for " + Gql.principal(env).actor()))
            .type("Greeting", t -> t.dataFetcher("shout", GreetingEdge::shout))
            .type("Subscription", t -> t.dataFetcher("myGreetings", env -> {
              // @auth(realm: CUSTOMER) let only a connection with a customer token get here
              String me = Gql.principal(env).id().toString();
              return context.live()
                .on(List.of(GREETED), body -> body instanceof JsonObject event && me.equals(event.getString("to")) ? event : null)
                .fetch(event -> Future.succeededFuture(greeting(event.getString("name"))))
                .publisher();
            }));
        } else {
          wiring.type("Query", t -> t.dataFetcher("greetingCount", env -> GREETINGS.get()))
            .type("Mutation", t -> t.dataFetcher("greet", Gql.mutation(env -> {
              String name = env.getArgument("name");
              if (name.isEmpty()) {
                throw Failure.invalid("name", "must not be empty");
              }
              return Future.succeededFuture(greeting(name));
            })));
        }
      }

      @Override
      public List<EdgeLoader> loaders(GraphQlApi api) {
        return api == GraphQlApi.SHOP ? List.of(new EdgeLoader("greeting.shout", Set.of("Greeting.shout"), caller -> {
          LOADERS.incrementAndGet();
          return DataLoaderFactory.newDataLoader(GreetingEdge::shoutAll);
        })) : List.of();
      }
    };
  }

  private static Map<String, String> greeting(String name) {
    GREETINGS.incrementAndGet();
    return Map.of("text", "Hello " + name);
  }

  private static CompletableFuture<String> shout(DataFetchingEnvironment env) {
    DataLoader<String, String> loader = env.getDataLoader("greeting.shout");
    Map<String, String> greeting = env.getSource();
    return loader.load(greeting.get("text"));
  }

  private static CompletionStage<List<String>> shoutAll(List<String> texts) {
    return CompletableFuture.completedFuture(texts.stream().map(text -> text.toUpperCase() + "!").toList());
  }
}
