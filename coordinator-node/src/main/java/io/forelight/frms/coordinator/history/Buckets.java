package io.forelight.frms.coordinator.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Downsamples a time range into equal buckets with count, min, mean and max of the values in each,
 * fed one point at a time (nothing but the buckets is kept). Points without a value (NaN, quality
 * BAD) are counted apart and left out of min, mean and max.
 */
public final class Buckets {

  /** One bucket; min, mean and max are null when it holds no value. */
  public record Bucket(
      long startMicros,
      long endMicros,
      long count,
      long bad,
      Double min,
      Double mean,
      Double max) {}

  private final long fromMicros;
  private final long toMicros;
  private final int size;
  private final long[] count;
  private final long[] bad;
  private final double[] min;
  private final double[] max;
  private final double[] sum;

  public Buckets(long fromMicros, long toMicros, int buckets) {
    if (toMicros <= fromMicros || buckets < 1) {
      throw new IllegalArgumentException("need from < to and at least one bucket");
    }
    this.fromMicros = fromMicros;
    this.toMicros = toMicros;
    this.size = buckets;
    this.count = new long[buckets];
    this.bad = new long[buckets];
    this.min = new double[buckets];
    this.max = new double[buckets];
    this.sum = new double[buckets];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  public void add(long takenAtMicros, double value) {
    if (takenAtMicros < fromMicros || takenAtMicros >= toMicros) {
      return;
    }
    int i = index(takenAtMicros);
    if (Double.isNaN(value)) {
      bad[i]++;
      return;
    }
    count[i]++;
    sum[i] += value;
    min[i] = Math.min(min[i], value);
    max[i] = Math.max(max[i], value);
  }

  public List<Bucket> result() {
    List<Bucket> result = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      boolean any = count[i] > 0;
      result.add(
          new Bucket(
              start(i),
              start(i + 1),
              count[i],
              bad[i],
              any ? min[i] : null,
              any ? sum[i] / count[i] : null,
              any ? max[i] : null));
    }
    return result;
  }

  private int index(long micros) {
    return (int)
        Math.min(size - 1, (micros - fromMicros) * (double) size / (toMicros - fromMicros));
  }

  private long start(int i) {
    return fromMicros + (long) Math.floor((toMicros - fromMicros) * (double) i / size);
  }
}
