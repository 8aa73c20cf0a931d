package io.forelight.frms.bench;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devkit.RemoteJmx;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.Stack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One coordinator node of a {@link BenchFleet}: its process, HTTP API and remote JMX. */
final class BenchCoordinator implements AutoCloseable {

  final String name;
  final NodeProcess process;
  final CoordinatorApi api;
  final RemoteJmx jmx;

  /** The cluster port other nodes join through. */
  final int clusterPort;

  private BenchCoordinator(
      String name, NodeProcess process, CoordinatorApi api, RemoteJmx jmx, int clusterPort) {
    this.name = name;
    this.clusterPort = clusterPort;
    this.process = process;
    this.api = api;
    this.jmx = jmx;
  }

  /**
   * Starts a coordinator of the cluster whose first node listens on {@code seedPort} (this one's
   * own cluster port when {@code seedPort} is 0), and returns once its API answers.
   */
  static BenchCoordinator start(
      Stack stack,
      String name,
      int seedPort,
      String keyspace,
      Path fleetFile,
      String heap,
      List<String> extraJvmArgs)
      throws IOException {
    int clusterPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    int jmxPort = FreePorts.pick();
    List<String> jvmArgs = new ArrayList<>(RemoteJmx.flags(jmxPort));
    jvmArgs.add("-Xmx" + heap);
    jvmArgs.addAll(extraJvmArgs);
    NodeProcess process =
        stack
            .startCoordinator(
                new CoordinatorSpec(
                    name,
                    httpPort,
                    FreePorts.pick(),
                    clusterPort,
                    List.of("pekko://frms@127.0.0.1:" + (seedPort == 0 ? clusterPort : seedPort)),
                    stack.cassandra().contactPoint(),
                    keyspace,
                    fleetFile,
                    ""),
                jvmArgs)
            .process();
    CoordinatorApi api = new CoordinatorApi(httpPort);
    Await.until(
        Duration.ofSeconds(120),
        name + " answers",
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(name + " ended:\n" + process.logTail(20));
          }
          return api.get("/api/reactors").isPresent();
        });
    return new BenchCoordinator(name, process, api, RemoteJmx.connect(jmxPort), clusterPort);
  }

  /** An attribute of this node's Fleet MBean (links and ingest on this node). */
  int fleetInt(String attribute) {
    return (int) fleetLong(attribute);
  }

  long fleetLong(String attribute) {
    return ((Number) jmx.get(BenchFleet.FLEET, attribute)).longValue();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    try {
      jmx.close();
    } catch (IOException ignored) {
      // the process is stopped with the stack anyway
    }
  }
}
