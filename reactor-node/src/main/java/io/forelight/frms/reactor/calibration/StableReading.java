package io.forelight.frms.reactor.calibration;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Tells when a probe's readings have settled, before a calibration point is sent: stable once the
 * readings of the last {@code window} all lie within {@code band} of each other and the window is
 * covered (its oldest reading is at least {@code window} old). Keeps only the window's readings.
 */
public final class StableReading {

  private record Sample(long atNanos, double value) {}

  private final double band;
  private final long windowNanos;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private long firstAtNanos = Long.MIN_VALUE;

  public StableReading(double band, Duration window) {
    if (!(band > 0) || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("band and window must be positive");
    }
    this.band = band;
    this.windowNanos = window.toNanos();
  }

  /** Adds a usable reading (BAD ones are not offered: they restart nothing, they just wait). */
  public void add(long atNanos, double value) {
    if (firstAtNanos == Long.MIN_VALUE) {
      firstAtNanos = atNanos;
    }
    samples.addLast(new Sample(atNanos, value));
    while (!samples.isEmpty() && atNanos - samples.peekFirst().atNanos() > windowNanos) {
      samples.removeFirst();
    }
  }

  public boolean stable(long nowNanos) {
    return firstAtNanos != Long.MIN_VALUE
        && nowNanos - firstAtNanos >= windowNanos
        && spread() <= band;
  }

  /** The mean of the window's readings (the value a point is calibrated at). */
  public double mean() {
    return samples.stream().mapToDouble(Sample::value).average().orElse(Double.NaN);
  }

  public double spread() {
    double min = samples.stream().mapToDouble(Sample::value).min().orElse(Double.NaN);
    double max = samples.stream().mapToDouble(Sample::value).max().orElse(Double.NaN);
    return max - min;
  }

  /** What an operator sees while waiting. */
  public String describe(long nowNanos) {
    return String.format(
        Locale.ROOT,
        "%s: %d readings over the last %.0f s spread %.3f (band %.3f), mean %.3f",
        stable(nowNanos) ? "stable" : "settling",
        samples.size(),
        Math.min(nowNanos - firstAtNanos, windowNanos) / 1e9,
        spread(),
        band,
        mean());
  }
}
