package io.forelight.frms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devkit.RemoteJmx;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real stack from the jars for benchmarks: the embedded Cassandra, one coordinator node (with
 * remote JMX) and simulated reactors in {@link ReactorHost} processes, added a host at a time. A
 * host's links can go through {@link FaultProxy}s so that they can be cut.
 */
final class BenchFleet implements AutoCloseable {

  static final String LATENCY = "io.forelight.frms:type=IngestLatency";
  static final String HOST = "io.forelight.frms.bench:type=ReactorHost";

  /** One load-generator process and the JMX connection to it. */
  record Host(NodeProcess process, RemoteJmx jmx, List<String> reactors) {}

  final Stack stack;
  final CoordinatorApi api;
  final RemoteJmx coordinatorJmx;
  final long coordinatorPid;
  final List<String> reactors = new ArrayList<>();
  final List<FaultProxy> proxies = new ArrayList<>();
  final List<Host> hosts = new ArrayList<>();
  private final Map<String, String> fleet = new LinkedHashMap<>();

  BenchFleet(String coordinatorHeap) throws Exception {
    stack = new Stack(Files.createTempDirectory("frms-bench"));
    System.out.println("work directory " + stack.workDir());
    stack.startCassandra(FreePorts.pick(), FreePorts.pick());
    int clusterPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    int jmxPort = FreePorts.pick();
    List<String> jvmArgs = new ArrayList<>(RemoteJmx.flags(jmxPort));
    jvmArgs.add("-Xmx" + coordinatorHeap);
    coordinatorPid =
        stack
            .startCoordinator(
                new CoordinatorSpec(
                    "bench-coordinator",
                    httpPort,
                    FreePorts.pick(),
                    clusterPort,
                    List.of("pekko://frms@127.0.0.1:" + clusterPort),
                    stack.cassandra().contactPoint(),
                    "frms_bench",
                    stack.writeFleet(fleet),
                    ""),
                jvmArgs)
            .process()
            .pid();
    api = new CoordinatorApi(httpPort);
    Await.until(
        Duration.ofSeconds(120),
        "the coordinator answers",
        () -> api.get("/api/reactors").isPresent());
    coordinatorJmx = RemoteJmx.connect(jmxPort);
  }

  /**
   * Starts a host with {@code count} more reactors and adds them to the fleet file (the coordinator
   * picks the change up within seconds); returns once every link of the fleet is live.
   */
  Host addHost(int count, int sensors, String interval, boolean viaProxies) throws Exception {
    String name = "host-" + (hosts.size() + 1);
    StringBuilder ports = new StringBuilder();
    List<String> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "bench-" + (reactors.size() + 1);
      int port = FreePorts.pick();
      ports.append("    ").append(id).append(" = ").append(port).append('\n');
      String address = "127.0.0.1:" + port;
      if (viaProxies) {
        FaultProxy proxy = FaultProxy.to(port);
        proxies.add(proxy);
        address = proxy.address();
      }
      reactors.add(id);
      added.add(id);
      fleet.put(id, address);
    }
    Path config = stack.workDir().resolve("conf/" + name + ".conf");
    Files.createDirectories(config.getParent());
    Files.writeString(
        config,
        String.join(
            "\n",
            "frms.bench.host {",
            "  data-dir = \"" + stack.workDir().resolve("data/" + name) + "\"",
            "  sensors = " + sensors,
            "  interval = " + interval,
            "  reactors {",
            ports + "  }",
            "}",
            ""));
    int jmxPort = FreePorts.pick();
    List<String> jvmArgs = new ArrayList<>(RemoteJmx.flags(jmxPort));
    jvmArgs.addAll(List.of("-Xmx" + Math.max(256, count * 3) + "m", "-XX:+UseSerialGC"));
    NodeProcess process =
        NodeProcess.start(
            name,
            benchJar(),
            jvmArgs,
            List.of("reactor-host", "--config", config.toString()),
            Map.of(),
            stack.workDir().resolve("logs/" + name + ".log"));
    Await.until(
        Duration.ofSeconds(120),
        name + " serves JMX",
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(name + " ended:\n" + process.logTail(20));
          }
          try (RemoteJmx probe = RemoteJmx.connect(jmxPort)) {
            return probe.isRegistered(HOST);
          } catch (IOException notYet) {
            return false;
          }
        });
    Host host = new Host(process, RemoteJmx.connect(jmxPort), added);
    hosts.add(host);
    stack.writeFleet(fleet);
    Await.until(Duration.ofSeconds(300), "every link live", () -> liveLinks() == reactors.size());
    return host;
  }

  /**
   * Stops every host and takes its reactors out of the fleet file. (The coordinator keeps their
   * entities: it does not retire reactors that leave the fleet.)
   */
  void removeHosts() throws IOException {
    for (Host host : hosts) {
      host.jmx().close();
      host.process().close();
      reactors.removeAll(host.reactors());
      fleet.keySet().removeAll(host.reactors());
    }
    hosts.clear();
    stack.writeFleet(fleet);
  }

  /** Links of the current reactors that the coordinator reports live. */
  long liveLinks() {
    long live = 0;
    for (JsonNode reactor : currentReactors()) {
      if ("live".equals(reactor.path("link").asText())) {
        live++;
      }
    }
    return live;
  }

  /** Readings of the current reactors stored in Cassandra since the coordinator started. */
  long stored() {
    long total = 0;
    for (JsonNode reactor : currentReactors()) {
      total += reactor.path("storedReadings").asLong();
    }
    return total;
  }

  /** Readings the hosted reactors have written to their logs so far. */
  long logged() {
    long total = 0;
    for (Host host : hosts) {
      total += ((Number) host.jmx().get(HOST, "LoggedReadings")).longValue();
    }
    return total;
  }

  /** The coordinator's ingest latency figures since the last reset, in milliseconds. */
  double latency(String attribute) {
    return ((Number) coordinatorJmx.get(LATENCY, attribute)).doubleValue();
  }

  void resetLatency() {
    coordinatorJmx.invoke(LATENCY, "reset");
  }

  private List<JsonNode> currentReactors() {
    JsonNode view =
        api.get("/api/reactors")
            .map(f -> f.path("reactors"))
            .orElseThrow(() -> new IllegalStateException("the coordinator does not answer"));
    Set<String> current = new HashSet<>(reactors);
    List<JsonNode> found = new ArrayList<>();
    view.forEach(
        reactor -> {
          if (current.contains(reactor.path("id").asText())) {
            found.add(reactor);
          }
        });
    return found;
  }

  Path workDir() {
    return stack.workDir();
  }

  private static Path benchJar() {
    try {
      return Path.of(BenchFleet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (Host host : hosts) {
      try {
        host.jmx().close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      host.process().close();
    }
    try {
      coordinatorJmx.close();
    } catch (IOException ignored) {
      // the coordinator is stopped with the stack anyway
    }
    proxies.forEach(FaultProxy::close);
    stack.close();
  }
}
