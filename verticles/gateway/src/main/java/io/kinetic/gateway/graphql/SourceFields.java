package io.kinetic.gateway.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A field computed from its source object alone, synchronously: graphql-java treats it as a
 * trivial fetcher (no environment is built for it, no future adapter wraps it), which matters for
 * fields of every list item such as {@code Variant.options}.
 */
public final class SourceFields {

  private SourceFields() {
  }

  public static <S> DataFetcher<Object> of(Class<S> source, Function<S, Object> field) {
    return new LightDataFetcher<>() {
      @Override
      public Object get(GraphQLFieldDefinition definition, Object from, Supplier<DataFetchingEnvironment> environment) {
        return from == null ? null : field.apply(source.cast(from));
      }

      @Override
      public Object get(DataFetchingEnvironment environment) {
        Object from = environment.getSource();
        return from == null ? null : field.apply(source.cast(from));
      }
    };
  }
}
