package io.forelight.frms.bench;

import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogSettings;
import io.forelight.frms.reactor.journal.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How long a reactor takes to open a large flash log after a restart, and the heap the open log
 * keeps: fills a log of {@code mb} MiB in a temporary directory (reading-sized events of {@code
 * sensors} sensors, none acknowledged), closes it, and times opening it again.
 */
final class ReactorRecoveryBench {

  private static final int PAYLOAD_BYTES = 48;

  private ReactorRecoveryBench() {}

  static void run(Bench.Options options) throws Exception {
    int megabytes = options.integer("mb", 1024);
    int sensors = options.integer("sensors", 16);
    int batch = options.integer("batch", 200);
    Path dir = Files.createTempDirectory("frms-reactor-recovery-bench");
    FlashLogSettings settings = new FlashLogSettings(dir, 16L << 20, 10_000);
    try {
      long events = fill(settings, (long) megabytes << 20, sensors, batch);
      long bytes = size(dir);
      long heapBefore = usedHeap();
      long started = System.nanoTime();
      FlashLog reopened = FlashLog.open(settings);
      double seconds = (System.nanoTime() - started) / 1e9;
      long heapAfter = usedHeap();
      long highest = reopened.highestSeq("sensor-0");
      reopened.close();
      new Report("reactor-recovery", "Reactor flash log recovery after a restart")
          .add("log size", bytes >> 20, "MiB")
          .add("events in the log", events, "events")
          .add("highest seq of sensor-0 after recovery", highest, "seq")
          .add("recovery time", seconds, "s")
          .add("recovery rate", (bytes >> 20) / seconds, "MiB/s")
          .add("heap kept by the open log", (heapAfter - heapBefore) >> 20, "MiB")
          .publish(options);
    } finally {
      WorkDirs.delete(dir);
    }
  }

  private static long fill(FlashLogSettings settings, long targetBytes, int sensors, int batch)
      throws Exception {
    Random random = new Random(1);
    long[] seqs = new long[sensors];
    long events = 0;
    long lastProgress = System.nanoTime();
    FlashLog log = FlashLog.open(settings);
    try {
      for (long appended = 0; size(settings.dir()) < targetBytes; appended++) {
        Map<String, List<StoredEvent>> writes = new LinkedHashMap<>();
        for (int s = 0; s < sensors; s++) {
          List<StoredEvent> sensorEvents = new ArrayList<>(batch);
          for (int i = 0; i < batch; i++) {
            byte[] payload = new byte[PAYLOAD_BYTES];
            random.nextBytes(payload);
            sensorEvents.add(
                new StoredEvent(++seqs[s], System.currentTimeMillis(), 33, "R", "bench", payload));
          }
          writes.put("sensor-" + s, sensorEvents);
          events += batch;
        }
        log.append(writes).get();
        if (System.nanoTime() - lastProgress > 10_000_000_000L) {
          lastProgress = System.nanoTime();
          System.out.printf(
              "filling: %d of %d MiB%n", size(settings.dir()) >> 20, targetBytes >> 20);
        }
      }
    } finally {
      log.close();
    }
    return events;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
