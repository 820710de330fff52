package io.kinetic.gateway.graphql;

import io.kinetic.kernel.bus.Caller;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.Principal;
import io.kinetic.gateway.Requests;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;

/** What a data fetcher needs from its HTTP request: correlation id, principal, locale. */
final class Gql {

  private Gql() {
  }

  static RoutingContext rc(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(RoutingContext.class);
  }

  /** The caller of the GraphQL request: correlation id and authenticated actor. */
  static Caller caller(DataFetchingEnvironment env) {
    return Requests.caller(rc(env));
  }

  static String cid(DataFetchingEnvironment env) {
    return Requests.correlationId(rc(env));
  }

  /** The {@code locale} argument, else the request's Accept-Language, else the default. */
  static String locale(DataFetchingEnvironment env, Locales locales) {
    return locales.resolve(env.getArgument("locale"), rc(env).request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
  }

  static Principal customer(DataFetchingEnvironment env) {
    Principal principal = Requests.principal(rc(env));
    if (principal == null || principal.realm() != Realm.CUSTOMER) {
      throw ErrorCode.UNAUTHENTICATED.failure("a customer access token is required");
    }
    return principal;
  }

  static Principal staff(DataFetchingEnvironment env, Collection<String> anyRole) {
    Principal principal = Requests.principal(rc(env));
    if (principal == null || principal.realm() != Realm.STAFF) {
      throw ErrorCode.UNAUTHENTICATED.failure("a staff access token is required");
    }
    if (!principal.hasAnyRole(anyRole)) {
      throw ErrorCode.FORBIDDEN.failure("needs one of the roles " + String.join(", ", anyRole));
    }
    return principal;
  }

  static UUID id(String field, Object value) {
    return Ids.parse(value == null ? null : value.toString())
      .orElseThrow(() -> Failure.invalid(field, "must be a UUID"));
  }

  /** A query fetcher for staff with one of {@code anyRole}: UNAUTHENTICATED or FORBIDDEN before {@code body} runs. */
  static DataFetcher<Future<?>> staffQuery(Collection<String> anyRole, Function<DataFetchingEnvironment, Future<?>> body) {
    return env -> {
      staff(env, anyRole);
      return body.apply(env);
    };
  }

  /** As {@link #staffQuery}, for a mutation (see {@link #mutation}). */
  static DataFetcher<Future<Object>> staffMutation(Collection<String> anyRole, Function<DataFetchingEnvironment, Future<?>> body) {
    return mutation(env -> {
      staff(env, anyRole);
      return body.apply(env);
    });
  }

  /**
   * A mutation result: the payload, or a {@link GqlTypes.Problem} for an expected business failure
   * (any 4xx except UNAUTHENTICATED and FORBIDDEN); other failures stay errors.
   */
  static Future<Object> orProblem(Future<?> reply) {
    return reply.<Object>map(value -> value).recover(t -> {
      Failure failure = Failure.from(t);
      ErrorCode code = failure.errorCode();
      boolean expected = code.httpStatus() < 500 && code != ErrorCode.UNAUTHENTICATED && code != ErrorCode.FORBIDDEN;
      return expected ? Future.succeededFuture(GqlTypes.Problem.of(failure)) : Future.failedFuture(failure);
    });
  }

  /** A mutation fetcher: arguments rejected by {@code body} (a thrown Failure) go through {@link #orProblem} too. */
  static DataFetcher<Future<Object>> mutation(Function<DataFetchingEnvironment, Future<?>> body) {
    return env -> {
      Future<?> reply;
      try {
        reply = body.apply(env);
      } catch (Failure f) {
        reply = Future.failedFuture(f);
      }
      return orProblem(reply);
    };
  }
}
