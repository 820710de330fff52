package io.kinetic.server;

/**
 * {@link SearchSyncTest}'s cases on the OpenSearch backend: an engine with
 * {@code COMMERCE_OPENSEARCH_URL} on a real OpenSearch node started by the test ({@link OpenSearchEngine});
 * skipped, saying why, when no node can start.
 */
class OpenSearchSyncTest extends SearchSyncTest {

  private static SearchShop opensearch;

  @Override
  SearchShop engine(SearchShop postgres) throws Exception {
    synchronized (OpenSearchSyncTest.class) {
      if (opensearch == null) {
        opensearch = new SearchShop(OpenSearchEngine.client());
      }
      return opensearch;
    }
  }

  @Override
  long stockMillis() {
    return 5_000;
  }

  @Override
  int port() throws Exception {
    return OpenSearchEngine.httpPort();
  }
}
