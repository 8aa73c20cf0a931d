package io.forelight.frms.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * Coordinator heap per reactor: live heap (from a heap histogram) of a coordinator with no
 * reactors, then with {@code reactors} x {@code sensors} sampling at {@code interval} once they
 * have run for a while, and whether it held that load steady.
 */
final class CoordinatorFootprintBench {

  private CoordinatorFootprintBench() {}

  static void run(Bench.Options options) throws Exception {
    int reactors = options.integer("reactors", 1000);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "1s");
    int perHost = options.integer("per-host", 250);
    int hold = options.integer("hold", 60);
    try (BenchFleet fleet = new BenchFleet(options, "2g")) {
      HeapHistogram empty = HeapHistogram.of(fleet.coordinatorPid);
      long live = startReactors(fleet, reactors, sensors, interval, perHost, quietStart(options));
      double rate = reactors * sensors * 1000.0 / IngestBench.parseMillis(interval);
      LoadWindow window = LoadWindow.measure(fleet, rate, hold);
      HeapHistogram loaded = HeapHistogram.of(fleet.coordinatorPid);
      if (options.string("heap-dump", "false").equals("true")) {
        Path dump = fleet.workDir().resolve("coordinator.hprof");
        HeapHistogram.dump(fleet.coordinatorPid, dump);
        System.out.println("heap dump: " + dump + " (read it with heap-referrers)");
      }
      long perReactor = (loaded.totalBytes() - empty.totalBytes()) / reactors;
      Report report =
          new Report(
              "coordinator-footprint",
              "Coordinator heap with "
                  + reactors
                  + " reactors x "
                  + sensors
                  + " sensors at "
                  + interval);
      report
          .add("live heap, no reactors", empty.totalBytes() / 1024, "KB")
          .add("live heap, all reactors streaming", loaded.totalBytes() / 1024, "KB")
          .add(
              "heap per reactor (entity, link, sensor log, history writer, connection)",
              perReactor / 1024.0,
              "KB")
          .add(
              "heap per sensor (the reactor's share / " + sensors + ")",
              perReactor / 1024.0 / sensors,
              "KB")
          .add("links live before the window", live, "of " + reactors)
          .add("configured sampling", window.configured(), "readings/s")
          .add("logged by the reactors", window.logged(), "readings/s")
          .add("stored over " + Math.round(window.seconds()) + " s", window.stored(), "readings/s")
          .add(
              "backlog at start and end of the window",
              window.backlogAtStart() + " -> " + window.backlogAtEnd(),
              "readings")
          .add("held steady", window.sustained(), "")
          .add("latency p99 over the window", window.p99Millis(), "ms")
          .add(
              "cores: coordinator / reactor hosts / Cassandra",
              window.coresUsed().split(),
              "cores");
      for (Map.Entry<String, Long> area : loaded.grownByArea(empty).entrySet()) {
        report.add("by area: " + area.getKey(), area.getValue() / reactors, "bytes per reactor");
      }
      for (Map.Entry<String, Long> grown : loaded.grownSince(empty, 10)) {
        report.add("grew: " + grown.getKey(), grown.getValue() / reactors, "bytes per reactor");
      }
      report.publish(options);
    }
  }

  /**
   * {@code --start quiet}: hosts start paused and begin sampling together once every link is live,
   * so the window measures the load, not a start's backlog (a coordinator on two cores that carries
   * 1,000 reactors at 1 Hz has no spare capacity to catch up minutes of it). {@code --start busy}
   * (the default): reactors sample from the moment their host starts.
   */
  static boolean quietStart(Bench.Options options) {
    String start = options.string("start", "busy");
    if (!start.equals("busy") && !start.equals("quiet")) {
      throw new IllegalArgumentException("--start must be busy or quiet, got '" + start + "'");
    }
    return start.equals("quiet");
  }

  /**
   * Starts {@code reactors} in hosts of {@code perHost}, waits (at most 5 min) for their links and
   * for the start's backlog to drain; returns how many links are live. {@code quiet}: see {@link
   * #quietStart}.
   */
  static long startReactors(
      BenchFleet fleet, int reactors, int sensors, String interval, int perHost, boolean quiet)
      throws Exception {
    for (int started = 0; started < reactors; started += perHost) {
      int count = Math.min(perHost, reactors - started);
      if (quiet) {
        fleet.addPausedHost(count, sensors, interval);
      } else {
        fleet.startHost(count, sensors, interval, false);
      }
      System.out.printf("%d reactors started%s%n", started + count, quiet ? " (paused)" : "");
    }
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (fleet.liveLinks() < reactors && System.nanoTime() < deadline) {
      Thread.sleep(2000);
    }
    long live = fleet.liveLinks();
    System.out.printf("%d of %d links live%n", live, reactors);
    if (quiet) {
      fleet.hosts.forEach(host -> fleet.pauseSampling(host, false));
      System.out.println("sampling resumed on every host");
    }
    double rate = reactors * sensors * 1000.0 / IngestBench.parseMillis(interval);
    IngestBench.settle(fleet, 30, rate); // steady state: the start's backlog drained
    return live;
  }
}
