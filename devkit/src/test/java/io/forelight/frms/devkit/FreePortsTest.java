package io.forelight.frms.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void picksDistinctFreePortsBelowTheEphemeralRange() throws Exception {
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = FreePorts.pick();
      assertTrue(port >= FreePorts.LOWEST && port < FreePorts.END, "port " + port);
      picked.add(port);
    }
    assertEquals(200, picked.size(), "never the same port twice");
  }

  @Test
  void skipsAPortSomethingElseListensOn() throws Exception {
    int before = FreePorts.pick();
    int busy = before + 1 < FreePorts.END ? before + 1 : FreePorts.LOWEST; // never handed out
    try (ServerSocket other = new ServerSocket()) {
      other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), busy));
      FreePorts.startAt(busy);

      int picked = FreePorts.pick();

      assertNotEquals(busy, picked);
      assertTrue(FreePorts.isFree(picked));
    }
  }
}
