package io.forelight.frms.bench;

import io.forelight.frms.devkit.FaultProxy;

/**
 * Catch-up after an outage: every link is cut for {@code outage} seconds while the reactors keep
 * sampling, then restored. Measures the time until everything logged before the links returned is
 * stored in Cassandra, and the drain rate.
 */
final class CatchUpBench {

  private CatchUpBench() {}

  static void run(Bench.Options options) throws Exception {
    int reactors = options.integer("reactors", 100);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "1s");
    int outage = options.integer("outage", 600);
    try (BenchFleet fleet = new BenchFleet(options, "1g")) {
      fleet.addHost(reactors, sensors, interval, true);
      Thread.sleep(10_000);
      fleet.proxies.forEach(FaultProxy::cut);
      long storedAtCut = fleet.stored();
      System.out.printf("%d links cut for %d s%n", reactors, outage);
      for (int left = outage; left > 0; left -= Math.min(left, 60)) {
        Thread.sleep(Math.min(left, 60) * 1000L);
        System.out.printf("  backlog %,d readings%n", fleet.logged() - fleet.stored());
      }
      long loggedAtRestore = fleet.logged();
      long backlog = loggedAtRestore - fleet.stored();
      fleet.proxies.forEach(FaultProxy::restore);
      long restored = System.nanoTime();
      long stored;
      while ((stored = fleet.stored()) < loggedAtRestore) {
        Thread.sleep(250);
        if ((System.nanoTime() - restored) / 1e9 > 1200) {
          throw new IllegalStateException("not caught up within 20 minutes");
        }
      }
      double seconds = (System.nanoTime() - restored) / 1e9;
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
          .add("backlog when the links returned", backlog, "readings")
          .add("stored before the outage", storedAtCut, "readings")
          .add("time from links restored to the backlog stored", seconds, "s")
          .add(
              "drain rate (backlog and new readings)",
              (stored - storedAtCut) / seconds,
              "readings/s")
          .publish(options);
    }
  }
}
