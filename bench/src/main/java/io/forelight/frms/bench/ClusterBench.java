package io.forelight.frms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devstack.CoordinatorApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Adding coordinator nodes spreads the work: two coordinators in one cluster share a fleet of
 * {@code --reactors} light-generator reactors (hosts of {@code --host-size}); for {@code --seconds}
 * the report gives each node's links, cores, stored rate and p99 latency. Then the second node is
 * killed (SIGKILL) and the stored rate is recorded per 10 s window until the first node has taken
 * over every link and the backlog left on the reactors has drained, then it is measured alone for
 * {@code --seconds}. Stored readings are counted by the reactors' acknowledgements (each one sent
 * only once the reading is committed), which survive the killed node. At the end sampling stops,
 * every logged reading must be acknowledged, and each sensor's completeness must show no gap and no
 * duplicate.
 */
final class ClusterBench {

  private ClusterBench() {}

  static void run(Bench.Options options) throws Exception {
    int reactors = options.integer("reactors", 400);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "1s");
    int seconds = options.integer("seconds", 120);
    int warmUp = options.integer("warm-up", 30);
    double offered = reactors * sensors * 1000.0 / IngestBench.parseMillis(interval);
    if (!BenchFleet.samplingOf(options).equals("direct")) {
      throw new IllegalArgumentException("the cluster bench needs --sampling direct");
    }
    try (BenchFleet fleet = new BenchFleet(options, "1g")) {
      BenchCoordinator first = fleet.coordinators.get(0);
      BenchCoordinator second = fleet.addCoordinator();
      System.out.printf(
          "two coordinators; %d reactors x %d sensors at %s (%,.0f readings/s)%n",
          reactors, sensors, interval, offered);
      // hosts of at most --host-size reactors, one after the other: on two cores, starting 200
      // reactors at once beside two coordinators stalled a node past its failure detector
      int hostSize = options.integer("host-size", 100);
      for (int added = 0; added < reactors; added += hostSize) {
        fleet.addHost(Math.min(hostSize, reactors - added), sensors, interval, false);
      }
      IngestBench.settle(fleet, warmUp, offered);

      List<NodeWindow> both = NodeWindow.measure(fleet, fleet.coordinators, seconds);
      RateTimeline timeline = new RateTimeline(fleet, 10, fleet::acknowledged);
      List<RateTimeline.Window> before = timeline.run("two nodes", offered, 30);
      second.process.kill();
      System.out.println("killed " + second.name);
      // drained: back to the backlog the two nodes ran with (a saturated machine queues a few
      // seconds' worth), or to two seconds' worth
      double backlogBefore =
          before.stream().mapToLong(RateTimeline.Window::backlog).average().orElse(0);
      List<RateTimeline.Window> takeOver =
          timeline.runUntilDrained(
              "second node killed",
              offered,
              (long) Math.max(2 * offered, 1.2 * backlogBefore),
              options.integer("max-drain-seconds", 600));
      awaitAllLinksOn(fleet, first);
      List<NodeWindow> alone = NodeWindow.measure(fleet, List.of(first), seconds);
      Invariants invariants = Invariants.check(fleet, first.api);

      Report report =
          new Report(
              BenchFleet.colocated(options) ? "cluster-colocated" : "cluster",
              "Two coordinators share "
                  + reactors
                  + " reactors ("
                  + Math.round(offered)
                  + " readings/s), then one is killed"
                  + (BenchFleet.colocated(options)
                      ? " (colocate-shards on: a reactor's link and SensorLog on one node)"
                      : ""));
      report.add("offered", offered, "readings/s");
      NodeWindow.addTo(report, "two nodes", both);
      NodeWindow.addTo(report, "one node after the kill", alone);
      double lowest = takeOver.stream().mapToDouble(RateTimeline.Window::stored).min().orElse(0);
      report
          .add("stored before the kill (mean of 10 s windows)", mean(before), "readings/s")
          .add("stored after the kill: lowest 10 s window", lowest, "readings/s")
          .add("stored after the kill: mean until drained", mean(takeOver), "readings/s")
          .add(
              "from the kill until the backlog drained",
              takeOver.get(takeOver.size() - 1).endSeconds()
                  - before.get(before.size() - 1).endSeconds(),
              "s")
          .add(
              "largest backlog on the reactors after the kill",
              takeOver.stream().mapToLong(RateTimeline.Window::backlog).max().orElse(0),
              "readings")
          .add("logged readings, all acknowledged at the end", invariants.logged(), "readings")
          .add("stored readings (completeness, summed)", invariants.stored(), "readings")
          .add("sensors with a gap or a duplicate", invariants.incomplete(), "sensors");
      for (RateTimeline.Window w : timeline.windows()) {
        report.add(
            String.format(
                "%4.0f s %s: logged %.0f, backlog %d, links up %d",
                w.endSeconds(), w.phase(), w.logged(), w.backlog(), w.linksUp()),
            w.stored(),
            "readings/s stored");
      }
      report.publish(options);
      if (invariants.stored() != invariants.logged() || invariants.incomplete() > 0) {
        throw new IllegalStateException(
            "invariant broken: logged "
                + invariants.logged()
                + ", stored "
                + invariants.stored()
                + ", sensors incomplete "
                + invariants.incomplete());
      }
    }
  }

  private static double mean(List<RateTimeline.Window> windows) {
    return windows.stream().mapToDouble(RateTimeline.Window::stored).average().orElse(0);
  }

  private static void awaitAllLinksOn(BenchFleet fleet, BenchCoordinator node) {
    Await.until(
        Duration.ofMinutes(5),
        () -> "every link live on " + node.name + ": " + node.fleetInt("Connected"),
        () -> fleet.liveLinks() == fleet.reactors.size());
  }

  /** Each node's links, cores, stored rate and p99 latency over one window. */
  record NodeWindow(String node, int links, double cores, double stored, double p99Millis) {

    static List<NodeWindow> measure(BenchFleet fleet, List<BenchCoordinator> nodes, int seconds)
        throws InterruptedException {
      List<Double> cpu = new ArrayList<>();
      List<Long> stored = new ArrayList<>();
      for (BenchCoordinator node : nodes) {
        node.jmx.invoke(BenchFleet.LATENCY, "reset");
        cpu.add(fleet.coordinatorCpuSeconds(node));
        stored.add(node.fleetLong("ReadingsStored"));
      }
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      double wall = (System.nanoTime() - start) / 1e9;
      List<NodeWindow> windows = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        BenchCoordinator node = nodes.get(i);
        windows.add(
            new NodeWindow(
                node.name,
                node.fleetInt("Connected"),
                (fleet.coordinatorCpuSeconds(node) - cpu.get(i)) / wall,
                (node.fleetLong("ReadingsStored") - stored.get(i)) / wall,
                ((Number) node.jmx.get(BenchFleet.LATENCY, "P99Millis")).doubleValue()));
      }
      windows.forEach(w -> System.out.println(w));
      return windows;
    }

    static void addTo(Report report, String phase, List<NodeWindow> windows) {
      for (NodeWindow w : windows) {
        report.add(
            phase + ", " + w.node() + ": links / cores / stored per s / p99 ms",
            String.format(
                "%d / %.2f / %,.0f / %,.0f", w.links(), w.cores(), w.stored(), w.p99Millis()),
            "");
        report.add(
            phase + ", " + w.node() + ": CPU per stored reading",
            w.stored() > 0 ? 1e6 * w.cores() / w.stored() : 0,
            "µs");
      }
    }
  }

  /** Logged and stored at the end, once sampling stopped and every reading was acknowledged. */
  record Invariants(long logged, long stored, int incomplete) {

    static Invariants check(BenchFleet fleet, CoordinatorApi api) throws Exception {
      for (BenchFleet.Host host : fleet.hosts) {
        fleet.pauseSampling(host, true);
      }
      long logged = fleet.logged();
      Await.until(
          Duration.ofMinutes(5),
          () -> "every logged reading acknowledged: " + fleet.acknowledged() + " of " + logged,
          () -> fleet.acknowledged() == logged);
      // history (and so completeness) lags the stores by its linger and offset interval: a sensor
      // counts as incomplete only if its read model has not caught up by the deadline
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      long stored = 0;
      int incomplete = 0;
      for (String reactor : fleet.reactors) {
        JsonNode sensors = completeness(api, reactor);
        while (!allComplete(sensors) && System.nanoTime() < deadline) {
          Thread.sleep(500);
          sensors = completeness(api, reactor);
        }
        for (JsonNode sensor : sensors) {
          stored += sensor.path("count").asLong();
          if (!sensor.path("complete").asBoolean()) {
            incomplete++;
            System.out.println(reactor + " incomplete: " + sensor);
          }
        }
      }
      return new Invariants(logged, stored, incomplete);
    }

    private static JsonNode completeness(CoordinatorApi api, String reactor) {
      return api.get("/api/reactors/" + reactor + "/completeness")
          .orElseThrow(() -> new IllegalStateException("no completeness of " + reactor))
          .path("sensors");
    }

    private static boolean allComplete(JsonNode sensors) {
      for (JsonNode sensor : sensors) {
        if (!sensor.path("complete").asBoolean()) {
          return false;
        }
      }
      return true;
    }
  }
}
