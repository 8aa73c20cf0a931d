package io.forelight.frms.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real stack from the jars for benchmarks: the embedded Cassandra, one coordinator node (with
 * remote JMX) and simulated reactors in {@link ReactorHost} processes, added a host at a time. A
 * host's links can go through {@link FaultProxy}s so that they can be cut.
 */
final class BenchFleet implements AutoCloseable {

  static final String LATENCY = "io.forelight.frms:type=IngestLatency";
  static final String FLEET = "io.forelight.frms:type=Fleet";
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
  private int reactorsEverStarted;
  private long storedByRemoved;

  private final boolean profile;

  /**
   * Starts Cassandra and the coordinator; with {@code profile}, the coordinator and every host
   * record a JFR profile, written under {@code <work directory>/jfr/} when they stop.
   */
  BenchFleet(String coordinatorHeap, boolean profile) throws Exception {
    this.profile = profile;
    stack = new Stack(Files.createTempDirectory("frms-bench"));
    System.out.println("work directory " + stack.workDir());
    if (profile) {
      Files.createDirectories(stack.workDir().resolve("jfr"));
    }
    stack.startCassandra(FreePorts.pick(), FreePorts.pick());
    int clusterPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    int jmxPort = FreePorts.pick();
    List<String> jvmArgs = new ArrayList<>(RemoteJmx.flags(jmxPort));
    jvmArgs.add("-Xmx" + coordinatorHeap);
    jvmArgs.addAll(profiling("bench-coordinator"));
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
    Host host = startHost(count, sensors, interval, viaProxies);
    Await.until(Duration.ofSeconds(300), "every link live", () -> liveLinks() == reactors.size());
    return host;
  }

  /** As {@link #addHost}, but returns as soon as the host runs and the fleet file names it. */
  Host startHost(int count, int sensors, String interval, boolean viaProxies) throws Exception {
    String name = "host-" + (reactorsEverStarted + 1);
    StringBuilder ports = new StringBuilder();
    List<String> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "bench-" + ++reactorsEverStarted; // never reused: a new log needs a new id
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
    jvmArgs.addAll(profiling(name));
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
    return host;
  }

  /**
   * Stops every host and takes its reactors out of the fleet file. (The coordinator keeps their
   * entities: it does not retire reactors that leave the fleet.)
   */
  void removeHosts() throws IOException, InterruptedException {
    for (Host host : hosts) {
      host.jmx().close();
      host.process().close();
      reactors.removeAll(host.reactors());
      fleet.keySet().removeAll(host.reactors());
    }
    hosts.clear();
    stack.writeFleet(fleet);
    Thread.sleep(2000); // whatever the links had in flight is stored by now, or never will be
    storedByRemoved = ((Number) coordinatorJmx.get(FLEET, "ReadingsStored")).longValue();
  }

  /**
   * Links this coordinator has up and not catching up, from its Fleet MBean (cheap, where the HTTP
   * fleet view asks every reactor entity). Links of removed hosts are down, so they do not count.
   */
  long liveLinks() {
    int connected = (Integer) coordinatorJmx.get(FLEET, "Connected");
    int catchingUp = (Integer) coordinatorJmx.get(FLEET, "CatchingUp");
    return connected - catchingUp;
  }

  /**
   * Readings of the current reactors stored in Cassandra since the coordinator started: all its
   * links stored (Fleet MBean) less what the links of removed hosts had stored.
   */
  long stored() {
    return ((Number) coordinatorJmx.get(FLEET, "ReadingsStored")).longValue() - storedByRemoved;
  }

  /** Readings the hosted reactors have written to their logs so far. */
  long logged() {
    long total = 0;
    for (Host host : hosts) {
      total += ((Number) host.jmx().get(HOST, "LoggedReadings")).longValue();
    }
    return total;
  }

  /** CPU time used so far by the coordinator, the hosts (together) and Cassandra, in seconds. */
  CpuUse cpu() {
    double hostsSeconds = 0;
    for (Host host : hosts) {
      hostsSeconds += cpuSeconds(host.process().pid());
    }
    return new CpuUse(
        cpuSeconds(coordinatorPid), hostsSeconds, cpuSeconds(stack.cassandra().pid()));
  }

  /** CPU seconds of the coordinator, the reactor hosts and Cassandra. */
  record CpuUse(double coordinator, double hosts, double cassandra) {
    CpuUse minus(CpuUse earlier) {
      return new CpuUse(
          coordinator - earlier.coordinator, hosts - earlier.hosts, cassandra - earlier.cassandra);
    }
  }

  private static double cpuSeconds(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .map(duration -> duration.toNanos() / 1e9)
        .orElse(0.0);
  }

  /** The coordinator's ingest latency figures since the last reset, in milliseconds. */
  double latency(String attribute) {
    return ((Number) coordinatorJmx.get(LATENCY, attribute)).doubleValue();
  }

  void resetLatency() {
    coordinatorJmx.invoke(LATENCY, "reset");
  }

  Path workDir() {
    return stack.workDir();
  }

  private List<String> profiling(String name) {
    return profile
        ? List.of(
            "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + stack.workDir().resolve("jfr/" + name + ".jfr"))
        : List.of();
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
