package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.LabNetwork;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.ReactorSpec;
import io.forelight.frms.devstack.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The reading pipeline from the jars, ready to be broken: Cassandra (the run's shared one, or its
 * own), simulated reactors each behind a {@link FaultProxy}, coordinators joined in one cluster.
 * Ends with the invariant every scenario checks: for every sensor, the readings stored centrally
 * equal the reactor's log (same sequence numbers, times, values and qualities), no gap, no
 * duplicate, in the history read model and in the SensorLog journal itself, whose events each
 * appear once (a second writer would have written some event numbers twice).
 */
final class PipelineHarness implements AutoCloseable {

  /** A reactor node, the proxy in front of its link, and a direct probe of it. */
  static final class Reactor {
    final String id;
    FaultProxy proxy;
    final ReactorProbe probe;
    Stack.RunningNode node;
    private List<String> sensors;

    Reactor(String id, Stack.RunningNode node, FaultProxy proxy, javax.net.ssl.SSLContext tls) {
      this.id = id;
      this.node = node;
      this.proxy = proxy;
      this.probe = new ReactorProbe(id, node.port(), tls);
    }

    /** Every sensor the reactor describes (asked once, while it runs). */
    List<String> sensors() {
      if (sensors == null) {
        sensors = List.copyOf(probe.lastSeqs().keySet());
      }
      return sensors;
    }
  }

  /**
   * Config every coordinator of the suite gets, plus {@code -Dfrms.reliability.coordinator-config}
   * (HOCON) for experiments: for example turning the shard leases off to see the suite catch two
   * writers (RELIABILITY.md, "What the suite found").
   */
  static final String COORDINATOR_TUNING =
      "frms.coordinator.link { redescribe-interval = 2s, idle-timeout = 6s }\n"
          + System.getProperty("frms.reliability.coordinator-config", "");

  /** Fault durations and rounds are multiplied by this (1 in CI, 10 with -Psoak). */
  static final int SCALE = Integer.getInteger("frms.reliability.scale", 1);

  final Stack stack;
  final Map<String, Reactor> reactors = new LinkedHashMap<>();
  final List<Stack.RunningNode> coordinators = new ArrayList<>();
  final List<CoordinatorApi> apis = new ArrayList<>();

  /** The management (health) port of each coordinator, in start order. */
  final List<Integer> managementPorts = new ArrayList<>();

  Path fleetFile;
  private final String keyspace;
  final List<Integer> clusterPorts = new ArrayList<>();

  /** Where each coordinator runs: loopback, or its own namespace on the lab network. */
  private final List<LabNetwork.Host> coordinatorHosts = new ArrayList<>();

  /** Null: everything on loopback. Else coordinators each in a network namespace of their own. */
  private final LabNetwork network;

  private FaultProxy cassandraProxy;

  /**
   * Starts the reactors; {@code cassandraContactPoint} null starts a Cassandra of its own. {@code
   * reactorConfig} is extra config for each reactor (by index, may be empty).
   */
  PipelineHarness(
      Path dir,
      String cassandraContactPoint,
      String keyspace,
      int reactorCount,
      String interval,
      List<String> reactorConfig) {
    this(dir, cassandraContactPoint, keyspace, reactorCount, interval, reactorConfig, null);
  }

  /**
   * As {@link #PipelineHarness(Path, String, String, int)}, with every coordinator in a network
   * namespace of its own ({@link LabNetwork}), so that {@link #partition} can cut one off; the
   * reactors and Cassandra are reached through proxies on the host's address, from everywhere.
   */
  static PipelineHarness onLabNetwork(
      Path dir, String cassandraContactPoint, String keyspace, int reactorCount) {
    return new PipelineHarness(
        dir,
        cassandraContactPoint,
        keyspace,
        reactorCount,
        "100ms",
        List.of(),
        LabNetwork.create());
  }

  private PipelineHarness(
      Path dir,
      String cassandraContactPoint,
      String keyspace,
      int reactorCount,
      String interval,
      List<String> reactorConfig,
      LabNetwork network) {
    this(
        dir,
        cassandraContactPoint,
        keyspace,
        reactorCount,
        (id, port) ->
            new ReactorSpec(id, port, ReactorSpec.standard(id, port, interval).sensors(), 60.0, ""),
        reactorConfig,
        network);
  }

  /**
   * One reactor that controls its simulated vessel in real time ({@link ReactorSpec#controlled}:
   * temperature, dissolved-oxygen and pH loops with their actuators).
   */
  static PipelineHarness controlled(Path dir, String cassandraContactPoint, String keyspace) {
    return new PipelineHarness(
        dir, cassandraContactPoint, keyspace, 1, ReactorSpec::controlled, List.of(), null);
  }

  private PipelineHarness(
      Path dir,
      String cassandraContactPoint,
      String keyspace,
      int reactorCount,
      java.util.function.BiFunction<String, Integer, ReactorSpec> specs,
      List<String> reactorConfig,
      LabNetwork network) {
    this.keyspace = keyspace;
    this.network = network;
    stack = new Stack(dir);
    if (cassandraContactPoint == null) {
      stack.startCassandra(FreePorts.pick(), FreePorts.pick());
    } else {
      stack.useCassandra(cassandraContactPoint);
    }
    if (network != null) {
      String contactPoint = stack.cassandraContactPoint();
      cassandraProxy =
          FaultProxy.on(
              network.hostAddress(),
              Integer.parseInt(contactPoint.substring(contactPoint.lastIndexOf(':') + 1)));
      stack.useCassandra(cassandraProxy.address());
    }
    Map<String, String> fleet = new LinkedHashMap<>();
    for (int i = 1; i <= reactorCount; i++) {
      String id = "reactor-" + i;
      int port = FreePorts.pick();
      String extra = i <= reactorConfig.size() ? reactorConfig.get(i - 1) : "";
      Stack.RunningNode node =
          stack.startReactor(
              specs
                  .apply(id, port)
                  .withExtraConfig("readings-journal.segment-size = 512 MiB\n" + extra));
      FaultProxy proxy =
          network == null ? FaultProxy.to(port) : FaultProxy.on(network.hostAddress(), port);
      reactors.put(id, new Reactor(id, node, proxy, stack.ca().coordinatorContext(id)));
      fleet.put(id, proxy.address());
    }
    fleetFile = stack.writeFleet(fleet);
  }

  PipelineHarness(Path dir, String cassandraContactPoint, String keyspace, int reactorCount) {
    this(dir, cassandraContactPoint, keyspace, reactorCount, "100ms", List.of());
  }

  /**
   * Starts {@code count} coordinators that all list each other as seed nodes, as a production
   * cluster does: a restarted node then rejoins the others instead of starting a cluster alone.
   */
  List<CoordinatorApi> startCoordinators(int count) {
    return startCoordinators(count, false);
  }

  /**
   * As {@link #startCoordinators}, but the first starts alone and takes every reactor before the
   * others join: the oldest then holds reactors whatever the rebalancing moves (it never moves
   * all).
   */
  List<CoordinatorApi> startCoordinatorsOldestFirst(int count) {
    return startCoordinators(count, true);
  }

  private List<CoordinatorApi> startCoordinators(int count, boolean oldestFirst) {
    List<LabNetwork.Host> hosts = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      hosts.add(host("coordinator-" + (coordinators.size() + i + 1)));
      ports.add(FreePorts.pick());
      seeds.add(seed(hosts.get(i), ports.get(i)));
    }
    List<CoordinatorApi> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      started.add(startCoordinator(hosts.get(i), ports.get(i), seeds, List.of()));
      if (oldestFirst && i == 0) {
        awaitFlowing(started.get(0), Duration.ofSeconds(180));
      }
    }
    return started;
  }

  /** Starts one more coordinator that joins those already running. */
  CoordinatorApi startCoordinator(String name) {
    return startCoordinator(name, List.of());
  }

  /** Starts one more coordinator, with extra JVM flags, that joins those already running. */
  CoordinatorApi startCoordinator(String name, List<String> extraJvmArgs) {
    LabNetwork.Host host = host(name);
    int clusterPort = FreePorts.pick();
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < clusterPorts.size(); i++) {
      seeds.add(seed(coordinatorHosts.get(i), clusterPorts.get(i)));
    }
    seeds.add(seed(host, clusterPort));
    return startCoordinator(host, clusterPort, seeds, extraJvmArgs);
  }

  private CoordinatorApi startCoordinator(
      LabNetwork.Host host, int clusterPort, List<String> seeds, List<String> extraJvmArgs) {
    int httpPort = FreePorts.pick();
    int managementPort = FreePorts.pick();
    coordinatorHosts.add(host);
    clusterPorts.add(clusterPort);
    managementPorts.add(managementPort);
    coordinators.add(
        stack.startCoordinator(
            new CoordinatorSpec(
                host.name(),
                host.address(),
                httpPort,
                managementPort,
                clusterPort,
                seeds,
                stack.cassandraContactPoint(),
                keyspace,
                fleetFile,
                COORDINATOR_TUNING),
            extraJvmArgs,
            network == null ? List.of() : host.commandPrefix()));
    CoordinatorApi api = new CoordinatorApi(host.address(), httpPort);
    apis.add(api);
    return api;
  }

  private static String seed(LabNetwork.Host host, int clusterPort) {
    return "pekko://frms@" + host.address() + ":" + clusterPort;
  }

  /** Starts coordinator i again on its config, after it stopped or was killed. */
  void restartCoordinator(int index) {
    restartCoordinator(index, List.of());
  }

  /** Restarts a coordinator with JVM flags added to those it ran with. */
  void restartCoordinator(int index, List<String> addedJvmArgs) {
    coordinators.set(index, stack.restart(coordinators.get(index), false, addedJvmArgs));
  }

  /** Starts coordinator i again and waits until it is back in the cluster serving the fleet. */
  void restartAndAwaitRejoined(int index) {
    restartAndAwaitRejoined(index, List.of());
  }

  /** As {@link #restartAndAwaitRejoined(int)}, with JVM flags added to those it ran with. */
  void restartAndAwaitRejoined(int index, List<String> addedJvmArgs) {
    restartCoordinator(index, addedJvmArgs);
    awaitServesFleet(apis.get(index), "rejoined", Duration.ofSeconds(120));
  }

  /** Waits until a coordinator that started or joined lists the whole fleet. */
  void awaitServesFleet(CoordinatorApi api, String what, Duration timeout) {
    Await.until(
        timeout,
        () -> nameOf(api) + " " + what + " and serves the fleet; " + explain(api, "/api/reactors"),
        () ->
            api.get("/api/reactors")
                .map(f -> f.path("reactors").size() == reactors.size())
                .orElse(false));
  }

  /**
   * For the message of a wait that timed out: how a coordinator answers a GET now, and the last
   * warnings and errors in its log.
   */
  String explain(CoordinatorApi api, String path) {
    String answer;
    try {
      HttpResponse<String> response = api.raw(path);
      String body = response.body();
      answer = response.statusCode() + " " + body.substring(0, Math.min(400, body.length()));
    } catch (IOException e) {
      answer = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = "interrupted";
    }
    String log = coordinators.get(apis.indexOf(api)).process().log();
    List<String> warnings =
        log.lines().filter(line -> line.contains("WARN") || line.contains("ERROR")).toList();
    return "GET "
        + path
        + " answers "
        + answer
        + "\n"
        + nameOf(api)
        + "'s last warnings:\n  "
        + String.join("\n  ", warnings.subList(Math.max(0, warnings.size() - 15), warnings.size()))
        + "\n"
        + nameOf(api)
        + "'s start:\n  "
        + NodeStartLog.summary(log);
  }

  private String nameOf(CoordinatorApi api) {
    return coordinators.get(apis.indexOf(api)).process().name();
  }

  /** The next coordinator's place: its own namespace on the lab network, or loopback. */
  private LabNetwork.Host host(String name) {
    return network == null ? new LabNetwork.Host(name, "", "127.0.0.1") : network.add(name);
  }

  /**
   * Cuts coordinator {@code index} off from every other coordinator (both still reach the rest).
   */
  void partition(int index) {
    List<LabNetwork.Host> others = new ArrayList<>(coordinatorHosts);
    others.remove(index);
    network.partition(coordinatorHosts.get(index), others);
  }

  /** Ends every partition. */
  void heal() {
    network.heal();
  }

  /** Waits until one coordinator's process has ended and returns its index. */
  int awaitOneCoordinatorEnded(Duration timeout) {
    Await.until(
        timeout,
        "a coordinator ended",
        () -> coordinators.stream().anyMatch(c -> !c.process().isAlive()));
    for (int i = 0; i < coordinators.size(); i++) {
      if (!coordinators.get(i).process().isAlive()) {
        return i;
      }
    }
    throw new AssertionError("no coordinator ended");
  }

  void killReactor(String id) {
    reactors.get(id).node.process().kill();
  }

  /** Rewrites the fleet file with only these of the harness's reactors (at their addresses). */
  void writeFleet(Collection<String> ids) {
    Map<String, String> fleet = new LinkedHashMap<>();
    reactors.values().stream()
        .filter(r -> ids.contains(r.id))
        .forEach(r -> fleet.put(r.id, r.proxy.address()));
    fleetFile = stack.writeFleet(fleet);
  }

  /**
   * The reactor's board moves to a new network address: its old address goes dark and a new one (a
   * new proxy) reaches it. The fleet file is left as it was: {@link #writeFleet} tells the
   * coordinators, when the test wants them to learn it. Returns the new address.
   */
  String moveReactor(String id) {
    Reactor reactor = reactors.get(id);
    reactor.proxy.close();
    reactor.proxy = FaultProxy.to(reactor.node.port());
    return reactor.proxy.address();
  }

  /** SIGTERM: the node shuts down on its own (flushing its log); fails if it had to be killed. */
  void stopReactor(String id) {
    int exit = reactors.get(id).node.process().stop(Duration.ofSeconds(30));
    if (exit != 0 && exit != 143) {
      throw new AssertionError(id + " did not end on SIGTERM by itself: exit " + exit);
    }
  }

  /** The reactor node's data directory (its flash logs are under it). */
  Path reactorDataDir(String id) {
    return stack.reactorDataDir(id);
  }

  void restartReactor(String id) {
    Reactor reactor = reactors.get(id);
    reactor.node = stack.restart(reactor.node, true);
  }

  /** Waits until every link is live and has stored readings of every sensor. */
  void awaitFlowing(CoordinatorApi api, Duration timeout) {
    Await.until(
        timeout,
        () -> "all links live and storing; " + explain(api, "/api/reactors"),
        () ->
            reactors.keySet().stream()
                .allMatch(
                    id ->
                        api.latest(id)
                                .map(
                                    l ->
                                        l.path("sensors").size()
                                            == reactors.get(id).sensors().size())
                                .orElse(false)
                            && "live".equals(linkStatus(api, id))));
  }

  static String linkStatus(CoordinatorApi api, String reactorId) {
    return fleetEntry(api, reactorId).path("link").asText();
  }

  static JsonNode fleetEntry(CoordinatorApi api, String reactorId) {
    for (JsonNode reactor :
        api.get("/api/reactors")
            .map(f -> f.path("reactors"))
            .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
      if (reactor.path("id").asText().equals(reactorId)) {
        return reactor;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /**
   * The coordinator holding a reactor now (the {@code owner} of its lease in the fleet view), as an
   * index into {@link #coordinators}; waits until the view names one.
   */
  int holderOf(CoordinatorApi api, String reactorId) {
    Await.until(
        Duration.ofSeconds(60),
        () -> reactorId + " has an owner: " + fleetEntry(api, reactorId),
        () -> fleetEntry(api, reactorId).path("owner").isTextual());
    String owner = fleetEntry(api, reactorId).path("owner").asText();
    int index = clusterPorts.indexOf(Integer.parseInt(owner.substring(owner.indexOf(':') + 1)));
    if (index < 0) {
      throw new AssertionError(reactorId + " is held by " + owner + ", not one of ours");
    }
    return index;
  }

  /** The reactors held by coordinator {@code index} now. */
  List<String> heldBy(CoordinatorApi api, int index) {
    return reactors.keySet().stream().filter(id -> holderOf(api, id) == index).toList();
  }

  /**
   * Every coordinator sees all of them as Up members of its cluster: one cluster, not islands that
   * each formed their own (awaited, 60 s).
   */
  void awaitOneCluster() {
    for (int asked = 0; asked < coordinators.size(); asked++) {
      CoordinatorApi management =
          new CoordinatorApi(coordinatorHosts.get(asked).address(), managementPorts.get(asked));
      int index = asked;
      Await.until(
          Duration.ofSeconds(60),
          () -> "coordinator " + index + " sees all as Up: " + management.get("/cluster/members"),
          () ->
              management
                  .get("/cluster/members")
                  .map(members -> upPorts(members).equals(new TreeSet<>(clusterPorts)))
                  .orElse(false));
    }
  }

  private static Set<Integer> upPorts(JsonNode members) {
    Set<Integer> ports = new TreeSet<>();
    for (JsonNode member : members.path("members")) {
      String node = member.path("node").asText();
      if (member.path("status").asText().equals("Up")) {
        ports.add(Integer.parseInt(node.substring(node.lastIndexOf(':') + 1)));
      }
    }
    return ports;
  }

  /** The oldest cluster member, as an index into {@link #coordinators}, asked of coordinator i. */
  int oldest(int asked) {
    JsonNode members =
        new CoordinatorApi(coordinatorHosts.get(asked).address(), managementPorts.get(asked))
            .get("/cluster/members")
            .orElseThrow(() -> new AssertionError("no cluster members from coordinator " + asked));
    String oldest = members.path("oldest").asText();
    return clusterPorts.indexOf(Integer.parseInt(oldest.substring(oldest.lastIndexOf(':') + 1)));
  }

  /**
   * What a fault of one coordinator came to: the survivor asked, the reactors the faulted one held,
   * what had been logged when the fault began, and the failover time (from the fault until each
   * reactor it held stored a new reading on another coordinator).
   */
  record Takeover(
      CoordinatorApi survivor,
      List<String> held,
      Map<String, Map<String, Long>> loggedAtFault,
      long faultAtNanos,
      Duration failover) {}

  /**
   * Applies {@code fault} to coordinator {@code faulted} (kill, pause, cut off...: it may also
   * check what the API says meanwhile) and waits until another coordinator took over every reactor
   * it held, which must be at least one.
   */
  Takeover takeOver(int faulted, Consumer<NodeProcess> fault) {
    CoordinatorApi survivor = apis.get((faulted + 1) % apis.size());
    List<String> held = heldBy(survivor, faulted);
    if (held.isEmpty()) {
      throw new AssertionError("coordinator " + faulted + " holds no reactor to take over");
    }
    Map<String, Map<String, Long>> loggedAtFault = logged();
    long faultAt = System.nanoTime();
    fault.accept(coordinators.get(faulted).process());
    Duration failover =
        awaitStoredElsewhere(survivor, held, faulted, faultAt, Duration.ofSeconds(60));
    return new Takeover(survivor, held, loggedAtFault, faultAt, failover);
  }

  /**
   * Waits until each of these reactors is held by a coordinator other than {@code faulted} that has
   * stored readings of it (its link's count, as {@code api} shows it), and returns the time from
   * {@code sinceNanos} (a {@link System#nanoTime()}) until the last of them was: how long their
   * ingestion stopped. (Asking for newer stored readings instead would count a batch the faulted
   * node had sent just before its fault, or stored while it was cut off but still holding them.)
   */
  Duration awaitStoredElsewhere(
      CoordinatorApi api, List<String> reactorIds, int faulted, long sinceNanos, Duration timeout) {
    String faultedPort = ":" + clusterPorts.get(faulted);
    Await.until(
        timeout,
        () -> "stored elsewhere than coordinator " + faulted + ": " + api.get("/api/reactors"),
        () ->
            reactorIds.stream()
                .map(id -> fleetEntry(api, id))
                .allMatch(
                    reactor ->
                        reactor.path("owner").isTextual()
                            && !reactor.path("owner").asText().endsWith(faultedPort)
                            && reactor.path("storedReadings").asLong() > 0));
    return Duration.ofNanos(System.nanoTime() - sinceNanos);
  }

  /**
   * Waits until each of these reactors has stored a reading newer than in {@code before} (as {@code
   * api} sees it) and returns the time from {@code sinceNanos} (a {@link System#nanoTime()}) until
   * the last of them did: how long their ingestion was stopped.
   */
  Duration awaitIngestionResumed(
      CoordinatorApi api,
      Map<String, Map<String, Long>> before,
      List<String> reactorIds,
      long sinceNanos,
      Duration timeout) {
    Await.until(
        timeout,
        () ->
            "ingestion resumed for "
                + reactorIds
                + "; stored: "
                + stored(api)
                + "; "
                + explain(api, "/api/reactors/" + reactorIds.get(0) + "/latest"),
        () -> {
          Map<String, Map<String, Long>> now = stored(api);
          return reactorIds.stream()
              .allMatch(
                  id ->
                      now.getOrDefault(id, Map.of()).entrySet().stream()
                          .anyMatch(
                              s -> s.getValue() > before.get(id).getOrDefault(s.getKey(), 0L)));
        });
    return Duration.ofNanos(System.nanoTime() - sinceNanos);
  }

  /** What every reactor has logged, per sensor, asked of the reactors directly. */
  Map<String, Map<String, Long>> logged() {
    Map<String, Map<String, Long>> logged = new LinkedHashMap<>();
    reactors.values().forEach(r -> logged.put(r.id, r.probe.lastSeqs()));
    return logged;
  }

  /**
   * Waits until everything logged at the moment it is called is stored (per sensor, the SensorLog's
   * latest sequence number reaches it) and returns how long that took.
   */
  Duration awaitStored(
      CoordinatorApi api, Map<String, Map<String, Long>> target, Duration timeout) {
    long start = System.nanoTime();
    Await.until(
        timeout,
        () -> "stored up to " + target + "; latest: " + latestSeqs(api),
        () -> {
          Map<String, Map<String, Long>> stored = latestSeqs(api);
          return target.entrySet().stream()
              .allMatch(
                  reactor ->
                      reactor.getValue().entrySet().stream()
                          .allMatch(
                              sensor ->
                                  stored
                                          .getOrDefault(reactor.getKey(), Map.of())
                                          .getOrDefault(sensor.getKey(), 0L)
                                      >= sensor.getValue()));
        });
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** The latest stored sequence number of every sensor, per reactor, as {@code api} sees it. */
  Map<String, Map<String, Long>> stored(CoordinatorApi api) {
    return latestSeqs(api);
  }

  private Map<String, Map<String, Long>> latestSeqs(CoordinatorApi api) {
    Map<String, Map<String, Long>> seqs = new LinkedHashMap<>();
    for (String id : reactors.keySet()) {
      Map<String, Long> sensors = new LinkedHashMap<>();
      api.latest(id)
          .ifPresent(
              latest ->
                  latest
                      .path("sensors")
                      .forEach(
                          s -> sensors.put(s.path("sensorId").asText(), s.path("seq").asLong())));
      seqs.put(id, sensors);
    }
    return seqs;
  }

  /** Asserts that every reactor logged more readings since {@code before}: sampling went on. */
  void assertKeptSampling(Map<String, Map<String, Long>> before) {
    Map<String, Map<String, Long>> now = logged();
    for (Map.Entry<String, Map<String, Long>> reactor : before.entrySet()) {
      for (Map.Entry<String, Long> sensor : reactor.getValue().entrySet()) {
        long after = now.get(reactor.getKey()).getOrDefault(sensor.getKey(), 0L);
        assertTrue(
            after > sensor.getValue(),
            reactor.getKey()
                + "/"
                + sensor.getKey()
                + " kept sampling during the fault ("
                + sensor.getValue()
                + " -> "
                + after
                + ")");
      }
    }
  }

  /**
   * Disables every sensor through the coordinator's command outbox: sampling stops. A 503 (the
   * reactor's entity is moving between coordinators, for example while shards rebalance onto a node
   * that just rejoined) is what a client should try again on: the same key is posted again until it
   * is accepted, for at most a minute; any other answer fails at once.
   */
  void stopSampling(CoordinatorApi api) {
    for (Reactor reactor : reactors.values()) {
      for (String sensor : reactor.sensors()) {
        String body =
            "{\"command\": {\"type\": \"set-sensor-enabled\", \"sensorId\": \""
                + sensor
                + "\", \"enabled\": false}, \"key\": \"stop-"
                + reactor.id
                + "-"
                + sensor
                + "\", \"reason\": \"end of the reliability run\"}";
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Await.until(
            Duration.ofSeconds(60),
            () -> "command accepted for " + reactor.id + "/" + sensor + ": " + describe(last.get()),
            () -> {
              try {
                last.set(postCommand(api, reactor.id, body));
              } catch (UncheckedIOException e) {
                if (String.valueOf(e.getMessage()).contains("failed: 503")) {
                  return false; // a coordinator just started: its users not checked yet
                }
                throw e;
              }
              int status = last.get().statusCode();
              if (status != 202 && status != 503) {
                throw new AssertionError("command refused: " + describe(last.get()));
              }
              return status == 202;
            });
      }
    }
  }

  private static HttpResponse<String> postCommand(
      CoordinatorApi api, String reactorId, String body) {
    try {
      return api.post("/api/reactors/" + reactorId + "/commands", body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String describe(HttpResponse<String> response) {
    return response == null ? "no answer yet" : response.statusCode() + " " + response.body();
  }

  /**
   * Waits until sampling has stopped everywhere, every logged reading is stored in the journal, and
   * the history read model has caught up with the journal (complete, no gap).
   */
  void awaitAllStored(CoordinatorApi api, Duration timeout) {
    Await.until(
        timeout,
        "every sensor disabled on its reactor",
        () -> reactors.values().stream().allMatch(r -> r.probe.allDisabled()));
    awaitStored(api, logged(), timeout);
    Await.until(
        timeout,
        () -> "the read model caught up with the journal: " + completeness(api),
        () ->
            reactors.values().stream()
                .allMatch(
                    r ->
                        r.sensors().stream()
                            .allMatch(
                                s ->
                                    StoredReadings.completeness(api, r.id, s)
                                        .path("complete")
                                        .asBoolean())));
  }

  private String completeness(CoordinatorApi api) {
    StringBuilder text = new StringBuilder();
    reactors
        .keySet()
        .forEach(
            id ->
                text.append(
                    api.get("/api/reactors/" + id + "/completeness")
                        .map(JsonNode::toString)
                        .orElse("-")));
    return text.toString();
  }

  /** Stops the reactors and checks, sensor by sensor, that Cassandra holds exactly their logs. */
  long stopReactorsAndAssertStoredEqualsLogged(CoordinatorApi api) throws Exception {
    long compared = 0;
    for (Reactor reactor : reactors.values()) {
      List<String> sensors = reactor.sensors();
      reactor.node.process().stop(Duration.ofSeconds(30));
      for (String sensor : sensors) {
        List<LoggedReading> logged =
            ReactorLogAudit.readings(stack.reactorDataDir(reactor.id), sensor);
        List<LoggedReading> stored = StoredReadings.readings(api, reactor.id, sensor);
        assertTrue(logged.size() > 0, reactor.id + "/" + sensor + " logged readings");
        for (int i = 0; i < logged.size(); i++) {
          assertEquals(
              i + 1, logged.get(i).seq(), reactor.id + "/" + sensor + ": the log is dense");
        }
        assertEquals(
            logged.size(), stored.size(), reactor.id + "/" + sensor + ": as many stored as logged");
        assertEquals(logged, stored, reactor.id + "/" + sensor + ": stored equals logged");
        JsonNode completeness = StoredReadings.completeness(api, reactor.id, sensor);
        assertTrue(completeness.path("complete").asBoolean(), "completeness: " + completeness);
        JsonNode rows = StoredReadings.completeness(api, reactor.id, sensor, "rows");
        assertEquals(completeness, rows, "the stored ranges say what the rows say");
        JsonNode journal = StoredReadings.completeness(api, reactor.id, sensor, "journal");
        assertTrue(journal.path("complete").asBoolean(), "the journal holds each once: " + journal);
        assertEquals(logged.size(), journal.path("count").asLong(), "in the journal: " + journal);
        compared += logged.size();
      }
      JsonNode events = StoredReadings.journalEvents(api, reactor.id);
      assertTrue(
          events.path("complete").asBoolean() && events.path("count").asLong() > 0,
          reactor.id + ": every journal event number once (one writer at a time): " + events);
    }
    return compared;
  }

  /**
   * Ends a scenario: stops sampling through the coordinator, waits until everything logged is
   * stored, stops the reactors and checks the invariant. Returns the readings compared.
   */
  long finish(CoordinatorApi api) throws Exception {
    stopSampling(api);
    awaitAllStored(api, Duration.ofSeconds(180));
    return stopReactorsAndAssertStoredEqualsLogged(api);
  }

  @Override
  public void close() {
    reactors.values().forEach(r -> r.probe.close());
    reactors.values().forEach(r -> r.proxy.close());
    stack.close();
    if (cassandraProxy != null) {
      cassandraProxy.close();
    }
    if (network != null) {
      network.close();
    }
  }
}
