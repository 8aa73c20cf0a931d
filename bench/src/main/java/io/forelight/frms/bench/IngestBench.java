package io.forelight.frms.bench;

/**
 * Sustained ingest: reactor nodes sample as configured and the coordinator stores every reading in
 * Cassandra. Over {@code seconds} after a warm-up it measures what the reactors logged (asked of
 * them directly) and what was stored; a backlog that grows means storage cannot keep up.
 */
final class IngestBench {

  private IngestBench() {}

  static void run(Bench.Options options) throws Exception {
    int reactors = options.integer("reactors", 3);
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "20ms");
    int seconds = options.integer("seconds", 60);
    try (BenchFleet fleet = new BenchFleet(reactors, sensors, interval)) {
      System.out.printf(
          "%d reactors x %d sensors at %s; warming up 20 s%n", reactors, sensors, interval);
      Thread.sleep(20_000);
      long storedBefore = fleet.stored();
      long loggedBefore = fleet.logged();
      long backlogBefore = loggedBefore - storedBefore;
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long loggedAfter = fleet.logged();
      long storedAfter = fleet.stored();
      double elapsed = (System.nanoTime() - start) / 1e9;
      long configured = Math.round(reactors * sensors * (1000.0 / parseMillis(interval)));
      new Report(
              "ingest",
              "Sustained ingest into Cassandra ("
                  + reactors
                  + " reactors x "
                  + sensors
                  + " sensors at "
                  + interval
                  + ")")
          .add("configured sampling", configured, "readings/s")
          .add("logged by the reactors", (loggedAfter - loggedBefore) / elapsed, "readings/s")
          .add("stored in Cassandra", (storedAfter - storedBefore) / elapsed, "readings/s")
          .add("backlog at the start (logged - stored)", backlogBefore, "readings")
          .add("backlog at the end (logged - stored)", loggedAfter - storedAfter, "readings")
          .add("measured over", elapsed, "s")
          .publish(options);
    }
  }

  static double parseMillis(String duration) {
    return com.typesafe.config.ConfigFactory.parseString("d = " + duration)
            .getDuration("d")
            .toNanos()
        / 1e6;
  }
}
