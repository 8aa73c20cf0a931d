package io.forelight.frms.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.node.NodeConfig;

/** Coordinator configs for tests: the node's own defaults with test overrides. */
public final class TestConfigs {

  private TestConfigs() {}

  /**
   * A local (non-cluster) actor system persisting into the test's own Cassandra keyspace: entities
   * run unsharded, so there are no shard leases to fence their writes with.
   */
  public static Config cassandra(TestCassandra cassandra) {
    return NodeConfig.load(
        ConfigFactory.parseString(
            String.join(
                "\n",
                "pekko.actor.provider = local",
                "frms.coordinator.ownership.fence-writes = off",
                "pekko.persistence.cassandra.journal.keyspace = " + cassandra.keyspace(),
                "datastax-java-driver.basic.contact-points = [\""
                    + cassandra.contactPoint()
                    + "\"]",
                "pekko.loglevel = DEBUG")),
        "coordinator-node.conf");
  }

  /**
   * A one-node cluster (it joins itself when the test says so) with the node's real ownership
   * setup: sharded entities hold Cassandra leases, writes are fenced. Lease times shortened to
   * {@code ttl} (with a 1 s margin) so tests see them expire.
   */
  public static Config cluster(TestCassandra cassandra, String ttl) {
    return NodeConfig.load(
        ConfigFactory.parseString(
            String.join(
                "\n",
                "pekko.remote.artery.canonical { hostname = \"127.0.0.1\", port = 0 }",
                "pekko.cluster.seed-nodes = []",
                "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on",
                "pekko.persistence.cassandra.journal.keyspace = " + cassandra.keyspace(),
                "datastax-java-driver.basic.contact-points = [\""
                    + cassandra.contactPoint()
                    + "\"]",
                "frms.coordinator.ownership.lease {",
                "  heartbeat-timeout = " + ttl,
                "  heartbeat-interval = 300ms",
                "  safety-margin = 1s",
                "  lease-operation-timeout = 1s",
                "  acquire-retry-interval = 200ms",
                "  release-check-interval = 200ms",
                "}")),
        "coordinator-node.conf");
  }
}
