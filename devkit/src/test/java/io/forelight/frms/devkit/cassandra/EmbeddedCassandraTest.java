package io.forelight.frms.devkit.cassandra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedCassandraTest {

  @Test
  void answersCqlAfterStartAndNotAfterStopAndComesBackOnItsData(@TempDir Path dir) {
    CassandraSettings settings = CassandraSettings.withFreePorts(dir);
    EmbeddedCassandra cassandra = EmbeddedCassandra.start(settings);
    try {
      assertTrue(CqlProbe.answers(settings.cqlPort(), 2000), "CQL answers after start");
      cassandra.stop();
      assertFalse(cassandra.isRunning(), "process gone after stop");
      assertFalse(CqlProbe.answers(settings.cqlPort(), 500), "CQL silent after stop");

      cassandra = EmbeddedCassandra.start(settings);
      assertTrue(CqlProbe.answers(settings.cqlPort(), 2000), "CQL answers after restart");
    } finally {
      cassandra.stop();
    }
  }

  @Test
  void refusesToStartOnAPortInUseAndSaysWhichPort(@TempDir Path dir) throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      CassandraSettings settings =
          new CassandraSettings(dir, port, FreePorts.pick(), CassandraSettings.DEFAULT_HEAP_MB);
      CassandraStartException error =
          assertThrows(CassandraStartException.class, () -> EmbeddedCassandra.start(settings));
      assertTrue(error.getMessage().contains("port " + port + " (CQL) is already in use"));
    }
  }

  @Test
  void refusesSettingsThatCannotWork(@TempDir Path dir) {
    IllegalArgumentException samePorts =
        assertThrows(
            IllegalArgumentException.class, () -> new CassandraSettings(dir, 9042, 9042, 512));
    assertTrue(samePorts.getMessage().contains("both 9042"));
    IllegalArgumentException tinyHeap =
        assertThrows(
            IllegalArgumentException.class, () -> new CassandraSettings(dir, 9042, 7000, 64));
    assertTrue(tinyHeap.getMessage().contains("at least 256 MB"));
  }
}
