package io.forelight.frms.coordinator.history;

import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.readings.Track;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What the history read model holds of each sensor, sequence by sequence, as {@link Completeness}:
 * from the stored ranges its writer keeps (a few rows per sensor, however many readings), or by
 * reading every row ({@link #scanned}), the audit of the rows themselves. Both take memory in
 * proportion to gaps, not readings.
 */
public final class StoredCompleteness {

  private final HistoryStore store;
  private final ActorSystem<?> system;

  public StoredCompleteness(HistoryStore store, ActorSystem<?> system) {
    this.store = store;
    this.system = system;
  }

  /**
   * From the stored ranges. A sensor whose ranges do not reach back to the start of its current
   * sequence (readings stored before ranges were kept) is scanned instead.
   */
  public CompletionStage<Map<String, Map<Integer, Completeness>>> fromRanges(
      String reactorId, SensorLog.Positions positions) {
    Map<String, CompletableFuture<Map<Integer, Completeness>>> reads = new HashMap<>();
    for (String sensor : positions.positions().keySet()) {
      Track track = positions.tracks().get(sensor);
      int current = track == null ? 1 : track.number();
      long start = (track == null ? 0 : Math.max(0, track.base())) + 1;
      long inJournal = positions.positions().get(sensor);
      reads.put(
          sensor,
          store
              .ranges(reactorId, sensor)
              .thenCompose(
                  ranges ->
                      reachesBack(ranges, current, start, inJournal)
                          ? withLost(reactorId, sensor, fromRanges(ranges))
                          : scanned(reactorId, sensor))
              .toCompletableFuture());
    }
    return all(reads);
  }

  /** By reading every stored row of each sensor. */
  public CompletionStage<Map<String, Map<Integer, Completeness>>> scanned(
      String reactorId, Iterable<String> sensors) {
    Map<String, CompletableFuture<Map<Integer, Completeness>>> reads = new HashMap<>();
    for (String sensor : sensors) {
      reads.put(sensor, scanned(reactorId, sensor).toCompletableFuture());
    }
    return all(reads);
  }

  private static boolean reachesBack(
      List<StoredRange> ranges, int current, long start, long inJournal) {
    long first =
        ranges.stream()
            .filter(range -> range.sequence() == current)
            .mapToLong(StoredRange::fromSeq)
            .min()
            .orElse(Long.MAX_VALUE);
    return first <= start || (ranges.isEmpty() && inJournal < start);
  }

  private static Map<Integer, Completeness> fromRanges(List<StoredRange> ranges) {
    Map<Integer, Completeness> sequences = new ConcurrentHashMap<>();
    for (StoredRange range : ranges) {
      sequences
          .computeIfAbsent(range.sequence(), n -> new Completeness())
          .addRange(range.fromSeq(), range.toSeq(), range.rows());
    }
    return sequences;
  }

  private CompletionStage<Map<Integer, Completeness>> scanned(String reactorId, String sensor) {
    Map<Integer, Completeness> sequences = new ConcurrentHashMap<>();
    return store
        .seqs(reactorId, sensor)
        .runForeach(
            stored ->
                sequences
                    .computeIfAbsent(stored.sequence(), n -> new Completeness())
                    .add(stored.seq()),
            system)
        .thenCompose(done -> withLost(reactorId, sensor, sequences));
  }

  private CompletionStage<Map<Integer, Completeness>> withLost(
      String reactorId, String sensor, Map<Integer, Completeness> sequences) {
    return store
        .lostAtSource(reactorId, sensor)
        .runForeach(
            lost ->
                sequences
                    .computeIfAbsent(lost.sequence(), n -> new Completeness())
                    .addLost(lost.range()),
            system)
        .thenApply(done -> sequences);
  }

  private static CompletionStage<Map<String, Map<Integer, Completeness>>> all(
      Map<String, CompletableFuture<Map<Integer, Completeness>>> reads) {
    return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<String, Map<Integer, Completeness>> bySensor = new HashMap<>();
              reads.forEach((sensor, read) -> bySensor.put(sensor, read.join()));
              return bySensor;
            });
  }
}
