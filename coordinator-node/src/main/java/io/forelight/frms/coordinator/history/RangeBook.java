package io.forelight.frms.coordinator.history;

import io.forelight.frms.coordinator.readings.PerSensor;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The open (latest) stored range of each sensor and sequence of one reactor, kept by its history
 * writer: each written reading extends its range or, after a gap, opens a new one. Readings at or
 * below a range's end were counted before (the writer writes at least once), so recording is
 * idempotent. Ranges are read from the store the first time a sensor is seen, once per sensor and
 * sequence however many of its readings come at once (a first write of 2,000 readings used to read
 * once per reading: a start of 150 catching-up reactors sent 300,000 reads, filled the driver's
 * request slots and failed the history writes, which then forgot and read everything again).
 *
 * <p>The book also keeps the ranges changed since they were last saved ({@link #unsaved}), so its
 * writer can save them together at intervals rather than after every write: a reactor storing every
 * second extended each sensor's range every second, eight of the seventeen partitions a store
 * touched. (Public for the completeness benchmark.)
 */
public final class RangeBook {

  /** Reads the latest stored range of a sensor's sequence. */
  public interface Loader {
    CompletionStage<Optional<StoredRange>> latest(String sensorId, int sequence);
  }

  private record Key(String sensorId, int sequence) {}

  private final Loader loader;

  /**
   * By sensor, its latest range in the newest sequence seen here (an older sequence coming back is
   * read again); a range of no rows ({@link #none}) when that sequence has none stored yet. One
   * object per sensor.
   */
  private final PerSensor<StoredRange> open = new PerSensor<>();

  /** Ranges changed since they were saved, by where each starts (an extended range replaces). */
  private final Map<RangeStart, StoredRange> unsaved = new LinkedHashMap<>();

  private record RangeStart(String sensorId, int sequence, long fromSeq) {
    static RangeStart of(StoredRange range) {
      return new RangeStart(range.sensorId(), range.sequence(), range.fromSeq());
    }
  }

  public RangeBook(Loader loader) {
    this.loader = loader;
  }

  /**
   * Records readings written in each sensor's sequence ({@code sequences}, absent: 1); completes
   * with the ranges that changed (to be saved).
   */
  public CompletionStage<List<StoredRange>> record(
      List<Reading> readings, Map<String, Integer> sequences) {
    Map<Key, CompletableFuture<Void>> loads = new HashMap<>();
    for (Reading reading : readings) {
      Key key = new Key(reading.sensorId(), sequences.getOrDefault(reading.sensorId(), 1));
      if (!loads.containsKey(key) && !known(key)) {
        loads.put(
            key,
            loader
                .latest(key.sensorId(), key.sequence())
                .thenAccept(latest -> remember(key, latest))
                .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(loads.values().toArray(CompletableFuture[]::new))
        .thenApply(loaded -> apply(readings, sequences));
  }

  /**
   * Forgets what it holds (after a failed save), unsaved ranges too: ranges are read from the store
   * again, and the writer writes again from its saved offset what the unsaved ones covered. Returns
   * whether unsaved ranges were dropped.
   */
  public synchronized boolean forget() {
    open.clear();
    boolean dropped = !unsaved.isEmpty();
    unsaved.clear();
    return dropped;
  }

  /** The ranges changed since they were last {@link #saved}, in the order they changed. */
  public synchronized List<StoredRange> unsaved() {
    return List.copyOf(unsaved.values());
  }

  /** These ranges were saved: those not changed again since are no longer unsaved. */
  public synchronized void saved(List<StoredRange> ranges) {
    for (StoredRange range : ranges) {
      unsaved.remove(RangeStart.of(range), range);
    }
  }

  private synchronized boolean known(Key key) {
    StoredRange known = open.get(key.sensorId());
    return known != null && known.sequence() == key.sequence();
  }

  private static StoredRange none(String sensor, int sequence) {
    return new StoredRange(sensor, sequence, 0, 0, 0);
  }

  private synchronized void remember(Key key, Optional<StoredRange> latest) {
    if (known(key)) {
      return;
    }
    // the sensor id once per node: readings read back from the journal and rows read from
    // Cassandra bring their own copies
    String sensor = key.sensorId().intern();
    open.put(
        sensor,
        latest
            .map(r -> new StoredRange(sensor, r.sequence(), r.fromSeq(), r.toSeq(), r.rows()))
            .orElse(none(sensor, key.sequence())));
  }

  private synchronized List<StoredRange> apply(
      List<Reading> readings, Map<String, Integer> sequences) {
    Map<StoredRange, Boolean> changed = new LinkedHashMap<>();
    for (Reading reading : readings) {
      Key key = new Key(reading.sensorId(), sequences.getOrDefault(reading.sensorId(), 1));
      StoredRange known = open.get(key.sensorId());
      if (known == null || known.sequence() != key.sequence()) {
        throw new IllegalStateException("no range loaded for " + key); // record() loads it first
      }
      StoredRange range = known.rows() == 0 ? null : known;
      String sensor = range != null ? range.sensorId() : key.sensorId().intern();
      if (range != null && reading.seq() <= range.toSeq()) {
        continue;
      }
      StoredRange next =
          range != null && range.endsBefore(reading.seq())
              ? new StoredRange(
                  sensor, key.sequence(), range.fromSeq(), reading.lastSeq(), range.rows() + 1)
              : new StoredRange(sensor, key.sequence(), reading.seq(), reading.lastSeq(), 1);
      if (range != null && range.fromSeq() == next.fromSeq()) {
        changed.remove(range);
      }
      changed.put(next, true);
      unsaved.put(RangeStart.of(next), next);
      open.put(sensor, next);
    }
    return List.copyOf(changed.keySet());
  }
}
