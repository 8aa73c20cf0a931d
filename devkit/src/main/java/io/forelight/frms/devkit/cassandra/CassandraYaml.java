package io.forelight.frms.devkit.cassandra;

import java.nio.file.Path;

/**
 * The smallest cassandra.yaml for one node on loopback: everything under the data directory, no
 * authentication (unless asked for, with client TLS), small thread pools and memtables so that it
 * fits beside the application.
 */
final class CassandraYaml {

  private CassandraYaml() {}

  /**
   * The memtables' space on the heap, and as much again off it: {@link
   * EmbeddedCassandra#MEMTABLE_PROPERTY} if set, else a quarter of Cassandra's heap (Cassandra's
   * own default).
   */
  static int memtableMb(int heapMb) {
    return wholeNumber(EmbeddedCassandra.MEMTABLE_PROPERTY, heapMb / 4, 16, "MiB");
  }

  /** Compaction's cap: {@link EmbeddedCassandra#COMPACTION_PROPERTY} if set, else 64 MiB/s. */
  static int compactionMibPerSecond() {
    return wholeNumber(EmbeddedCassandra.COMPACTION_PROPERTY, 64, 1, "MiB per second");
  }

  /** The system property {@code name} as a whole number of at least {@code min}, or its default. */
  private static int wholeNumber(String name, int byDefault, int min, String unit) {
    String value = System.getProperty(name, Integer.toString(byDefault));
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min) {
        return number;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException(
        name
            + " must be a whole number of "
            + unit
            + ", at least "
            + min
            + ", got '"
            + value
            + "'");
  }

  static String render(CassandraSettings settings) {
    Path dir = settings.dataDir().toAbsolutePath();
    int memtableMb = memtableMb(settings.heapMb());
    return String.join(
        "\n",
        "cluster_name: frms-dev",
        "num_tokens: 16",
        "allocate_tokens_for_local_replication_factor: 1",
        "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
        "listen_address: 127.0.0.1",
        "rpc_address: 127.0.0.1",
        "storage_port: " + settings.storagePort(),
        "native_transport_port: " + settings.cqlPort(),
        "start_native_transport: true",
        "seed_provider:",
        "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
        "    parameters:",
        "      - seeds: \"127.0.0.1:" + settings.storagePort() + "\"",
        "data_file_directories:",
        "  - " + dir.resolve("data"),
        "commitlog_directory: " + dir.resolve("commitlog"),
        "hints_directory: " + dir.resolve("hints"),
        "saved_caches_directory: " + dir.resolve("saved_caches"),
        "cdc_raw_directory: " + dir.resolve("cdc_raw"),
        "endpoint_snitch: SimpleSnitch",
        settings.security().isPresent()
            ? "authenticator: PasswordAuthenticator"
            : "authenticator: AllowAllAuthenticator",
        "authorizer: AllowAllAuthorizer",
        "role_manager: CassandraRoleManager",
        "commitlog_sync: periodic",
        "commitlog_sync_period: 10000ms",
        "commitlog_segment_size: 32MiB",
        "concurrent_reads: 8",
        "concurrent_writes: 16",
        "concurrent_counter_writes: 4",
        "concurrent_materialized_view_writes: 4",
        "compaction_throughput: " + compactionMibPerSecond() + "MiB/s",
        "memtable_heap_space: " + memtableMb + "MiB",
        "memtable_offheap_space: " + memtableMb + "MiB",
        // Cassandra 5's trie memtables with their cells off the heap (as its cassandra_latest.yaml
        // has them): fewer objects per write for its collector than the skip list on the heap.
        "memtable_allocation_type: offheap_objects",
        "memtable:",
        "  configurations:",
        "    default:",
        "      class_name: TrieMemtable",
        "key_cache_size: 16MiB",
        "disk_failure_policy: stop",
        "commit_failure_policy: stop",
        "hinted_handoff_enabled: false",
        "dynamic_snitch: false",
        "auto_snapshot: false",
        "batch_size_warn_threshold: 64KiB",
        "batch_size_fail_threshold: 640KiB",
        settings
            .security()
            .map(
                s ->
                    String.join(
                        "\n",
                        "client_encryption_options:",
                        "  enabled: true",
                        "  optional: false",
                        "  keystore: " + s.keystore().toAbsolutePath(),
                        "  keystore_password: \"" + s.password() + "\"",
                        "  store_type: PKCS12",
                        "  require_client_auth: false"))
            .orElse(""),
        "");
  }

  static String logback(Path logDir) {
    return String.join(
        "\n",
        "<configuration scan=\"false\">",
        "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">",
        "    <file>" + logDir.resolve("system.log").toAbsolutePath() + "</file>",
        "    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{20} - %msg%n</pattern>"
            + "</encoder>",
        "  </appender>",
        "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>",
        "</configuration>",
        "");
  }
}
