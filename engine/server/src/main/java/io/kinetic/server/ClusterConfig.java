package io.kinetic.server;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.kinetic.kernel.config.AppConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * The Hazelcast configuration of a cluster node, built from {@code cluster.*}: the Vert.x defaults
 * ({@code cluster.xml} on the classpath when present, else the maps Vert.x needs), then the cluster
 * name, the member port and the discovery. With {@code cluster.members} set, nodes join over TCP to
 * the listed addresses (networks without multicast: clouds, containers, CI); otherwise by multicast.
 */
final class ClusterConfig {

  private ClusterConfig() {
  }

  static Config hazelcast(AppConfig.Cluster cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    // the engine leaves the cluster itself when it stops (after draining); Hazelcast's own hook
    // would drop the member at the first SIGTERM, while requests are still being served
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    if (!cluster.host().isEmpty()) {
      config.setProperty("hazelcast.local.localAddress", cluster.host());
    }
    config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(true);
    JoinConfig join = config.getNetworkConfig().getJoin();
    if (!cluster.members().isEmpty()) {
      join.getMulticastConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    } else {
      join.getTcpIpConfig().setEnabled(false);
      join.getMulticastConfig().setEnabled(true);
    }
    return config;
  }
}
