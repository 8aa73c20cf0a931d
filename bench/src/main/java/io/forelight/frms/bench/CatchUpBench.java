package io.forelight.frms.bench;

import io.forelight.frms.devkit.FaultProxy;

/**
 * Catch-up after an outage: every link is cut for {@code outage} seconds while the reactors keep
 * sampling, then restored. Measures the time until every backlog is stored and the drain rate.
 */
final class CatchUpBench {

  private CatchUpBench() {}

  static void run(Bench.Options options) throws Exception {
    int reactors = options.integer("reactors", 3);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "100ms");
    int outage = options.integer("outage", 60);
    try (BenchFleet fleet = new BenchFleet(reactors, sensors, interval)) {
      Thread.sleep(5000);
      long storedBefore = fleet.stored();
      fleet.proxies.forEach(FaultProxy::cut);
      System.out.printf("links cut for %d s%n", outage);
      Thread.sleep(outage * 1000L);
      long backlog =
          Math.round(reactors * sensors * outage * (1000.0 / IngestBench.parseMillis(interval)));
      long storedAtCut = fleet.stored();
      fleet.proxies.forEach(FaultProxy::restore);
      long restored = System.nanoTime();
      long target = storedAtCut + backlog;
      while (fleet.stored() < target
          || !fleet.reactors.stream()
              .allMatch(id -> "live".equals(fleet.link(id).path("link").asText()))) {
        Thread.sleep(200);
        if ((System.nanoTime() - restored) / 1e9 > 600) {
          throw new IllegalStateException("not caught up within 10 minutes");
        }
      }
      double seconds = (System.nanoTime() - restored) / 1e9;
      long drained = fleet.stored() - storedAtCut;
      new Report(
              "catch-up",
              "Catch-up after an outage ("
                  + reactors
                  + " reactors x "
                  + sensors
                  + " sensors at "
                  + interval
                  + ", links cut "
                  + outage
                  + " s)")
          .add("backlog built during the outage", backlog, "readings")
          .add("stored before the outage", storedBefore, "readings")
          .add("time from links restored to caught up", seconds, "s")
          .add("drain rate", drained / seconds, "readings/s")
          .publish(options);
    }
  }
}
