package io.forelight.frms.devkit.cassandra;

import io.forelight.frms.devkit.FreePorts;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how an embedded Cassandra runs: its data directory (config, data, commit log and logs
 * all go under it), the CQL port clients use, the storage (gossip) port, and the heap size.
 */
public record CassandraSettings(Path dataDir, int cqlPort, int storagePort, int heapMb) {

  public static final int DEFAULT_HEAP_MB = 512;

  public CassandraSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    checkPort("cqlPort", cqlPort);
    checkPort("storagePort", storagePort);
    if (cqlPort == storagePort) {
      throw new IllegalArgumentException(
          "Cassandra needs two different ports, but cqlPort and storagePort are both " + cqlPort);
    }
    if (heapMb < 256) {
      throw new IllegalArgumentException(
          "Cassandra heap must be at least 256 MB, got " + heapMb + " MB");
    }
  }

  /** Settings with free ports picked now and the default heap. */
  public static CassandraSettings withFreePorts(Path dataDir) {
    return new CassandraSettings(dataDir, FreePorts.pick(), FreePorts.pick(), DEFAULT_HEAP_MB);
  }

  private static void checkPort(String name, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 1..65535, got " + port);
    }
  }
}
