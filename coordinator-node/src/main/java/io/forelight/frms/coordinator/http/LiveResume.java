package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.history.HistoryStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * What a live stream that resumes ({@code Last-Event-ID}) sends before the live readings: every
 * reading stored with a time after the last event the page had, from Cassandra, so that a chart
 * shows no false gap after a reconnect. An event's id is the newest reading time (epoch
 * microseconds) its stream has sent; a resumed stream reaches back at most {@link #MAX_BACK} and
 * sends at most {@link #MAX_READINGS} (a page away longer reloads its history). Readings stored
 * while the backfill runs come both ways: {@link Dedup} lets each through once.
 */
final class LiveResume {

  static final Duration MAX_BACK = Duration.ofHours(1);
  static final int MAX_READINGS = 20_000;

  private final FleetRoutes fleet;
  private final HistoryStore store;

  LiveResume(FleetRoutes fleet, HistoryStore store) {
    this.fleet = fleet;
    this.store = store;
  }

  /** The event id a page sent back, as epoch microseconds; empty if absent or not ours. */
  static Optional<Long> after(Optional<String> lastEventId) {
    try {
      return lastEventId.map(String::strip).filter(id -> !id.isEmpty()).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A reading on its way to a page: its view, its time, when it was stored (0: unknown), and
   * whether it is backfilled.
   */
  record Item(
      Views.ReadingView view, long takenAtMicros, long storedAtMicros, boolean backfilled) {}

  /** The reactor's readings of every sensor stored with a time after {@code afterMicros}. */
  Source<Item, NotUsed> since(String reactorId, long afterMicros) {
    long nowMicros = System.currentTimeMillis() * 1000;
    long from = Math.max(afterMicros + 1, nowMicros - MAX_BACK.toNanos() / 1000);
    long to = nowMicros + Duration.ofMinutes(1).toNanos() / 1000;
    return fleet
        .storedSensors(reactorId)
        .flatMapConcat(
            sensor ->
                store
                    .points(reactorId, sensor, from, to)
                    .map(
                        p ->
                            new Item(
                                Views.ReadingView.of(sensor, p),
                                p.takenAtMicros(),
                                p.receivedAtMicros(),
                                true)))
        .take(MAX_READINGS);
  }

  /**
   * Passes each reading once: a live reading that the backfill already sent (same sensor, number
   * and time) is dropped. Readings of a new log (numbers from 1 again) are newer, so they pass.
   */
  static final class Dedup {
    private final Map<String, Item> newestBackfilled = new HashMap<>();
    private long newestMicros;

    Dedup(long resumedAfterMicros) {
      this.newestMicros = resumedAfterMicros;
    }

    /** True the first time; the stream's newest reading time (its event id) moves on with it. */
    boolean firstTime(Item item) {
      String sensor = item.view().sensorId();
      Item sent = newestBackfilled.get(sensor);
      boolean first =
          item.backfilled()
              || sent == null
              || item.view().seq() > sent.view().seq()
              || item.takenAtMicros() > sent.takenAtMicros();
      if (first) {
        newestMicros = Math.max(newestMicros, item.takenAtMicros());
        if (item.backfilled()) {
          newestBackfilled.put(sensor, item);
        }
      }
      return first;
    }

    long newestMicros() {
      return newestMicros;
    }
  }
}
