package io.forelight.frms.devkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(CassandraExtension.class)
class KeyspaceCleanupTest {

  @Test
  void dropsTheClassKeyspaceAndThoseNamedAfterItOnly(TestCassandra cassandra) {
    String own = cassandra.keyspace();
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.port()))
            .withLocalDatacenter("datacenter1")
            .build()) {
      for (String name : Set.of(own, own + "_two", own + "x")) {
        session.execute(
            "CREATE KEYSPACE "
                + name
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      }

      KeyspaceCleanup.drop("127.0.0.1", cassandra.port(), own);

      Set<String> left =
          session.execute("SELECT keyspace_name FROM system_schema.keyspaces").all().stream()
              .map(row -> row.getString("keyspace_name"))
              .filter(name -> name.startsWith(own))
              .collect(Collectors.toSet());
      assertEquals(Set.of(own + "x"), left, "only a keyspace merely sharing the prefix is left");
      session.execute("DROP KEYSPACE " + own + "x");
    }
  }
}
