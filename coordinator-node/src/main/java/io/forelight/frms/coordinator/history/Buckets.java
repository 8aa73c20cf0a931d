package io.forelight.frms.coordinator.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Downsamples a time range into buckets with count, min, mean and max of the values in each, fed
 * one point (or one {@link Minute} of points) at a time: nothing but the buckets is kept. Points
 * without a value (NaN) are counted apart and left out of min, mean and max.
 */
public final class Buckets {

  private static final long MINUTE_MICROS = Minute.MICROS;

  /** One bucket; min, mean and max are null when it holds no value. */
  public record Bucket(
      long startMicros,
      long endMicros,
      long count,
      long bad,
      Double min,
      Double mean,
      Double max) {}

  /** Bucket i is edges[i] <= time < edges[i + 1]. */
  private final long[] edges;

  private final long[] count;
  private final long[] bad;
  private final double[] min;
  private final double[] max;
  private final double[] sum;

  /** {@code buckets} equal buckets from {@code fromMicros} to {@code toMicros}. */
  public Buckets(long fromMicros, long toMicros, int buckets) {
    this(equalEdges(fromMicros, toMicros, buckets));
  }

  private Buckets(long[] edges) {
    int size = edges.length - 1;
    this.edges = edges;
    this.count = new long[size];
    this.bad = new long[size];
    this.min = new double[size];
    this.max = new double[size];
    this.sum = new double[size];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /**
   * At most {@code buckets} + 1 buckets from {@code fromMicros} to {@code toMicros} whose inner
   * edges are whole minutes (a whole number of minutes apart, counted from the epoch), so each
   * stored {@link Minute} falls into one bucket; when the range holds fewer than {@code buckets}
   * minutes, equal buckets as the constructor makes.
   */
  public static Buckets minuteAligned(long fromMicros, long toMicros, int buckets) {
    long[] equal = equalEdges(fromMicros, toMicros, buckets);
    long minutes = (toMicros - fromMicros) / MINUTE_MICROS;
    if (minutes < buckets) {
      return new Buckets(equal);
    }
    long width = ceilDiv(ceilDiv(toMicros - fromMicros, buckets), MINUTE_MICROS) * MINUTE_MICROS;
    long first = ceilDiv(fromMicros + 1, width) * width;
    List<Long> edges = new ArrayList<>();
    edges.add(fromMicros);
    for (long edge = first; edge < toMicros; edge += width) {
      if (edge > fromMicros) {
        edges.add(edge);
      }
    }
    edges.add(toMicros);
    return new Buckets(edges.stream().mapToLong(Long::longValue).toArray());
  }

  private static long[] equalEdges(long fromMicros, long toMicros, int buckets) {
    if (toMicros <= fromMicros || buckets < 1) {
      throw new IllegalArgumentException("need from < to and at least one bucket");
    }
    long[] edges = new long[buckets + 1];
    for (int i = 0; i <= buckets; i++) {
      edges[i] = fromMicros + (long) Math.floor((toMicros - fromMicros) * (double) i / buckets);
    }
    edges[buckets] = toMicros;
    return edges;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  public void add(long takenAtMicros, double value) {
    int i = index(takenAtMicros);
    if (i < 0) {
      return;
    }
    if (Double.isNaN(value)) {
      bad[i]++;
      return;
    }
    count[i]++;
    sum[i] += value;
    min[i] = Math.min(min[i], value);
    max[i] = Math.max(max[i], value);
  }

  /** Adds a stored minute's points, all in the bucket of the minute's start. */
  public void add(Minute minute) {
    int i = index(minute.startMicros());
    if (i < 0) {
      return;
    }
    bad[i] += minute.bad();
    if (minute.count() > 0) {
      count[i] += minute.count();
      sum[i] += minute.sum();
      min[i] = Math.min(min[i], minute.min());
      max[i] = Math.max(max[i], minute.max());
    }
  }

  public List<Bucket> result() {
    List<Bucket> result = new ArrayList<>(count.length);
    for (int i = 0; i < count.length; i++) {
      boolean any = count[i] > 0;
      result.add(
          new Bucket(
              edges[i],
              edges[i + 1],
              count[i],
              bad[i],
              any ? min[i] : null,
              any ? sum[i] / count[i] : null,
              any ? max[i] : null));
    }
    return result;
  }

  /** The bucket of this time, or -1 outside the range. */
  private int index(long micros) {
    if (micros < edges[0] || micros >= edges[edges.length - 1]) {
      return -1;
    }
    int found = Arrays.binarySearch(edges, micros);
    return found >= 0 ? found : -found - 2;
  }
}
