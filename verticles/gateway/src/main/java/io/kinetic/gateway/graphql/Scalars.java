package io.kinetic.gateway.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The custom scalars of both schemas: {@code JSON} (any value), {@code DateTime} (ISO-8601 instant)
 * and {@code Long} (a 64-bit integer: amounts of money in minor units, which pass GraphQL's 32-bit
 * {@code Int} from 21,474,836.48 on).
 */
final class Scalars {

  static final GraphQLScalarType JSON = GraphQLScalarType.newScalar()
    .name("JSON").description("Any JSON value").coercing(new JsonCoercing()).build();

  static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
    .name("DateTime").description("An ISO-8601 instant").coercing(new DateTimeCoercing()).build();

  static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
    .name("Long").description("A 64-bit integer, as a JSON number").coercing(new LongCoercing()).build();

  private Scalars() {
  }

  private static final class LongCoercing implements Coercing<Long, Long> {
    @Override
    public Long serialize(Object value, GraphQLContext context, Locale locale) {
      Long exact = exact(value);
      if (exact == null) {
        throw new CoercingSerializeException("not a 64-bit integer: " + value);
      }
      return exact;
    }

    @Override
    public Long parseValue(Object input, GraphQLContext context, Locale locale) {
      Long exact = input instanceof Number ? exact(input) : null;
      if (exact == null) {
        throw new CoercingParseValueException("not a whole number from -2^63 to 2^63-1: " + input);
      }
      return exact;
    }

    @Override
    public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      if (!(input instanceof IntValue i)) {
        throw new CoercingParseLiteralException("a Long is a whole number");
      }
      try {
        return i.getValue().longValueExact();
      } catch (ArithmeticException e) {
        throw new CoercingParseLiteralException("not a whole number from -2^63 to 2^63-1");
      }
    }

    /** {@code value} as a long when it is a whole number in range (an integral double too), else null. */
    private static Long exact(Object value) {
      if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      try {
        if (value instanceof java.math.BigInteger big) {
          return big.longValueExact();
        }
        if (value instanceof java.math.BigDecimal decimal) {
          return decimal.longValueExact();
        }
        if (value instanceof Double || value instanceof Float) {
          return new java.math.BigDecimal(((Number) value).doubleValue()).longValueExact();
        }
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
      return null;
    }
  }

  private static final class JsonCoercing implements Coercing<Object, Object> {
    @Override
    public Object serialize(Object value, GraphQLContext context, Locale locale) {
      return value;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
      return input;
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      return literal(input, variables);
    }

    private static Object literal(Value<?> input, CoercedVariables variables) {
      if (input instanceof StringValue s) {
        return s.getValue();
      }
      if (input instanceof IntValue i) {
        return i.getValue().longValueExact();
      }
      if (input instanceof FloatValue f) {
        return f.getValue().doubleValue();
      }
      if (input instanceof BooleanValue b) {
        return b.isValue();
      }
      if (input instanceof EnumValue e) {
        return e.getName();
      }
      if (input instanceof NullValue) {
        return null;
      }
      if (input instanceof VariableReference v) {
        return variables.get(v.getName());
      }
      if (input instanceof ArrayValue a) {
        var list = new ArrayList<Object>();
        for (Value<?> item : a.getValues()) {
          list.add(literal(item, variables));
        }
        return list;
      }
      if (input instanceof ObjectValue o) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (ObjectField field : o.getObjectFields()) {
          map.put(field.getName(), literal(field.getValue(), variables));
        }
        return map;
      }
      throw new CoercingParseLiteralException("not a JSON value");
    }
  }

  private static final class DateTimeCoercing implements Coercing<Instant, String> {
    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
      if (value instanceof Instant instant) {
        return instant.toString();
      }
      if (value instanceof TemporalAccessor temporal) {
        return Instant.from(temporal).toString();
      }
      if (value instanceof String text) {
        return text;
      }
      throw new CoercingSerializeException("not an instant");
    }

    @Override
    public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
      try {
        return Instant.parse(String.valueOf(input));
      } catch (DateTimeParseException e) {
        throw new CoercingParseValueException("not an ISO-8601 instant");
      }
    }

    @Override
    public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
      if (!(input instanceof StringValue s)) {
        throw new CoercingParseLiteralException("an ISO-8601 instant is a string");
      }
      try {
        return Instant.parse(s.getValue());
      } catch (DateTimeParseException e) {
        throw new CoercingParseLiteralException("not an ISO-8601 instant");
      }
    }
  }

  static List<GraphQLScalarType> all() {
    return List.of(JSON, DATE_TIME, LONG);
  }
}
