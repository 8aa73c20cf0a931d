package io.forelight.frms.bench;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.history.BucketedHistory;
import io.forelight.frms.coordinator.history.Buckets;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.history.MinuteBook;
import io.forelight.frms.coordinator.history.ReadingsCsv;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devstack.Stack;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The CSV export of {@code --days} days of {@code --sensors} sensors at 1 Hz (30 × 8: 20.7 million
 * rows) of one reactor, from a real Cassandra: the readings are written through the history store,
 * then exported through {@link ReadingsCsv} (what {@code GET /api/export} streams) into a counting
 * sink. Reports rows per second and the heap the export grows (used heap after a full GC, sampled
 * every 2 s, minus that before), which must stay under 50 MB. Before that, the history route's work
 * for a day at 1 Hz as chart buckets (from the per-minute rows the load keeps as the history writer
 * does): one line, and the nine lines of a reactor page at once (target under 1 s).
 */
final class ExportBench {

  private static final String REACTOR = "bench-reactor";
  private static final int BATCH = 2000;
  private static final long START_MICROS = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z

  private ExportBench() {}

  static void run(Bench.Options options) throws Exception {
    int days = options.integer("days", 30);
    int sensorCount = options.integer("sensors", 8);
    long perSensor = days * 86_400L;
    List<String> sensors =
        IntStream.rangeClosed(1, sensorCount).mapToObj(i -> "sensor-" + i).toList();
    try (Stack stack = new Stack(Files.createTempDirectory("frms-export"))) {
      stack.startCassandra(
          FreePorts.pick(), FreePorts.pick(), options.integer("cassandra-heap-mb", 2048));
      ActorSystem<Void> system = LocalCoordinatorSystem.start("export", stack, "frms_export");
      try {
        HistoryStore store = Guardian.historyStore(system);
        long written = load(store, sensors, perSensor, system);

        // what a reactor page asks for a day: 9 lines (3 charts of a sensor, setpoint, output)
        long dayStart = START_MICROS + Math.max(0, perSensor - 86_400) * 1_000_000;
        dayOfBuckets(store, sensors.get(0), dayStart, system); // warm up
        double oneLineMillis = dayOfBuckets(store, sensors.get(0), dayStart, system);
        long pageStarted = System.nanoTime();
        java.util.concurrent.CompletableFuture.allOf(
                IntStream.range(0, 9)
                    .mapToObj(
                        i ->
                            java.util.concurrent.CompletableFuture.runAsync(
                                () ->
                                    dayOfBuckets(
                                        store, sensors.get(i % sensors.size()), dayStart, system)))
                    .toArray(java.util.concurrent.CompletableFuture[]::new))
            .join();
        double pageMillis = (System.nanoTime() - pageStarted) / 1e6;

        long heapBefore = usedAfterGc();
        AtomicLong peak = new AtomicLong(heapBefore);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
            () -> peak.accumulateAndGet(usedAfterGc(), Math::max), 2, 2, TimeUnit.SECONDS);
        long started = System.nanoTime();
        long[] counted =
            ReadingsCsv.of(
                    store,
                    List.of(REACTOR),
                    reactor -> Source.from(sensors),
                    START_MICROS,
                    START_MICROS + perSensor * 1_000_000)
                .runWith(
                    Sink.fold(
                        new long[2],
                        (sum, bytes) -> {
                          sum[0] += bytes.size();
                          for (int i = 0; i < bytes.size(); i++) {
                            sum[1] += bytes.apply(i) == '\n' ? 1 : 0;
                          }
                          return sum;
                        }),
                    system)
                .toCompletableFuture()
                .join();
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.shutdownNow();
        long rows = counted[1] - 1; // the header
        if (rows != written) {
          throw new IllegalStateException("exported " + rows + " rows of " + written + " written");
        }
        double growthMb = (peak.get() - heapBefore) / 1e6;
        new Report(
                "export", "CSV export of " + days + " days of " + sensorCount + " sensors at 1 Hz")
            .add("rows exported (= rows written)", rows, "rows")
            .add("export rate", rows / seconds, "rows/s")
            .add("export bytes", counted[0] / 1e6, "MB")
            .add("export time", seconds, "s")
            .add("heap growth during the export (after GC, peak)", growthMb, "MB")
            .add("target: heap growth under", 50, "MB")
            .add("a day at 1 Hz of one sensor as 600 min/mean/max buckets", oneLineMillis, "ms")
            .add("a reactor page's day (9 such lines at once)", pageMillis, "ms")
            .add("target: a reactor page's day under", 1000, "ms")
            .publish(options);
        if (growthMb > 50) {
          throw new IllegalStateException("the export grew the heap by " + growthMb + " MB");
        }
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
      }
    }
  }

  /** Writes every sensor's readings, a few batches in flight at once; prints progress. */
  private static long load(
      HistoryStore store, List<String> sensors, long perSensor, ActorSystem<Void> system) {
    long total = perSensor * sensors.size();
    MinuteBook minutes = new MinuteBook(); // as the history writer keeps it
    AtomicLong done = new AtomicLong();
    long started = System.nanoTime();
    Source.from(sensors)
        .flatMapConcat(
            sensor ->
                Source.range(0, (int) ((perSensor - 1) / BATCH))
                    .map(
                        batch -> {
                          List<Reading> readings = new ArrayList<>(BATCH);
                          for (long seq = batch * (long) BATCH + 1;
                              seq <= Math.min(perSensor, (batch + 1L) * BATCH);
                              seq++) {
                            readings.add(
                                new Reading(
                                    sensor,
                                    seq,
                                    START_MICROS + (seq - 1) * 1_000_000,
                                    20 + (seq % 600) / 100.0,
                                    "°C",
                                    Quality.GOOD,
                                    ""));
                          }
                          return readings;
                        }))
        .map(readings -> Pair.create(readings, minutes.record(readings, Map.of())))
        .mapAsyncUnordered(
            4,
            batch ->
                store
                    .write(REACTOR, batch.first())
                    .thenCompose(written -> store.minutes().save(REACTOR, batch.second(), system))
                    .thenApply(
                        ok -> {
                          long now = done.addAndGet(batch.first().size());
                          if (now / 1_000_000 != (now - batch.first().size()) / 1_000_000) {
                            System.out.printf(
                                "written %,d of %,d rows (%.0f rows/s)%n",
                                now, total, now / ((System.nanoTime() - started) / 1e9));
                          }
                          return ok;
                        }))
        .runWith(Sink.ignore(), system)
        .toCompletableFuture()
        .join();
    return done.get();
  }

  /** The history route's work for a day of one sensor as 600 buckets. */
  private static double dayOfBuckets(
      HistoryStore store, String sensor, long fromMicros, ActorSystem<Void> system) {
    long started = System.nanoTime();
    List<Buckets.Bucket> buckets =
        BucketedHistory.of(
                store, REACTOR, sensor, fromMicros, fromMicros + 86_400_000_000L, 600, system)
            .toCompletableFuture()
            .join();
    if (buckets.stream().mapToLong(b -> b.count()).sum() != 86_400) {
      throw new IllegalStateException("a day of " + sensor + " is not 86,400 readings");
    }
    return (System.nanoTime() - started) / 1e6;
  }

  private static long usedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
