package io.forelight.frms.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Picks TCP ports on loopback that are free now and were not handed out before by this JVM. */
public final class FreePorts {

  private static final Set<Integer> handedOut = new HashSet<>();

  private FreePorts() {}

  public static synchronized int pick() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = socket.getLocalPort();
        if (handedOut.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open a socket on loopback to find a free port", e);
      }
    }
    throw new IllegalStateException("no free loopback port found after 50 attempts");
  }

  /** True when nothing listens on the port and it can be bound on loopback now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
