package io.forelight.frms.reactor.journal;

import io.forelight.frms.reactor.journal.LogRecord.Events;
import io.forelight.frms.reactor.journal.LogRecord.Position;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory view of a flash log: its segment files, what each holds, and per persistence id the
 * highest and acknowledged sequence numbers. The writer changes it only after an fsync, so
 * everything it shows is durable. All methods are synchronized; file I/O happens outside.
 */
final class LogState {

  /** Where a read of one segment starts and ends. */
  record ReadPlan(SegmentFile segment, long start, long limit) {}

  /** How many of each id's latest events are kept in memory for live tails. */
  static final int RECENT_PER_ID = 32;

  final Path dir;
  final LogDisk disk;
  private final TreeMap<Long, SegmentFile> segments = new TreeMap<>();
  private final TreeMap<Long, SegmentIndex> indexes = new TreeMap<>();
  private final Map<String, Long> highest = new HashMap<>();
  private final Map<String, Long> acknowledged = new HashMap<>();
  private final Map<String, Long> checkpointedHighest = new HashMap<>();
  private final RecentEvents recent = new RecentEvents(RECENT_PER_ID);
  private final List<LogDamage> damage = new ArrayList<>();
  private LogRecord.Mark lastMark;

  LogState(Path dir, LogDisk disk) {
    this.dir = dir;
    this.disk = disk;
  }

  synchronized void addSegment(SegmentFile segment, SegmentIndex index) {
    segments.put(segment.id, segment);
    indexes.put(segment.id, index);
  }

  synchronized SegmentFile removeSegment(long id) {
    indexes.remove(id);
    return segments.remove(id);
  }

  synchronized SegmentFile activeSegment() {
    return segments.lastEntry().getValue();
  }

  synchronized boolean isEmpty() {
    return segments.isEmpty();
  }

  /** See {@link RecentEvents#read}. */
  synchronized Optional<List<StoredEvent>> readRecent(
      String persistenceId, long fromSeq, long toSeq, int max) {
    return recent.read(persistenceId, fromSeq, toSeq, max);
  }

  synchronized long highestSeq(String persistenceId) {
    return highest.getOrDefault(persistenceId, 0L);
  }

  synchronized long acknowledgedSeq(String persistenceId) {
    return acknowledged.getOrDefault(persistenceId, 0L);
  }

  /** Records what a commit made durable. */
  synchronized void apply(
      long segmentId, List<Events> written, List<Long> positions, Map<String, Long> newHighest) {
    SegmentIndex index = indexes.get(segmentId);
    for (int i = 0; i < written.size(); i++) {
      index.add(written.get(i), positions.get(i));
      recent.add(written.get(i));
    }
    newHighest.forEach((id, seq) -> highest.merge(id, seq, Math::max));
    if (!written.isEmpty()) {
      lastMark = written.get(written.size() - 1).mark();
    }
  }

  /** The id and highest sequence number of the last record written: the next one names it. */
  synchronized LogRecord.Mark lastMark() {
    return lastMark;
  }

  /** Records acknowledgements the checkpoint file made durable. */
  synchronized void acknowledge(Map<String, Long> newAcknowledged) {
    newAcknowledged.forEach((id, seq) -> acknowledged.merge(id, seq, Math::max));
  }

  /** True when the checkpoint file already holds each of these ids at or above these numbers. */
  synchronized boolean checkpointCovers(Map<String, Long> highestSeqs) {
    for (Map.Entry<String, Long> entry : highestSeqs.entrySet()) {
      if (checkpointedHighest.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Records the positions a checkpoint made durable. */
  synchronized void checkpointed(List<Position> positions) {
    for (Position p : positions) {
      checkpointedHighest.merge(p.persistenceId(), p.highestSeq(), Math::max);
    }
  }

  /** Records a checkpoint found at recovery. */
  synchronized void applyCheckpoint(List<Position> positions) {
    checkpointed(positions);
    for (Position p : positions) {
      highest.merge(p.persistenceId(), p.highestSeq(), Math::max);
      acknowledged.merge(p.persistenceId(), p.acknowledgedSeq(), Math::max);
    }
  }

  /**
   * Records an events record found at recovery, in log order; the mark it holds of the record
   * before it keeps that one's highest sequence number should that record be damaged.
   */
  synchronized void applyRecovered(Events events) {
    highest.merge(events.persistenceId(), events.lastSeq(), Math::max);
    if (events.previous() != null) {
      highest.merge(events.previous().persistenceId(), events.previous().seq(), Math::max);
    }
    lastMark = events.mark();
  }

  /** Records damage found (and moved aside) at recovery. */
  synchronized void addDamage(LogDamage found) {
    damage.add(found);
  }

  /** The damage found when the log was opened, oldest first. */
  synchronized List<LogDamage> damage() {
    return List.copyOf(damage);
  }

  /**
   * Where a read from {@code fromSeq} may start: at the first unacknowledged sequence number, or
   * (with {@code lastAcknowledged}) at the last acknowledged one.
   */
  synchronized long readableFrom(String persistenceId, long fromSeq, boolean lastAcknowledged) {
    long acked = acknowledged.getOrDefault(persistenceId, 0L);
    return Math.max(fromSeq, lastAcknowledged ? Math.max(1, acked) : acked + 1);
  }

  synchronized List<ReadPlan> planRead(String persistenceId, long fromSeq) {
    List<ReadPlan> plans = new ArrayList<>();
    for (Map.Entry<Long, SegmentIndex> entry : indexes.entrySet()) {
      long start = entry.getValue().seekPosition(persistenceId, fromSeq);
      if (start >= 0) {
        SegmentFile segment = segments.get(entry.getKey());
        plans.add(new ReadPlan(segment, start, segment.durableSize()));
      }
    }
    return plans;
  }

  /** Segments before the active one whose every event is acknowledged. */
  synchronized List<Long> fullyAcknowledgedSegments() {
    long activeId = segments.lastKey();
    List<Long> ids = new ArrayList<>();
    indexes
        .headMap(activeId)
        .forEach(
            (id, index) -> {
              if (index.fullyAcknowledged(acknowledged)) {
                ids.add(id);
              }
            });
    return ids;
  }

  /**
   * Every persistence id's position with these acknowledgements applied: a whole checkpoint, which
   * makes every older one (and the segments it covers) redundant.
   */
  synchronized List<Position> positionsWith(Map<String, Long> newAcknowledged) {
    List<Position> positions = new ArrayList<>();
    highest.forEach(
        (id, seq) ->
            positions.add(
                new Position(
                    id,
                    seq,
                    Math.max(
                        acknowledged.getOrDefault(id, 0L), newAcknowledged.getOrDefault(id, 0L)))));
    return positions;
  }

  /** Bytes the segments take, including writes not yet forced (the writer's view). */
  synchronized long bytesWritten() {
    return segments.values().stream().mapToLong(SegmentFile::size).sum();
  }

  synchronized FlashLog.Status status() {
    long unacknowledged = 0;
    for (Map.Entry<String, Long> entry : highest.entrySet()) {
      unacknowledged += entry.getValue() - acknowledged.getOrDefault(entry.getKey(), 0L);
    }
    long bytes = segments.values().stream().mapToLong(SegmentFile::durableSize).sum();
    return new FlashLog.Status(unacknowledged, bytes, segments.size());
  }

  synchronized List<SegmentFile> allSegments() {
    return List.copyOf(segments.values());
  }

  void syncDirectory() throws IOException {
    disk.syncDirectory(dir);
  }
}
