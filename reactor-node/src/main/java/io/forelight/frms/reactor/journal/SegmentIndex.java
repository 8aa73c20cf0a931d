package io.forelight.frms.reactor.journal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one segment holds for each persistence id: the range of sequence numbers and, every few
 * records, where a record starts, so a read can seek close to the sequence number it wants instead
 * of scanning the segment from its start. Guarded by the owning {@link FlashLog}.
 */
final class SegmentIndex {

  private static final int SAMPLE_EVERY = 16;

  private final Map<String, Range> ranges = new HashMap<>();

  void add(LogRecord.Events events, long position) {
    ranges.computeIfAbsent(events.persistenceId(), id -> new Range()).add(events, position);
  }

  Set<String> persistenceIds() {
    return ranges.keySet();
  }

  /** Highest sequence number of this id in the segment, or 0 if it has none here. */
  long lastSeq(String persistenceId) {
    Range range = ranges.get(persistenceId);
    return range == null ? 0 : range.lastSeq;
  }

  /**
   * Where to start reading to find {@code seq} of this id, or -1 if the segment holds nothing at or
   * after it.
   */
  long seekPosition(String persistenceId, long seq) {
    Range range = ranges.get(persistenceId);
    if (range == null || range.lastSeq < seq) {
      return -1;
    }
    return range.positionBefore(seq);
  }

  /** True when every event here is at or below what is acknowledged for its id. */
  boolean fullyAcknowledged(Map<String, Long> acknowledged) {
    for (Map.Entry<String, Range> entry : ranges.entrySet()) {
      if (entry.getValue().lastSeq > acknowledged.getOrDefault(entry.getKey(), 0L)) {
        return false;
      }
    }
    return true;
  }

  private static final class Range {
    long lastSeq;
    int records;
    long[] sampleSeqs = new long[4];
    long[] samplePositions = new long[4];
    int samples;

    void add(LogRecord.Events events, long position) {
      if (records % SAMPLE_EVERY == 0) {
        if (samples == sampleSeqs.length) {
          sampleSeqs = Arrays.copyOf(sampleSeqs, samples * 2);
          samplePositions = Arrays.copyOf(samplePositions, samples * 2);
        }
        sampleSeqs[samples] = events.firstSeq();
        samplePositions[samples] = position;
        samples++;
      }
      records++;
      lastSeq = Math.max(lastSeq, events.lastSeq());
    }

    /** Position of the last sampled record starting at or before seq (or the first record). */
    long positionBefore(long seq) {
      int index = Arrays.binarySearch(sampleSeqs, 0, samples, seq);
      if (index < 0) {
        index = Math.max(0, -index - 2);
      }
      return samplePositions[index];
    }
  }
}
