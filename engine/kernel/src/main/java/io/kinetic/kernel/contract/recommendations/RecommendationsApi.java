package io.kinetic.kernel.contract.recommendations;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;

/**
 * The recommendations context's bus contract: storefront behaviour events in, recommendations per
 * situation out, and the recommender's figures and settings for admins. It publishes no events of its own. Its
 * models live in memory on the node that serves them, so requests stay on the caller's node.
 */
public final class RecommendationsApi {

  public static final Endpoint<RecordEvents, EventsRecorded> RECORD_EVENTS =
    Endpoint.local("recommendations.record-events", RecordEvents.class, EventsRecorded.class);
  public static final Endpoint<Recommend, Recommendations> RECOMMEND =
    Endpoint.local("recommendations.recommend", Recommend.class, Recommendations.class);
  public static final Endpoint<GetRecommenderReport, RecommenderReport> GET_REPORT =
    Endpoint.local("recommendations.get-report", GetRecommenderReport.class, RecommenderReport.class);

  public static final Endpoint<GetRecommenderSettings, RecommenderSettings> GET_SETTINGS =
    Endpoint.local("recommendations.get-settings", GetRecommenderSettings.class, RecommenderSettings.class);
  public static final Endpoint<SetRecommenderSettings, RecommenderSettings> SET_SETTINGS =
    Endpoint.local("recommendations.set-settings", SetRecommenderSettings.class, RecommenderSettings.class);

  public static final Contract CONTRACT = Contract.of("recommendations", null, RECORD_EVENTS, RECOMMEND, GET_REPORT,
    GET_SETTINGS, SET_SETTINGS);

  /** Published (to every node) when the settings changed: the body is the new version, as text. */
  public static final String SETTINGS_CHANGED = "recommendations.settings-changed";

  /**
   * Published (to every node, in cluster mode) by the node that stored new behaviour events or an
   * order's lines, so that every node's models learn them once (a JSON object, internal to the
   * recommendations context).
   */
  public static final String LEARNED = "recommendations.learned";

  private RecommendationsApi() {
  }
}
