package io.forelight.frms.devstack;

import java.nio.file.Path;
import java.util.List;

/** A coordinator node to run: its ports, cluster seeds, Cassandra and fleet file. */
public record CoordinatorSpec(
    String name,
    int httpPort,
    int managementPort,
    int clusterPort,
    List<String> seedNodes,
    String cassandraContactPoint,
    String keyspace,
    Path fleetFile,
    String extraConfig) {

  public CoordinatorSpec {
    seedNodes = List.copyOf(seedNodes);
  }

  public String clusterAddress() {
    return "pekko://frms@127.0.0.1:" + clusterPort;
  }

  String config() {
    StringBuilder seeds = new StringBuilder();
    for (String seed : seedNodes) {
      seeds.append(seeds.length() == 0 ? "" : ", ").append('"').append(seed).append('"');
    }
    return String.join(
        "\n",
        "frms.coordinator {",
        "  http { interface = \"127.0.0.1\", port = " + httpPort + " }",
        "  fleet { file = \"" + fleetFile + "\" }",
        "}",
        "pekko.remote.artery.canonical { hostname = \"127.0.0.1\", port = " + clusterPort + " }",
        "pekko.cluster.seed-nodes = [" + seeds + "]",
        "pekko.management.http { hostname = \"127.0.0.1\", port = " + managementPort + " }",
        "pekko.persistence.cassandra.journal.keyspace = \"" + keyspace + "\"",
        "datastax-java-driver.basic.contact-points = [\"" + cassandraContactPoint + "\"]",
        extraConfig,
        "");
  }
}
