package io.forelight.frms.bench;

import java.util.Arrays;

/** Collects up to a bounded number of samples and answers percentiles. */
final class Percentiles {

  private final long[] samples;
  private int count;

  Percentiles(int capacity) {
    this.samples = new long[capacity];
  }

  synchronized void add(long sample) {
    if (count < samples.length) {
      samples[count++] = sample;
    }
  }

  synchronized int count() {
    return count;
  }

  synchronized long percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.ceil(p / 100.0 * count) - 1);
    return sorted[Math.max(0, index)];
  }
}
