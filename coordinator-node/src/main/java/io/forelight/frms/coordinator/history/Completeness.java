package io.forelight.frms.coordinator.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a sensor's stored sequence numbers are complete: first, last, count, the ranges missing
 * between 1 and last (gaps), and numbers stored more than once (duplicates). Fed the stored
 * sequence numbers in any order.
 */
public final class Completeness {

  /** A missing range of sequence numbers, both ends included. */
  public record Gap(long from, long to) {}

  public record Report(
      String sensorId, long first, long last, long count, List<Gap> gaps, List<Long> duplicates) {

    public boolean complete() {
      return gaps.isEmpty() && duplicates.isEmpty();
    }
  }

  private static final int MAX_LISTED = 100;

  private long[] seqs = new long[1024];
  private int size;

  public void add(long seq) {
    if (size == seqs.length) {
      seqs = Arrays.copyOf(seqs, size * 2);
    }
    seqs[size++] = seq;
  }

  /** The report; gap and duplicate lists are cut at 100 entries each. */
  public Report report(String sensorId) {
    long[] sorted = Arrays.copyOf(seqs, size);
    Arrays.sort(sorted);
    List<Gap> gaps = new ArrayList<>();
    List<Long> duplicates = new ArrayList<>();
    long expected = 1;
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
        List.copyOf(duplicates));
  }
}
