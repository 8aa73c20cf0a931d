package io.forelight.frms.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximum sustainable ingest, latency, and the raw-Cassandra limit, in one run on one stack:
 *
 * <ol>
 *   <li>the limit: rows shaped like FRMS's history written straight into Cassandra;
 *   <li>rising load: a host of {@code step} more reactors at a time, each window held for {@code
 *       hold} seconds, until the backlog grows (storage no longer keeps up); the maximum is the
 *       highest stored rate of a held window;
 *   <li>latency: fresh hosts at 50% and 90% of that maximum, latency from the reactor's timestamp
 *       to the commit in Cassandra over a window each;
 *   <li>the drain rate: the maximum's reactors log while their links are cut for {@code drain-cut}
 *       seconds, then the backlog is stored with sampling paused ({@link DrainRate}): the
 *       coordinator's own rate and CPU per reading, set against the raw limit.
 * </ol>
 */
final class IngestBench {

  private IngestBench() {}

  static void run(Bench.Options options) throws Exception {
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "100ms");
    int step = options.integer("step", 25);
    int maxSteps = options.integer("max-steps", 12);
    int hold = options.integer("hold", 60);
    int warmUp = options.integer("warm-up", 20);
    double perReactor = sensors * 1000.0 / parseMillis(interval);
    try (BenchFleet fleet = new BenchFleet(options, "1g")) {
      System.out.println("raw-Cassandra limit: writing for " + hold + " s");
      double limit = RawCassandraLimit.measure(fleet.stack.cassandra().contactPoint(), 800, hold);
      System.out.printf("raw-Cassandra limit: %,.0f rows/s%n", limit);

      List<LoadWindow> ramp = new ArrayList<>();
      LoadWindow best = ramp(fleet, step, maxSteps, sensors, interval, hold, warmUp, ramp);
      LoadWindow half =
          atFraction(fleet, 0.5, best.logged(), perReactor, sensors, interval, hold, warmUp);
      LoadWindow ninety =
          atFraction(fleet, 0.9, best.logged(), perReactor, sensors, interval, hold, warmUp);
      DrainRate drain =
          DrainRate.measure(
              fleet, best.reactors(), sensors, interval, options.integer("drain-cut", 90));
      report(options, sensors, interval, limit, ramp, best, half, ninety, drain);
    }
  }

  /**
   * Adds a host of {@code step} reactors at a time (up to {@code maxSteps}) and measures each held
   * window into {@code windows}, until one is not held; returns the held window with the most
   * readings logged.
   */
  static LoadWindow ramp(
      BenchFleet fleet,
      int step,
      int maxSteps,
      int sensors,
      String interval,
      int hold,
      int warmUp,
      List<LoadWindow> windows)
      throws Exception {
    double perReactor = sensors * 1000.0 / parseMillis(interval);
    LoadWindow best = null;
    for (int i = 1; i <= maxSteps; i++) {
      fleet.addHost(step, sensors, interval, false);
      settle(fleet, warmUp, fleet.reactors.size() * perReactor);
      LoadWindow window = LoadWindow.measure(fleet, fleet.reactors.size() * perReactor, hold);
      windows.add(window);
      if (!window.sustained()) {
        break;
      }
      if (best == null || window.logged() > best.logged()) {
        best = window;
      }
    }
    if (best == null) {
      throw new IllegalStateException("not even the first step was held: lower --step");
    }
    return best;
  }

  private static LoadWindow atFraction(
      BenchFleet fleet,
      double fraction,
      double max,
      double perReactor,
      int sensors,
      String interval,
      int hold,
      int warmUp)
      throws Exception {
    fleet.removeHosts();
    int reactors = (int) Math.max(1, Math.round(fraction * max / perReactor));
    System.out.printf("%.0f%% of the maximum: %d reactors%n", fraction * 100, reactors);
    fleet.addHost(reactors, sensors, interval, false);
    settle(fleet, warmUp, reactors * perReactor);
    return LoadWindow.measure(fleet, reactors * perReactor, hold);
  }

  /**
   * Waits {@code warmUp} seconds, then up to two more minutes for the backlog a new host's start
   * left behind to drain below two seconds' worth, so a window measures the steady state.
   */
  static void settle(BenchFleet fleet, int warmUp, double rate) throws Exception {
    Thread.sleep(warmUp * 1000L);
    long deadline = System.nanoTime() + 120_000_000_000L;
    long backlog = fleet.counts().backlog();
    while (backlog > 2 * rate && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      backlog = fleet.counts().backlog();
    }
    if (backlog > 2 * rate) {
      System.out.printf("backlog still %,d after the warm-up: measuring as it is%n", backlog);
    }
  }

  private static void report(
      Bench.Options options,
      int sensors,
      String interval,
      double limit,
      List<LoadWindow> ramp,
      LoadWindow best,
      LoadWindow half,
      LoadWindow ninety,
      DrainRate drain) {
    String sampling = BenchFleet.samplingOf(options);
    Report report =
        new Report(
            sampling.equals("actors") ? "ingest" : "ingest-" + sampling,
            "Ingest into Cassandra: reactors of "
                + sensors
                + " sensors at "
                + interval
                + " (sampling: "
                + sampling
                + "), one coordinator, everything on one machine");
    report
        .add(
            "maximum sustained ingest (all logged readings stored, held "
                + Math.round(best.seconds())
                + " s)",
            best.logged(),
            "readings/s")
        .add("  at", best.reactors(), "reactors")
        .add(
            "  cores used at the maximum: coordinator / reactor hosts / Cassandra",
            best.coresUsed().split(),
            "cores")
        .add("raw-Cassandra limit (same rows, unlogged batches of 100)", limit, "rows/s")
        .add("FRMS ingest / raw limit", 100 * best.logged() / limit, "%")
        .add(
            "drain rate: a backlog of "
                + drain.backlog()
                + " stored with sampling paused (10-90 %)",
            drain.readingsPerSecond(),
            "readings/s")
        .add("FRMS drain rate / raw limit", 100 * drain.readingsPerSecond() / limit, "%")
        .add(
            "  cores while draining: coordinator / reactor hosts / Cassandra",
            drain.cores().split(),
            "cores")
        .add(
            "  CPU per stored reading while draining: coordinator",
            drain.coordinatorMicrosPerReading(),
            "µs")
        .add(
            "  CPU per stored reading while draining: Cassandra",
            drain.cassandraMicrosPerReading(),
            "µs")
        .add(
            "latency p50 at 50% of max (" + Math.round(half.stored()) + "/s stored)",
            half.p50Millis(),
            "ms")
        .add("latency p99 at 50% of max", half.p99Millis(), "ms")
        .add("latency max at 50% of max", half.maxMillis(), "ms")
        .add(
            "latency p50 at 90% of max (" + Math.round(ninety.stored()) + "/s stored)",
            ninety.p50Millis(),
            "ms")
        .add("latency p99 at 90% of max", ninety.p99Millis(), "ms")
        .add("latency max at 90% of max", ninety.maxMillis(), "ms");
    for (LoadWindow window : ramp) {
      report.add(
          "ramp: "
              + window.reactors()
              + " reactors, logged "
              + Math.round(window.logged())
              + "/s, backlog "
              + window.backlogAtStart()
              + " -> "
              + window.backlogAtEnd()
              + String.format(
                  ", cores %.2f / %.2f / %.2f",
                  window.coresUsed().coordinator(),
                  window.coresUsed().hosts(),
                  window.coresUsed().cassandra())
              + (window.sustained() ? " (held)" : " (NOT held)"),
          window.stored(),
          "readings/s stored");
    }
    report.publish(options);
  }

  static double parseMillis(String duration) {
    return com.typesafe.config.ConfigFactory.parseString("d = " + duration)
            .getDuration("d")
            .toNanos()
        / 1e6;
  }
}
