package io.kinetic.gateway.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import io.kinetic.gateway.edge.EdgeLoader;
import io.kinetic.kernel.bus.Caller;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dataloader.DataLoaderRegistry;

/**
 * Gives each execution a new instance of every edge DataLoader whose fields its document selects
 * ({@link SelectedFields}), so a loader's cache never outlives its request. Which loaders a
 * document needs is worked out once per document and remembered with it (documents come from the
 * {@link DocumentCache}, so a repeated query is the same object); an execution that needs none
 * keeps graphql-java's empty registry, which spares it the per-field dispatch bookkeeping. Runs
 * after parsing and validation, before graphql-java picks its dispatch strategy from the registry.
 */
final class DataLoaders extends SimplePerformantInstrumentation {

  private static final int REMEMBERED_DOCUMENTS = 4_000;
  private final List<EdgeLoader> loaders;
  private final Set<String> fields = new HashSet<>();
  /** Weak keys compare by identity and go with their document. */
  private final Cache<Document, List<EdgeLoader>> needed = Caffeine.newBuilder().weakKeys()
    .maximumSize(REMEMBERED_DOCUMENTS).build();

  DataLoaders(List<EdgeLoader> loaders) {
    this.loaders = List.copyOf(loaders);
    var names = new HashSet<String>();
    for (EdgeLoader loader : loaders) {
      if (!names.add(loader.name())) {
        throw new IllegalStateException("two DataLoaders are named " + loader.name());
      }
      fields.addAll(loader.fields());
    }
  }

  static DataLoaders none() {
    return new DataLoaders(List.of());
  }

  @Override
  public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
                                                     InstrumentationState state) {
    if (loaders.isEmpty()) {
      return context;
    }
    List<EdgeLoader> needs = needed.get(context.getDocument(), document -> select(context.getGraphQLSchema(), document));
    if (needs.isEmpty()) {
      return context;
    }
    Caller caller = Gql.caller(context.getGraphQLContext());
    var registry = DataLoaderRegistry.newRegistry();
    needs.forEach(loader -> registry.register(loader.name(), loader.perRequest().apply(caller)));
    DataLoaderRegistry built = registry.build();
    return context.transform(builder -> builder.dataLoaderRegistry(built));
  }

  private List<EdgeLoader> select(GraphQLSchema schema, Document document) {
    Set<String> selected = SelectedFields.of(schema, document, fields);
    return loaders.stream().filter(loader -> loader.fields().stream().anyMatch(selected::contains)).toList();
  }
}
