package io.forelight.frms.coordinator.ops;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram of fixed size: 1 ms buckets up to one second, then buckets 1% wide
 * up to an hour; anything longer counts in the last bucket. Recording never allocates.
 */
final class IngestLatency implements IngestLatencyMBean {

  private static final int LINEAR = 1000;
  private static final double GROWTH = 1.01;
  private static final double HOUR_MILLIS = 3_600_000;
  private static final int BUCKETS =
      LINEAR + (int) Math.ceil(Math.log(HOUR_MILLIS / LINEAR) / Math.log(GROWTH)) + 1;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong maxMicros = new AtomicLong();

  void record(long micros) {
    long clamped = Math.max(0, micros);
    counts.incrementAndGet(bucketOf(clamped / 1000.0));
    maxMicros.accumulateAndGet(clamped, Math::max);
  }

  @Override
  public long getReadings() {
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      n += counts.get(i);
    }
    return n;
  }

  @Override
  public double getP50Millis() {
    return percentile(0.50);
  }

  @Override
  public double getP99Millis() {
    return percentile(0.99);
  }

  @Override
  public double getMaxMillis() {
    return maxMicros.get() / 1000.0;
  }

  @Override
  public void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      counts.set(i, 0);
    }
    maxMicros.set(0);
  }

  /** The upper edge of the bucket holding the given fraction of readings; 0 when there are none. */
  double percentile(double fraction) {
    long n = getReadings();
    long rank = (long) Math.ceil(fraction * n);
    long seen = 0;
    for (int i = 0; i < BUCKETS && n > 0; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(upperEdge(i), getMaxMillis());
      }
    }
    return 0;
  }

  static int bucketOf(double millis) {
    if (millis < LINEAR) {
      return (int) millis;
    }
    int above = (int) Math.ceil(Math.log(millis / LINEAR) / Math.log(GROWTH));
    return Math.min(BUCKETS - 1, LINEAR + above);
  }

  static double upperEdge(int bucket) {
    return bucket < LINEAR ? bucket + 1 : LINEAR * Math.pow(GROWTH, bucket - LINEAR);
  }
}
