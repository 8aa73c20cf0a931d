package io.forelight.frms.devkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks TCP ports on loopback that are free now and were not handed out before by this JVM. They
 * come from below the kernel's ephemeral range (32768 and up on Linux), which the system takes
 * source ports of outgoing connections from: a port picked there (by binding port 0) could be taken
 * by some connection before the process it was picked for binds it ("Address already in use" in a
 * bench's reactor host). Each JVM starts at a random place, so two picking at once rarely meet.
 */
public final class FreePorts {

  static final int LOWEST = 15_000;
  static final int END = 32_768;

  private static final Set<Integer> handedOut = new HashSet<>();
  private static int next =
      LOWEST + java.util.concurrent.ThreadLocalRandom.current().nextInt(END - LOWEST);

  private FreePorts() {}

  /** Makes the next pick try {@code port} first (for tests). */
  static synchronized void startAt(int port) {
    next = port;
  }

  public static synchronized int pick() {
    for (int attempt = 0; attempt < END - LOWEST; attempt++) {
      int port = next;
      next = next + 1 < END ? next + 1 : LOWEST;
      if (!handedOut.contains(port) && bindable(port, false)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException(
        "no free loopback port from " + LOWEST + " to " + (END - 1) + " is left");
  }

  /** True when nothing listens on the port and it can be bound on loopback now. */
  public static boolean isFree(int port) {
    return bindable(port, true);
  }

  /** Without address reuse, a port some connection still lingers on (TIME_WAIT) is not taken. */
  private static boolean bindable(int port, boolean reuseAddress) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(reuseAddress);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
