package io.forelight.frms.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.node.NodeConfig;

/** Coordinator configs for tests: the node's own defaults with test overrides. */
public final class TestConfigs {

  private TestConfigs() {}

  /** A local (non-cluster) actor system persisting into the test's own Cassandra keyspace. */
  public static Config cassandra(TestCassandra cassandra) {
    return NodeConfig.load(
        ConfigFactory.parseString(
            String.join(
                "\n",
                "pekko.actor.provider = local",
                "pekko.persistence.cassandra.journal.keyspace = " + cassandra.keyspace(),
                "datastax-java-driver.basic.contact-points = [\""
                    + cassandra.contactPoint()
                    + "\"]",
                "pekko.loglevel = DEBUG")),
        "coordinator-node.conf");
  }
}
