package io.forelight.frms.bench;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.history.Completeness;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.history.RangeBook;
import io.forelight.frms.coordinator.history.StoredCompleteness;
import io.forelight.frms.coordinator.history.StoredRange;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devstack.Stack;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Completeness of one sensor holding {@code --days} days at {@code --hz} readings per second (30 at
 * 10: 25.9 million), with {@code --gaps} gaps. Every reading goes through the history writer's
 * {@link RangeBook} and its ranges into a real Cassandra (the rows themselves are not written: the
 * default completeness does not read them); then the default completeness answer is timed, with the
 * heap it takes. For comparison, the same numbers fed one by one to {@link Completeness} (what
 * {@code source=rows} and {@code source=journal} do with what they read; their Cassandra reads are
 * not part of this figure).
 */
final class CompletenessBench {

  private static final String REACTOR = "bench-reactor";
  private static final String SENSOR = "temperature";
  private static final int BATCH = 2000;

  private CompletenessBench() {}

  static void run(Bench.Options options) throws Exception {
    int days = options.integer("days", 30);
    int hz = options.integer("hz", 10);
    int gaps = options.integer("gaps", 10);
    long numbers = days * 86_400L * hz;
    long gapEvery = numbers / (gaps + 1);
    long expectedGaps = numbers / gapEvery; // every gapEvery-th number is left out
    try (Stack stack = new Stack(Files.createTempDirectory("frms-completeness"))) {
      stack.startCassandra(
          FreePorts.pick(), FreePorts.pick(), options.integer("cassandra-heap-mb", 1024));
      ActorSystem<Void> system =
          LocalCoordinatorSystem.start("completeness", stack, "frms_completeness");
      try {
        HistoryStore store = Guardian.historyStore(system);
        RangeBook book =
            new RangeBook((sensor, sequence) -> store.latestRange(REACTOR, sensor, sequence));
        long started = System.nanoTime();
        long stored = 0;
        long seq = 1;
        while (seq <= numbers) {
          List<Reading> batch = new ArrayList<>(BATCH);
          while (batch.size() < BATCH && seq <= numbers) {
            if (seq % gapEvery != 0) {
              batch.add(new Reading(SENSOR, seq, seq * 100_000, 37.0, "°C", Quality.GOOD, ""));
              stored++;
            }
            seq++;
          }
          recordWithRetries(book, store, batch);
        }
        double recordSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("recorded %,d readings in %.1f s%n", stored, recordSeconds);

        StoredCompleteness completeness = new StoredCompleteness(store, system);
        SensorLog.Positions positions = new SensorLog.Positions(Map.of(SENSOR, numbers));
        completeness.fromRanges(REACTOR, positions).toCompletableFuture().join(); // warm up
        long heapBefore = usedAfterGc();
        long asked = System.nanoTime();
        Completeness.Report report =
            completeness
                .fromRanges(REACTOR, positions)
                .toCompletableFuture()
                .join()
                .get(SENSOR)
                .get(1)
                .report(SENSOR);
        double answerMillis = (System.nanoTime() - asked) / 1e6;
        long answerHeap = used() - heapBefore;
        if (report.count() != stored || report.gaps().size() != expectedGaps) {
          throw new IllegalStateException("wrong answer: " + report);
        }

        long scanHeapBefore = usedAfterGc();
        long scanStarted = System.nanoTime();
        Completeness scan = new Completeness();
        for (long n = 1; n <= numbers; n++) {
          if (n % gapEvery != 0) {
            scan.add(n);
          }
        }
        Completeness.Report scanned = scan.report(SENSOR);
        double scanSeconds = (System.nanoTime() - scanStarted) / 1e9;
        long scanHeap = usedAfterGc() - scanHeapBefore;
        if (scanned.count() != stored || scanned.gaps().size() != expectedGaps) {
          throw new IllegalStateException("wrong scan: " + scanned);
        }

        new Report("completeness", "Completeness of one sensor, " + days + " days at " + hz + " Hz")
            .add("readings stored", stored, "readings")
            .add("gaps", expectedGaps, "gaps")
            .add("ranges kept (rows of stored_ranges)", expectedGaps + 1, "rows")
            .add("range keeping while writing", recordSeconds * 1e9 / stored, "ns per reading")
            .add("completeness answer (default, from ranges)", answerMillis, "ms")
            .add("heap taken by the answer", answerHeap / 1e6, "MB")
            .add(
                "the same numbers fed one by one (source=rows|journal, reads excluded)",
                scanSeconds,
                "s")
            .add("heap kept by that", scanHeap / 1e6, "MB")
            .publish(options);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
      }
    }
  }

  /** As the history writer does: a failed write (a session still connecting) is tried again. */
  private static void recordWithRetries(RangeBook book, HistoryStore store, List<Reading> batch)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        List<StoredRange> changed = book.record(batch, Map.of()).toCompletableFuture().join();
        store.saveRanges(REACTOR, changed).toCompletableFuture().join();
        return;
      } catch (RuntimeException e) {
        if (attempt == 10) {
          throw e;
        }
        System.out.println("write failed (" + e.getMessage() + "), trying again");
        book.forget();
        Thread.sleep(1000);
      }
    }
  }

  private static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long usedAfterGc() {
    System.gc();
    return used();
  }
}
