package io.forelight.frms.bench;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devkit.RemoteJmx;
import io.forelight.frms.devkit.cassandra.EmbeddedCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
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
 * remote JMX; more join with {@link #addCoordinator}) and simulated reactors in {@link ReactorHost}
 * processes, added a host at a time. A host's links can go through {@link FaultProxy}s so that they
 * can be cut. Link figures are summed over the coordinators that run.
 */
final class BenchFleet implements AutoCloseable {

  static final String LATENCY = "io.forelight.frms:type=IngestLatency";
  static final String FLEET = "io.forelight.frms:type=Fleet";
  static final String HOST = "io.forelight.frms.bench:type=ReactorHost";

  /** One load-generator process and the JMX connection to it. */
  record Host(NodeProcess process, RemoteJmx jmx, List<String> reactors) {}

  final Stack stack;

  /** The first coordinator's API, JMX and process id (the only one unless more were added). */
  final CoordinatorApi api;

  final RemoteJmx coordinatorJmx;
  final long coordinatorPid;
  final List<BenchCoordinator> coordinators = new ArrayList<>();
  private final Map<Long, Double> lastCpuSeconds = new java.util.HashMap<>();
  private final String coordinatorHeap;
  final List<String> reactors = new ArrayList<>();
  final List<FaultProxy> proxies = new ArrayList<>();
  final List<Host> hosts = new ArrayList<>();
  private final Map<String, String> fleet = new LinkedHashMap<>();
  private int reactorsEverStarted;

  private final boolean profile;

  /** {@code --colocate false}: coordinators with frms.coordinator.ownership.colocate-shards off. */
  private final boolean colocate;

  private final boolean tls;
  private boolean reactorsRemoved;
  private final String coordinatorGc;
  private final int writesInFlight; // 0: the node's own default
  private final double historyShare; // 0: the node's own default
  private final int readingsInHand; // 0: the node's own default
  private final String linger; // empty: the node's own default
  private final String acknowledgeInterval; // empty: the node's own default
  private final boolean spread; // reactors sample spread over the interval (the node's default)
  private final StoringQuota quota;
  private final boolean keepData; // --keep-data true: the work directory's data outlives the bench

  /**
   * How hosts make readings: {@code actors} (the reactor node's sampler, driver and sensor actors)
   * or {@code direct} (appended straight to each reactor's log: see {@link DirectSampling}).
   */
  private final String sampling;

  /**
   * Starts Cassandra and the coordinator (heap {@code --coordinator-heap}, else {@code
   * defaultHeap}; Cassandra's {@code --cassandra-heap-mb}, 2048); with {@code --profile true}, the
   * coordinator and every host record a JFR profile, written under {@code <work directory>/jfr/}
   * when they stop; {@code --sampling} says how hosts make readings.
   */
  BenchFleet(Bench.Options options, String defaultHeap) throws Exception {
    this(options, defaultHeap, false);
  }

  /**
   * As {@link #BenchFleet(Bench.Options, String)}; with {@code tls} the links run mutual TLS as in
   * production (each hosted reactor with its own key and certificate), else in plaintext, which is
   * what the other benches measure (the {@code tls} bench compares the two).
   */
  BenchFleet(Bench.Options options, String defaultHeap, boolean tls) throws Exception {
    this.profile = options.flag("profile");
    this.colocate = colocated(options);
    this.sampling = samplingOf(options);
    this.tls = tls;
    this.coordinatorHeap = options.string("coordinator-heap", defaultHeap);
    this.coordinatorGc = options.string("coordinator-gc", "g1");
    this.writesInFlight = options.integer("writes-in-flight", 0);
    this.historyShare = options.decimal("history-share", 0);
    this.readingsInHand = options.integer("readings-in-hand", 0);
    this.linger = options.string("linger", "");
    this.acknowledgeInterval = options.string("acknowledge-interval", "");
    this.spread = options.flag("spread", true);
    this.quota = StoringQuota.of(options);
    this.keepData = options.flag("keep-data");
    Stack workStack = new Stack(Files.createTempDirectory("frms-bench"));
    stack = tls ? workStack : workStack.withPlaintextLinks();
    System.out.println("work directory " + stack.workDir());
    if (profile) {
      Files.createDirectories(stack.workDir().resolve("jfr"));
    }
    int memtableMb = options.integer("cassandra-memtable-mb", 0);
    if (memtableMb > 0) {
      System.setProperty(EmbeddedCassandra.MEMTABLE_PROPERTY, Integer.toString(memtableMb));
    }
    int compactionMib = options.integer("cassandra-compaction-mib", 0);
    if (compactionMib > 0) {
      System.setProperty(EmbeddedCassandra.COMPACTION_PROPERTY, Integer.toString(compactionMib));
    }
    stack.startCassandra(
        FreePorts.pick(), FreePorts.pick(), options.integer("cassandra-heap-mb", 2048));
    quota.add(stack.cassandra().pid(), "Cassandra");
    if (quota.active()) {
      System.out.println(quota.describe());
    }
    BenchCoordinator first = addCoordinator();
    api = first.api;
    coordinatorJmx = first.jmx;
    coordinatorPid = first.pid();
  }

  /**
   * Starts one more coordinator node (the first forms the cluster, the next join it), and returns
   * once its API answers.
   */
  BenchCoordinator addCoordinator() throws IOException {
    String name =
        "bench-coordinator" + (coordinators.isEmpty() ? "" : "-" + (coordinators.size() + 1));
    BenchCoordinator node =
        BenchCoordinator.start(
            stack,
            name,
            coordinators.isEmpty() ? 0 : coordinators.get(0).clusterPort,
            "frms_bench",
            stack.writeFleet(fleet),
            coordinatorHeap,
            coordinatorFlags(name));
    quota.add(node.pid(), name);
    coordinators.add(node);
    return node;
  }

  private List<BenchCoordinator> running() {
    return coordinators.stream().filter(BenchCoordinator::isAlive).toList();
  }

  private int sumOverRunning(String fleetAttribute) {
    return running().stream().mapToInt(c -> c.fleetInt(fleetAttribute)).sum();
  }

  static String samplingOf(Bench.Options options) {
    String sampling = options.string("sampling", "actors");
    if (!sampling.equals("actors") && !sampling.equals("direct")) {
      throw new IllegalArgumentException(
          "--sampling must be actors or direct, got '" + sampling + "'");
    }
    return sampling;
  }

  /**
   * Starts a host with {@code count} more reactors and adds them to the fleet file (the coordinator
   * picks the change up within seconds); returns once every link of the fleet is live, or after
   * five minutes with a note if the coordinator cannot catch up with them (an overloaded step,
   * which the window measured next shows as not held).
   */
  Host addHost(int count, int sensors, String interval, boolean viaProxies) throws Exception {
    Host host = startHost(count, sensors, interval, viaProxies);
    awaitLinksLive();
    return host;
  }

  private void awaitLinksLive() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    long live = liveLinks();
    while (live < reactors.size() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      live = liveLinks();
    }
    if (live < reactors.size()) {
      System.out.printf(
          "only %d of %d links caught up after 5 minutes: measuring as it is%n",
          live, reactors.size());
    }
  }

  /** As {@link #addHost}, but returns as soon as the host runs and the fleet file names it. */
  Host startHost(int count, int sensors, String interval, boolean viaProxies) throws Exception {
    return startHost(count, sensors, interval, viaProxies, false, sampling);
  }

  /**
   * As {@link #addHost}; a host started {@code paused} makes no readings until {@link
   * #pauseSampling} resumes it (light generator only).
   */
  Host addPausedHost(int count, int sensors, String interval) throws Exception {
    Host host = startHost(count, sensors, interval, false, true, sampling);
    awaitLinksLive();
    return host;
  }

  /**
   * As {@link #addHost} with proxies, always on the light generator, whatever {@code --sampling}
   * says: a host whose sampling a measurement pauses (the drain), where how readings were made no
   * longer matters once it is paused.
   */
  Host addPausableHost(int count, int sensors, String interval) throws Exception {
    Host host = startHost(count, sensors, interval, true, false, "direct");
    awaitLinksLive();
    return host;
  }

  private Host startHost(
      int count, int sensors, String interval, boolean viaProxies, boolean paused, String sampling)
      throws Exception {
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
            "  sampling = " + sampling,
            "  start-paused = " + paused,
            "  spread-over-fleet = " + spread,
            tls ? "  ca-dir = \"" + stack.ca().dir() + "\"" : "",
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
        Duration.ofSeconds(Math.max(120, count)), // a host of 250 reactors starts slowly under load
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
      reactorsRemoved = true;
    }
    hosts.clear();
    stack.writeFleet(fleet);
  }

  /**
   * Links the coordinators have up and not catching up, from their Fleet MBeans (cheap, where the
   * HTTP fleet view asks every reactor entity). Links of removed hosts are down, so they do not
   * count.
   */
  long liveLinks() {
    return sumOverRunning("Connected") - sumOverRunning("CatchingUp");
  }

  /** Links the coordinators have up, live or catching up. */
  long connectedLinks() {
    return sumOverRunning("Connected");
  }

  /** Ingest writes waiting for the coordinators' write gates now. */
  int writesWaiting() {
    return sumOverRunning("IngestWritesWaiting");
  }

  /** Stops (or resumes) a light-generator host's sampling; its links keep serving its backlog. */
  void pauseSampling(Host host, boolean pause) {
    host.jmx().invoke(HOST, pause ? "pauseSampling" : "resumeSampling");
  }

  /**
   * Readings of the current reactors stored in Cassandra: one coordinator's fleet-wide sum while it
   * is the only one and no reactor left the fleet; otherwise summed over the current reactors'
   * links' MBeans (the fleet-wide sum would drop when the entities of removed reactors passivate,
   * and a killed node's links move). The per-link scan is one JMX call per reactor: at 1,000
   * reactors, done at each window's edge, it loaded the very coordinator it measured.
   */
  long stored() {
    List<BenchCoordinator> running = running();
    if (!reactorsRemoved && coordinators.size() == 1 && running.size() == 1) {
      return running.get(0).fleetLong("ReadingsStored");
    }
    long total = 0;
    for (String reactor : reactors) {
      for (BenchCoordinator node : running) {
        try {
          total +=
              ((Number)
                      node.jmx.get(
                          "io.forelight.frms:type=ReactorLink,reactor=" + reactor,
                          "StoredReadings"))
                  .longValue();
          break;
        } catch (IllegalStateException notThisNodesLink) {
          // its link runs on another node, or nothing was stored through it yet
        }
      }
    }
    return total;
  }

  /** Readings logged and stored, read together ({@link #counts}). */
  record Counts(long logged, long stored) {
    long backlog() {
      return logged - stored;
    }
  }

  /**
   * Readings logged and stored as of one moment: the stored sum reads every link's MBean, which
   * takes seconds at 1,000 reactors, so the logged count is read before and after it and the mean
   * taken (read only before, a window's backlog came out 24,000 readings short, even negative).
   */
  Counts counts() {
    long loggedBefore = logged();
    long stored = stored();
    return new Counts((loggedBefore + logged()) / 2, stored);
  }

  /**
   * Readings the coordinators have acknowledged to the hosted reactors (each one only once it is
   * committed in Cassandra): stored, counted on the reactors, so it survives a coordinator killed.
   */
  long acknowledged() {
    long total = 0;
    for (Host host : hosts) {
      total += ((Number) host.jmx().get(HOST, "AcknowledgedReadings")).longValue();
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

  /**
   * CPU time used so far by the coordinators (together: a killed one with what it had used), the
   * hosts (together) and Cassandra, in seconds.
   */
  CpuUse cpu() {
    double hostsSeconds = 0;
    for (Host host : hosts) {
      hostsSeconds += cpuSeconds(host.process().pid());
    }
    double coordinatorSeconds = 0;
    for (BenchCoordinator node : coordinators) {
      coordinatorSeconds += coordinatorCpuSeconds(node);
    }
    return new CpuUse(coordinatorSeconds, hostsSeconds, cpuSeconds(stack.cassandra().pid()));
  }

  /** CPU seconds {@code node} used so far; once it has ended, what it had used when last asked. */
  double coordinatorCpuSeconds(BenchCoordinator node) {
    if (node.isAlive()) {
      lastCpuSeconds.put(node.pid(), cpuSeconds(node.pid()));
    }
    return lastCpuSeconds.getOrDefault(node.pid(), 0.0);
  }

  /** CPU seconds of the coordinator, the reactor hosts and Cassandra. */
  record CpuUse(double coordinator, double hosts, double cassandra) {
    CpuUse minus(CpuUse earlier) {
      return new CpuUse(
          coordinator - earlier.coordinator, hosts - earlier.hosts, cassandra - earlier.cassandra);
    }

    /** Cores used: the CPU seconds spent over {@code seconds} of wall-clock time. */
    CpuUse per(double seconds) {
      return new CpuUse(coordinator / seconds, hosts / seconds, cassandra / seconds);
    }

    /** "coordinator / hosts / Cassandra", as reports show them. */
    String split() {
      return String.format("%.2f / %.2f / %.2f", coordinator, hosts, cassandra);
    }
  }

  static double cpuSeconds(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().totalCpuDuration())
        .map(duration -> duration.toNanos() / 1e9)
        .orElse(0.0);
  }

  /** The coordinator's ingest latency figures since the last reset, in milliseconds. */
  double latency(String attribute) {
    return ((Number) coordinatorJmx.get(LATENCY, attribute)).doubleValue();
  }

  /** The coordinator's used heap (MB) right after a full garbage collection it was asked for. */
  double coordinatorHeapAfterGcMb() {
    coordinatorJmx.invoke("java.lang:type=Memory", "gc");
    javax.management.openmbean.CompositeData heap =
        (javax.management.openmbean.CompositeData)
            coordinatorJmx.get("java.lang:type=Memory", "HeapMemoryUsage");
    return ((Number) heap.get("used")).doubleValue() / 1e6;
  }

  void resetLatency() {
    coordinatorJmx.invoke(LATENCY, "reset");
  }

  Path workDir() {
    return stack.workDir();
  }

  /** How the storing side and the generator share the machine's cores, for reports. */
  String cores() {
    return quota.describe();
  }

  /** colocate-shards as the coordinators run it: on (their default) unless --colocate false. */
  static boolean colocated(Bench.Options options) {
    return options.flag("colocate", true);
  }

  private List<String> coordinatorFlags(String name) {
    List<String> flags = new ArrayList<>(profiling(name));
    flags.add("-Dfrms.coordinator.ownership.colocate-shards=" + (colocate ? "on" : "off"));
    // the ingest summary in the coordinator's log as often as the benches' windows
    flags.add("-Dfrms.coordinator.ingest.summary-interval=10s");
    if (writesInFlight > 0) {
      flags.add("-Dfrms.coordinator.ingest.max-writes-in-flight=" + writesInFlight);
    }
    if (historyShare > 0) {
      flags.add("-Dfrms.coordinator.ingest.history-share=" + historyShare);
    }
    if (readingsInHand > 0) {
      flags.add("-Dfrms.coordinator.ingest.max-readings-in-hand=" + readingsInHand);
    }
    if (!linger.isEmpty()) {
      flags.add("-Dfrms.coordinator.link.max-linger=" + linger);
    }
    if (!acknowledgeInterval.isEmpty()) {
      flags.add("-Dfrms.coordinator.link.acknowledge-interval=" + acknowledgeInterval);
    }
    // every collection's pause, to tell a paused coordinator from a starved one
    flags.add(
        "-Xlog:gc:file="
            + stack.workDir().resolve("logs/" + name + "-gc.log")
            + ":uptime,level:filecount=2,filesize=20m");
    if (coordinatorGc.equals("serial")) { // the stack starts coordinators with G1
      flags.addAll(List.of("-XX:-UseG1GC", "-XX:+UseSerialGC"));
    } else if (!coordinatorGc.equals("g1")) {
      throw new IllegalArgumentException(
          "--coordinator-gc must be serial or g1, not " + coordinatorGc);
    }
    return flags;
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
    coordinators.forEach(BenchCoordinator::close);
    proxies.forEach(FaultProxy::close);
    stack.close();
    quota.close();
    deleteData();
  }

  /**
   * Deletes what Cassandra and the reactors stored (an overload run leaves ~1.5 GB) and keeps the
   * logs, configuration and profiles, which are what one reads after a run.
   */
  private void deleteData() {
    Path work = stack.workDir();
    if (keepData) {
      System.out.println("work directory " + work + " kept whole (--keep-data true)");
      return;
    }
    try {
      for (String data :
          List.of("data", "cassandra/data", "cassandra/commitlog", "cassandra/hints")) {
        Path dir = work.resolve(data);
        if (Files.exists(dir)) {
          WorkDirs.delete(dir);
        }
      }
      System.out.println(
          "work directory "
              + work
              + ": logs kept, stored data deleted (--keep-data true keeps it)");
    } catch (IOException e) {
      System.out.println("could not delete the stored data under " + work + ": " + e);
    }
  }
}
