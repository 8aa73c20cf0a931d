package io.forelight.frms.bench;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.devstack.Stack;
import io.forelight.frms.node.NodeConfig;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * An actor system with the coordinator's config, not a cluster member, on {@code stack}'s Cassandra
 * and its own keyspace: for benchmarks that time one part of the coordinator in-process.
 */
final class LocalCoordinatorSystem {

  private LocalCoordinatorSystem() {}

  static ActorSystem<Void> start(String name, Stack stack, String keyspace) {
    return ActorSystem.create(
        Behaviors.empty(),
        name,
        NodeConfig.load(
            ConfigFactory.parseString(
                String.join(
                    "\n",
                    "pekko.actor.provider = local",
                    "frms.coordinator.ownership.fence-writes = off",
                    "pekko.persistence.cassandra.journal.keyspace = " + keyspace,
                    "datastax-java-driver.basic.contact-points = [\""
                        + stack.cassandraContactPoint()
                        + "\"]")),
            "coordinator-node.conf"));
  }
}
