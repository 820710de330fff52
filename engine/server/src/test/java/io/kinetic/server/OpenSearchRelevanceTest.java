package io.kinetic.server;

/**
 * {@link SearchRelevanceTest}'s cases on the OpenSearch backend: an engine with
 * {@code COMMERCE_OPENSEARCH_URL} on a real OpenSearch node started by the test ({@link OpenSearchEngine});
 * skipped, saying why, when no node can start.
 */
class OpenSearchRelevanceTest extends SearchRelevanceTest {

  private static SearchShop opensearch;

  @Override
  SearchShop engine(SearchShop postgres) throws Exception {
    synchronized (OpenSearchRelevanceTest.class) {
      if (opensearch == null) {
        opensearch = new SearchShop(OpenSearchEngine.client());
      }
      return opensearch;
    }
  }
}
