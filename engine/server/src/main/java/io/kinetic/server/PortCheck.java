package io.kinetic.server;

import io.kinetic.kernel.config.ConfigException;
import io.kinetic.kernel.config.ConfigLoader;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks, before anything is started, that a port the engine is about to listen on is free, so a
 * second engine (or any other server) on the port fails at once with a message naming the port
 * and the variable that moves it, instead of after the embedded services and migrations.
 */
final class PortCheck {

  private PortCheck() {
  }

  /**
   * Binds {@code host:port} for a moment the way the servers will (address reuse on, so sockets
   * left in TIME_WAIT by a previous run do not count). Port 0 (any free port) is always free.
   *
   * @throws ConfigException naming {@code key} and its environment variable when the port is taken
   */
  static void requireFree(String host, int port, String key) {
    if (port == 0) {
      return;
    }
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      String reason = String.valueOf(e.getMessage());
      if (reason.toLowerCase().contains("in use")) {
        throw new ConfigException(key, "port " + port + " on " + host + " is already in use (another engine or server"
          + " listens on it): stop it, or choose another port with " + ConfigLoader.envName(key) + "=<port>"
          + " (0 picks a free one)");
      }
      throw new ConfigException(key, "cannot listen on " + host + ":" + port + ": " + reason);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }
}
