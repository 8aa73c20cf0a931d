package io.forelight.frms.devkit.junit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Drops the keyspaces a test class made (its own and any named after it, such as a second cluster's
 * {@code <keyspace>_two}) when the class ends. Every table costs the shared test Cassandra heap
 * whether or not it is used, so a suite that kept them all ran it out of memory (RELIABILITY.md,
 * "what the suite found"). Needs the Cassandra driver on the test classpath.
 */
final class KeyspaceCleanup {

  private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

  private KeyspaceCleanup() {}

  /** Drops {@code keyspace} and every keyspace whose name starts with {@code keyspace + "_"}. */
  static void drop(String host, int port, String keyspace) {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, SCHEMA_TIMEOUT)
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_TIMEOUT)
            .build();
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(host, port))
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(config)
            .build()) {
      List<String> names =
          session.execute("SELECT keyspace_name FROM system_schema.keyspaces").all().stream()
              .map((Row row) -> row.getString("keyspace_name"))
              .filter(name -> name.equals(keyspace) || name.startsWith(keyspace + "_"))
              .toList();
      for (String name : names) {
        session.execute("DROP KEYSPACE IF EXISTS " + name);
      }
    }
  }
}
