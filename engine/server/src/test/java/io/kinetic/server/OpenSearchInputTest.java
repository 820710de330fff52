package io.kinetic.server;

/**
 * {@link SearchInputTest}'s cases on the OpenSearch backend: an engine with
 * {@code COMMERCE_OPENSEARCH_URL} on a real OpenSearch node started by the test ({@link OpenSearchEngine});
 * skipped, saying why, when no node can start.
 */
class OpenSearchInputTest extends SearchInputTest {

  private static SearchShop opensearch;

  @Override
  SearchShop engine(SearchShop postgres) throws Exception {
    synchronized (OpenSearchInputTest.class) {
      if (opensearch == null) {
        opensearch = new SearchShop(OpenSearchEngine.client());
      }
      return opensearch;
    }
  }
}
