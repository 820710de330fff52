package io.kinetic.gateway.subscriptions;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.Principal;
import io.kinetic.kernel.bus.Caller;

/**
 * Who is at the other end of a GraphQL WebSocket connection, as its {@code connection_init}
 * established it. It sits in the GraphQL context of every operation run over the connection
 * ({@link #of(DataFetchingEnvironment)}; null for an operation sent over HTTP), so a subscription
 * field's fetcher knows whom it serves; {@code Gql.caller}, {@code Gql.principal} and
 * {@code Gql.locale} read it too, and so does {@code @auth}.
 *
 * @param connectionId the correlation id of the upgrade request: every bus request made for the
 *                     connection carries it, and so do the log lines they cause
 * @param principal the subject of the verified access token ({@code "authorization": "Bearer <token>"}
 *                  in the {@code connection_init} payload, else the upgrade request's
 *                  {@code Authorization} header), null for an anonymous connection. The token was
 *                  valid when the connection was initialised; the connection closes (4403) when it expires.
 * @param cartToken the {@code cartToken} of the {@code connection_init} payload exactly as sent, null
 *                  without one. <b>Not verified here</b>: a fetcher that uses it must have its
 *                  context check that it is the cart's token before it sends anything
 * @param clientIp the client's address ({@code ClientAddress}), for per-client limits
 * @param acceptLanguage the upgrade request's {@code Accept-Language}, null without one
 */
public record LiveCaller(String connectionId, Principal principal, String cartToken, String clientIp,
                         String acceptLanguage) {

  /** The caller of an operation run over a WebSocket connection, null for one sent over HTTP. */
  public static LiveCaller of(DataFetchingEnvironment env) {
    return of(env.getGraphQlContext());
  }

  /** See {@link #of(DataFetchingEnvironment)}. */
  public static LiveCaller of(GraphQLContext context) {
    return context == null ? null : context.get(LiveCaller.class);
  }

  /** Who the bus requests made for this connection act for: its correlation id and authenticated actor. */
  public Caller caller() {
    return new Caller(connectionId, principal == null ? null : principal.actor());
  }
}
