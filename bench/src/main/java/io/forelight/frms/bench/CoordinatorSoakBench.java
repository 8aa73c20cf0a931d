package io.forelight.frms.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A coordinator carrying a fleet for a long time: {@code --reactors} x {@code --sensors} every
 * {@code --interval} (default 1,000 x 8 at 1 Hz, the light generator) for {@code --minutes},
 * measured in windows of {@code --window-seconds}: per window the readings logged and stored, the
 * backlog and the latency from reading to commit; after every {@code --heap-every} windows the
 * coordinator's heap right after a full GC (the collection pauses ingest for a moment, so not after
 * every window). Reports each figure's trend after the warm-up: a leak grows the heap after GC, a
 * queue that slowly builds grows the backlog and the p99.
 */
final class CoordinatorSoakBench {

  private CoordinatorSoakBench() {}

  static void run(Bench.Options given) throws Exception {
    Bench.Options options = UiBench.directSamplingUnlessGiven(given);
    int reactors = options.integer("reactors", 1000);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "1s");
    int perHost = options.integer("per-host", 250);
    int minutes = options.integer("minutes", 30);
    int windowSeconds = options.integer("window-seconds", 60);
    int heapEvery = options.integer("heap-every", 5);
    // the start's backlog (readings logged while 1,000 links came up) drains first
    double warmUpMinutes = options.integer("warm-up-minutes", 10);
    try (BenchFleet fleet = new BenchFleet(options, "2g")) {
      long live =
          CoordinatorFootprintBench.startReactors(
              fleet,
              reactors,
              sensors,
              interval,
              perHost,
              CoordinatorFootprintBench.quietStart(options));
      double rate = reactors * sensors * 1000.0 / IngestBench.parseMillis(interval);
      List<Trend.Point> heap = new ArrayList<>();
      List<Trend.Point> p99 = new ArrayList<>();
      List<Trend.Point> backlog = new ArrayList<>();
      long logged = 0;
      long stored = 0;
      int held = 0;
      long started = System.nanoTime();
      int windows = Math.max(1, minutes * 60 / windowSeconds);
      for (int i = 0; i < windows; i++) {
        LoadWindow window = LoadWindow.measure(fleet, rate, windowSeconds);
        double at = (System.nanoTime() - started) / 60e9;
        if (i % heapEvery == heapEvery - 1 || i == windows - 1) {
          double heapMb = fleet.coordinatorHeapAfterGcMb();
          System.out.printf("%.1f min: coordinator heap after GC %.1f MB%n", at, heapMb);
          heap.add(new Trend.Point(at, heapMb));
        }
        p99.add(new Trend.Point(at, window.p99Millis()));
        backlog.add(new Trend.Point(at, window.backlogAtEnd()));
        logged += Math.round(window.logged() * window.seconds());
        stored += Math.round(window.stored() * window.seconds());
        held += window.sustained() ? 1 : 0;
      }
      ClusterBench.Invariants invariants = ClusterBench.Invariants.check(fleet, fleet.api);
      Report report =
          new Report(
              "coordinator-soak",
              "Coordinator soak: "
                  + reactors
                  + " reactors x "
                  + sensors
                  + " sensors at "
                  + interval
                  + " for "
                  + minutes
                  + " min");
      report
          .add("links live at the start", live, "of " + reactors)
          .add("configured sampling", rate, "readings/s")
          .add("readings logged over the soak", logged, "readings")
          .add("readings stored over the soak", stored, "readings")
          .add("windows held (stored kept up, backlog not growing)", held, "of " + windows)
          .add("at the end: logged readings, all acknowledged", invariants.logged(), "readings")
          .add(
              "at the end: stored readings (completeness, summed)", invariants.stored(), "readings")
          .add("at the end: sensors with a gap or a duplicate", invariants.incomplete(), "sensors");
      Trend.report(report, "coordinator heap after full GC", heap, warmUpMinutes, "MB");
      Trend.report(report, "latency p99 (reading → commit)", p99, warmUpMinutes, "ms");
      Trend.report(report, "backlog on the reactors", backlog, warmUpMinutes, "readings");
      report.publish(options);
    }
  }
}
