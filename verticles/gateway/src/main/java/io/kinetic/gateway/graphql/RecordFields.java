package io.kinetic.gateway.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetcherFactory;
import graphql.schema.DataFetcherFactoryEnvironment;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The default data fetcher of every field without one of its own: the field is the record
 * component (or map entry) of the same name. graphql-java's {@link PropertyDataFetcher} looks the
 * property up in a cache keyed by class loader, class name and property name on every fetch, which
 * shows in profiles of the product queries; here each field resolves its accessor once per class
 * ({@link ClassValue}) and calls it. Anything else (a getter, a field) falls back to graphql-java.
 */
final class RecordFields implements DataFetcherFactory<Object> {

  private final Map<String, Field> fields = new ConcurrentHashMap<>();

  @Override
  public DataFetcher<Object> get(DataFetcherFactoryEnvironment environment) {
    return get(environment.getFieldDefinition());
  }

  @Override
  public DataFetcher<Object> get(GraphQLFieldDefinition definition) {
    return fields.computeIfAbsent(definition.getName(), Field::new);
  }

  private static final class Field implements LightDataFetcher<Object> {

    private static final Method NONE;

    static {
      try {
        NONE = Object.class.getMethod("hashCode");
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final String name;
    private final PropertyDataFetcher<Object> fallback;
    private final ClassValue<Method> accessors = new ClassValue<>() {
      @Override
      protected Method computeValue(Class<?> type) {
        if (!type.isRecord()) {
          return NONE;
        }
        // the record's component of that name, nothing else (not hashCode, not a private helper)
        for (var component : type.getRecordComponents()) {
          if (component.getName().equals(name)) {
            Method accessor = component.getAccessor();
            try {
              // the gateway's own shapes are package-private records
              accessor.setAccessible(true);
              return accessor;
            } catch (RuntimeException inaccessible) {
              return NONE;
            }
          }
        }
        return NONE;
      }
    };

    Field(String name) {
      this.name = name;
      this.fallback = PropertyDataFetcher.fetching(name);
    }

    @Override
    public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> environment)
      throws Exception {
      if (source == null) {
        return null;
      }
      if (source instanceof Map<?, ?> map) {
        return map.get(name);
      }
      Method accessor = accessors.get(source.getClass());
      if (accessor == NONE) {
        return fallback.get(definition, source, environment);
      }
      try {
        return accessor.invoke(source);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }

    @Override
    public Object get(DataFetchingEnvironment environment) throws Exception {
      return get(environment.getFieldDefinition(), environment.getSource(), () -> environment);
    }
  }
}
