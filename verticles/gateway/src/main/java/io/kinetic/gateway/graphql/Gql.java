package io.kinetic.gateway.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.Principal;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.idempotency.IdempotencyKeys;
import io.kinetic.gateway.subscriptions.LiveCaller;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Function;

/**
 * What an edge's data fetcher needs from its request (caller, principal, locale) and how a
 * mutation reports an expected business failure. Who may run a field is not a fetcher's business:
 * the field's {@code @auth} in its schema fragment says it, and the core checks it first
 * ({@link FieldAccess}). An operation arrives over HTTP (a {@link RoutingContext}) or over a
 * WebSocket connection (a {@link LiveCaller}, established by its {@code connection_init}); the
 * caller, principal and locale read whichever it has.
 */
public final class Gql {

  private Gql() {
  }

  /** The HTTP request of the operation; null for one run over a WebSocket connection ({@link LiveCaller#of}). */
  public static RoutingContext rc(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(RoutingContext.class);
  }

  /** The caller of the GraphQL request: correlation id and authenticated actor. */
  public static Caller caller(DataFetchingEnvironment env) {
    return caller(env.getGraphQlContext());
  }

  /** {@link #caller(DataFetchingEnvironment)} from an execution's context; {@link Caller#SYSTEM} outside any request. */
  public static Caller caller(GraphQLContext context) {
    RoutingContext rc = context.get(RoutingContext.class);
    if (rc != null) {
      return Requests.caller(rc);
    }
    LiveCaller live = LiveCaller.of(context);
    return live == null ? Caller.SYSTEM : live.caller();
  }

  /** The {@code locale} argument, else the request's (or WebSocket upgrade's) Accept-Language, else the default. */
  public static String locale(DataFetchingEnvironment env, Locales locales) {
    RoutingContext rc = rc(env);
    LiveCaller live = rc == null ? LiveCaller.of(env) : null;
    String header = rc != null ? rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)
      : live == null ? null : live.acceptLanguage();
    return locales.resolve(env.getArgument("locale"), header);
  }

  /** The verified token subject: never null in a field with {@code @auth}, null for an anonymous caller elsewhere. */
  public static Principal principal(DataFetchingEnvironment env) {
    RoutingContext rc = rc(env);
    if (rc != null) {
      return Requests.principal(rc);
    }
    LiveCaller live = LiveCaller.of(env);
    return live == null ? null : live.principal();
  }

  /**
   * A text argument within the length REST's contract gives its field ({@code min} to {@code max}
   * characters; null passes, the schema says whether it may be), so that GraphQL refuses what REST
   * refuses, with the same code and words ({@code VALIDATION_FAILED} on {@code field}), before a
   * context turns it into another answer (INVALID_CREDENTIALS, TOKEN_INVALID, WEAK_PASSWORD, ...).
   */
  public static String text(String field, Object value, int min, int max) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    int length = text.codePointCount(0, text.length());
    if (length < min) {
      throw Failure.invalid(field, min == 1 ? "must not be empty" : "must be at least " + min + " characters long");
    }
    if (length > max) {
      throw Failure.invalid(field, "must be at most " + max + " characters long");
    }
    return text;
  }

  /** The UUID in {@code value}; {@code VALIDATION_FAILED} on {@code field} otherwise. */
  public static UUID id(String field, Object value) {
    return Ids.parse(value == null ? null : value.toString())
      .orElseThrow(() -> Failure.invalid(field, "must be a UUID"));
  }

  /**
   * A mutation result: the payload, or a {@link GqlTypes.Problem} for an expected business failure
   * (any 4xx except UNAUTHENTICATED and FORBIDDEN); other failures stay errors.
   */
  public static Future<Object> orProblem(Future<?> reply) {
    return reply.<Object>map(value -> value).recover(t -> {
      Failure failure = ErrorCodes.ranged(Failure.from(t));
      ErrorCode code = failure.errorCode();
      boolean expected = code.httpStatus() < 500 && code != ErrorCode.UNAUTHENTICATED && code != ErrorCode.FORBIDDEN;
      return expected ? Future.succeededFuture(GqlTypes.Problem.of(failure)) : Future.failedFuture(failure);
    });
  }

  /** A mutation fetcher: arguments rejected by {@code body} (a thrown Failure) go through {@link #orProblem} too. */
  public static DataFetcher<Future<Object>> mutation(Function<DataFetchingEnvironment, Future<?>> body) {
    return env -> {
      Future<?> reply;
      try {
        reply = body.apply(env);
      } catch (Failure f) {
        reply = Future.failedFuture(f);
      }
      // a mutation that failed with a 5xx or 429 leaves its Idempotency-Key free for a retry
      return orProblem(reply.onFailure(failure -> IdempotencyKeys.failed(rc(env), failure)));
    };
  }


}
