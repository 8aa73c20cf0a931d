package io.forelight.frms.devkit.cassandra;

import io.forelight.frms.devkit.FreePorts;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded Cassandra by hand until Ctrl-C: {@code --data-dir DIR} (default var/cassandra),
 * {@code --port CQL} (default 9042), {@code --storage-port P} (default a free one), {@code
 * --heap-mb M} (default 512).
 */
public final class CassandraMain {

  private CassandraMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path dataDir = Path.of("var/cassandra");
    int port = 9042;
    int storagePort = FreePorts.pick();
    int heapMb = CassandraSettings.DEFAULT_HEAP_MB;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(args[i + 1]);
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--storage-port" -> storagePort = Integer.parseInt(args[i + 1]);
        case "--heap-mb" -> heapMb = Integer.parseInt(args[i + 1]);
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    try {
      EmbeddedCassandra cassandra =
          EmbeddedCassandra.start(new CassandraSettings(dataDir, port, storagePort, heapMb));
      System.out.println(
          "Cassandra answers CQL on "
              + cassandra.contactPoint()
              + " (data in "
              + dataDir
              + "); Ctrl-C stops it");
      new CountDownLatch(1).await();
    } catch (CassandraStartException | IllegalArgumentException e) {
      System.err.println("cassandra: " + e.getMessage());
      System.exit(1);
    }
  }
}
