package io.kinetic.kernel.contract.recommendations;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;

/**
 * The recommendations context's bus contract: storefront behaviour events in, recommendations per
 * situation out, and the recommender's figures for admins. It publishes no events of its own. Its
 * models live in memory on the node that serves them, so requests stay on the caller's node.
 */
public final class RecommendationsApi {

  public static final Endpoint<RecordEvents, EventsRecorded> RECORD_EVENTS =
    Endpoint.local("recommendations.record-events", RecordEvents.class, EventsRecorded.class);
  public static final Endpoint<Recommend, Recommendations> RECOMMEND =
    Endpoint.local("recommendations.recommend", Recommend.class, Recommendations.class);
  public static final Endpoint<GetRecommenderReport, RecommenderReport> GET_REPORT =
    Endpoint.local("recommendations.get-report", GetRecommenderReport.class, RecommenderReport.class);

  public static final Contract CONTRACT = Contract.of("recommendations", null, RECORD_EVENTS, RECOMMEND, GET_REPORT);

  private RecommendationsApi() {
  }
}
