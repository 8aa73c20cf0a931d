package io.forelight.frms.coordinator.history;

import io.forelight.frms.coordinator.readings.LostAtSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a sensor's stored sequence numbers are complete: first, last, count, the ranges missing
 * between 1 and last (gaps), and numbers stored more than once (duplicates). Fed the stored
 * sequence numbers in any order.
 */
public final class Completeness {

  /** A missing range of sequence numbers, both ends included. */
  public record Gap(long from, long to) {}

  /** A sequence number that stands for readings the reactor could not keep. */
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

  private long[] seqs = new long[1024];
  private int size;
  private long lostAtSource;
  private final Set<Long> lostSeqs = new HashSet<>();
  private final Map<Long, LostRange> lostRanges = new TreeMap<>();

  public void add(long seq) {
    if (size == seqs.length) {
      seqs = Arrays.copyOf(seqs, size * 2);
    }
    seqs[size++] = seq;
  }

  /** A range of lost readings (fed once or more per sequence number: counted once). */
  public void addLost(LostRange range) {
    if (lostSeqs.add(range.seq())) {
      lostAtSource += range.lost().count();
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
    long[] sorted = Arrays.copyOf(seqs, size);
    Arrays.sort(sorted);
    List<Gap> gaps = new ArrayList<>();
    List<Long> duplicates = new ArrayList<>();
    long expected = base + 1;
    for (int i = 0; i < sorted.length; i++) {
      long seq = sorted[i];
      if (i > 0 && seq == sorted[i - 1]) {
        if (duplicates.size() < MAX_LISTED
            && (duplicates.isEmpty() || duplicates.get(duplicates.size() - 1) != seq)) {
          duplicates.add(seq);
        }
        continue;
      }
      if (seq > expected && gaps.size() < MAX_LISTED) {
        gaps.add(new Gap(expected, seq - 1));
      }
      expected = seq + 1;
    }
    long distinct = Arrays.stream(sorted).distinct().count();
    return new Report(
        sensorId,
        sorted.length == 0 ? 0 : sorted[0],
        sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        distinct,
        List.copyOf(gaps),
        List.copyOf(duplicates),
        lostAtSource,
        List.copyOf(lostRanges.values()));
  }
}
