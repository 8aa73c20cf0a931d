package io.forelight.frms.coordinator.storage;

import com.typesafe.config.Config;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The coordinator's keyspace, created if missing with the replication the journal is configured
 * with ({@code pekko.persistence.cassandra.journal}): the read model and the lease table may be
 * created before the journal plugin creates it.
 */
public final class Keyspace {

  private Keyspace() {}

  public static CompletionStage<Done> create(
      CassandraSession session, String keyspace, Config journal) {
    return session.executeDDL(
        "CREATE KEYSPACE IF NOT EXISTS "
            + keyspace
            + " WITH replication = "
            + replication(journal));
  }

  static String replication(Config journal) {
    if (journal.getString("replication-strategy").equals("NetworkTopologyStrategy")) {
      return "{'class': 'NetworkTopologyStrategy', "
          + String.join(
              ", ",
              journal.getStringList("data-center-replication-factors").stream()
                  .map(dc -> "'" + dc.split(":")[0] + "': " + dc.split(":")[1])
                  .toList())
          + "}";
    }
    return "{'class': 'SimpleStrategy', 'replication_factor': "
        + journal.getInt("replication-factor")
        + "}";
  }
}
