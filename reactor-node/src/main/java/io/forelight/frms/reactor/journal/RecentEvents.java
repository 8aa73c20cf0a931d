package io.forelight.frms.reactor.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last few durable events of each persistence id, kept in memory so a live tail that is close
 * behind the writer reads them without a trip to the disk. Bounded per id; a read from further back
 * than what is kept finds nothing here and goes to the segment files. Guarded by the owning {@link
 * LogState}.
 */
final class RecentEvents {

  private final int perId;
  private final Map<String, ArrayDeque<StoredEvent>> byId = new HashMap<>();

  RecentEvents(int perId) {
    this.perId = perId;
  }

  void add(LogRecord.Events written) {
    ArrayDeque<StoredEvent> kept =
        byId.computeIfAbsent(written.persistenceId(), id -> new ArrayDeque<>());
    for (StoredEvent event : written.events()) {
      kept.addLast(event);
      if (kept.size() > perId) {
        kept.removeFirst();
      }
    }
  }

  /**
   * Events of the id from {@code fromSeq} to {@code toSeq}, at most {@code max}, if every one of
   * them from {@code fromSeq} on is still kept here; empty if the read must go to the disk.
   */
  Optional<List<StoredEvent>> read(String persistenceId, long fromSeq, long toSeq, int max) {
    ArrayDeque<StoredEvent> kept = byId.get(persistenceId);
    if (kept == null || kept.isEmpty() || kept.peekFirst().seq() > fromSeq) {
      return Optional.empty();
    }
    List<StoredEvent> result = new ArrayList<>();
    for (StoredEvent event : kept) {
      if (event.seq() > toSeq || result.size() >= max) {
        break;
      }
      if (event.seq() >= fromSeq) {
        result.add(event);
      }
    }
    return Optional.of(result);
  }
}
