package io.forelight.frms.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * A coordinator node to run: its host (the address it binds and is reached at: loopback, or its own
 * on a lab network), ports, cluster seeds, Cassandra and fleet file.
 */
public record CoordinatorSpec(
    String name,
    String host,
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

  /** A coordinator on loopback. */
  public CoordinatorSpec(
      String name,
      int httpPort,
      int managementPort,
      int clusterPort,
      List<String> seedNodes,
      String cassandraContactPoint,
      String keyspace,
      Path fleetFile,
      String extraConfig) {
    this(
        name,
        "127.0.0.1",
        httpPort,
        managementPort,
        clusterPort,
        seedNodes,
        cassandraContactPoint,
        keyspace,
        fleetFile,
        extraConfig);
  }

  /** A coordinator alone in its cluster on loopback, its other ports free ones. */
  public static CoordinatorSpec alone(
      String name, int httpPort, String cassandraContactPoint, String keyspace, Path fleetFile) {
    int clusterPort = io.forelight.frms.devkit.FreePorts.pick();
    return new CoordinatorSpec(
        name,
        httpPort,
        io.forelight.frms.devkit.FreePorts.pick(),
        clusterPort,
        List.of("pekko://frms@127.0.0.1:" + clusterPort),
        cassandraContactPoint,
        keyspace,
        fleetFile,
        "");
  }

  /** This spec with {@code more} config after its own. */
  public CoordinatorSpec withExtraConfig(String more) {
    return new CoordinatorSpec(
        name,
        host,
        httpPort,
        managementPort,
        clusterPort,
        seedNodes,
        cassandraContactPoint,
        keyspace,
        fleetFile,
        extraConfig + "\n" + more);
  }

  public String clusterAddress() {
    return "pekko://frms@" + host + ":" + clusterPort;
  }

  String config() {
    StringBuilder seeds = new StringBuilder();
    for (String seed : seedNodes) {
      seeds.append(seeds.length() == 0 ? "" : ", ").append('"').append(seed).append('"');
    }
    return String.join(
        "\n",
        "frms.coordinator {",
        // plain HTTP also off loopback: test networks are private to the test
        "  http { interface = \"" + host + "\", port = " + httpPort + ", allow-plain-http = on }",
        "  fleet { file = \"" + fleetFile + "\" }",
        "}",
        "pekko.remote.artery.canonical { hostname = \"" + host + "\", port = " + clusterPort + " }",
        "pekko.cluster.seed-nodes = [" + seeds + "]",
        "pekko.management.http { hostname = \"" + host + "\", port = " + managementPort + " }",
        "pekko.persistence.cassandra.journal.keyspace = \"" + keyspace + "\"",
        "datastax-java-driver.basic.contact-points = [\"" + cassandraContactPoint + "\"]",
        extraConfig,
        "");
  }
}
