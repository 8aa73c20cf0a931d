package io.forelight.frms.coordinator.history;

import io.forelight.frms.coordinator.readings.LostAtSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether a sensor's stored sequence numbers are complete: first, last, count, the ranges missing
 * between 1 and last (gaps), and numbers stored more than once (duplicates). Fed the stored
 * sequence numbers in any order; it keeps them as ranges, so a month of readings at 10 Hz takes a
 * few objects, not an array of 26 million numbers (memory grows with gaps only).
 */
public final class Completeness {

  /** A missing range of sequence numbers, both ends included. */
  public record Gap(long from, long to) {}

  /**
   * A sequence number that stands for readings the reactor could not keep (and, with {@code
   * lost.throughSeq()}, for the numbers after it up to that one).
   */
  public record LostRange(long seq, LostAtSource lost) {}

  /**
   * What was stored. {@code lostAtSource} counts the readings the reactor reported it could not
   * keep (its log was full): not a fault of the pipeline, so it does not make a sensor incomplete,
   * but it is shown ("lost at source: n (disk full)").
   */
  public record Report(
      String sensorId,
      long first,
      long last,
      long count,
      List<Gap> gaps,
      List<Long> duplicates,
      long lostAtSource,
      List<LostRange> lostRanges) {

    public boolean complete() {
      return gaps.isEmpty() && duplicates.isEmpty();
    }

    /** "lost at source: 12 (disk full)", or null when nothing was lost. */
    public String lostSummary() {
      if (lostAtSource == 0) {
        return null;
      }
      String reasons =
          lostRanges.stream()
              .map(range -> range.lost().reason())
              .distinct()
              .collect(Collectors.joining(", "));
      return "lost at source: " + lostAtSource + " (" + reasons + ")";
    }
  }

  private static final int MAX_LISTED = 100;

  /** Stored numbers as disjoint ranges, from -> to: memory grows with gaps, not with readings. */
  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  private final TreeSet<Long> duplicates = new TreeSet<>();
  private long distinct;
  private long lostAtSource;
  private final Set<Long> lostSeqs = new HashSet<>();
  private final Map<Long, LostRange> lostRanges = new TreeMap<>();
  private final Map<Long, Long> coveredThrough = new HashMap<>();

  public void add(long seq) {
    Map.Entry<Long, Long> below = ranges.floorEntry(seq);
    if (below != null && seq <= below.getValue()) {
      if (duplicates.size() < MAX_LISTED) {
        duplicates.add(seq);
      }
      return;
    }
    distinct++;
    long from = below != null && below.getValue() == seq - 1 ? below.getKey() : seq;
    Long after = ranges.remove(seq + 1);
    ranges.put(from, after == null ? seq : after);
  }

  /**
   * Stored numbers {@code from..to} held by {@code rows} rows (a stored range: see StoredRange);
   * ranges fed this way do not overlap.
   */
  public void addRange(long from, long to, long rows) {
    ranges.merge(from, to, Math::max);
    distinct += rows;
  }

  /** A range of lost readings (fed once or more per sequence number: counted once). */
  public void addLost(LostRange range) {
    if (lostSeqs.add(range.seq())) {
      lostAtSource += range.lost().count();
      if (range.lost().throughSeq() > range.seq()) {
        coveredThrough.put(range.seq(), range.lost().throughSeq());
      }
      if (lostRanges.size() < MAX_LISTED) {
        lostRanges.put(range.seq(), range);
      }
    }
  }

  /** The report; gap, duplicate and lost range lists are cut at 100 entries each. */
  public Report report(String sensorId) {
    return report(sensorId, 0);
  }

  /** The report of a sequence that starts after {@code base} (its first number is base + 1). */
  public Report report(String sensorId, long base) {
    TreeMap<Long, Long> accounted = new TreeMap<>(ranges);
    coveredThrough.forEach(
        (seq, through) -> {
          Map.Entry<Long, Long> stored = ranges.floorEntry(seq);
          if (stored != null && seq <= stored.getValue()) {
            accounted.merge(seq, through, Math::max);
          }
        });
    List<Gap> gaps = new ArrayList<>();
    long expected = base + 1;
    for (Map.Entry<Long, Long> range : accounted.entrySet()) {
      if (range.getKey() > expected && gaps.size() < MAX_LISTED) {
        gaps.add(new Gap(expected, range.getKey() - 1));
      }
      expected = Math.max(expected, range.getValue() + 1);
    }
    return new Report(
        sensorId,
        ranges.isEmpty() ? 0 : ranges.firstKey(),
        ranges.isEmpty() ? 0 : expected - 1,
        distinct,
        List.copyOf(gaps),
        List.copyOf(duplicates),
        lostAtSource,
        List.copyOf(lostRanges.values()));
  }
}
