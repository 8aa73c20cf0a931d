package io.forelight.frms.reactor.calibration;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Tells when a probe's readings have settled, before a calibration point is sent: keeps the usable
 * readings of the last {@link #KEPT} (at most {@link #MAX_READINGS} of them) and judges any band
 * and window against them: stable once the window is covered (readings reach back at least that
 * far) and all its readings lie within the band of each other.
 */
public final class StableReading {

  /** How far back readings are kept: the longest window a command may ask for. */
  public static final Duration KEPT = Duration.ofMinutes(10);

  static final int MAX_READINGS = 1200;

  private record Sample(long atMicros, double value) {}

  /** The verdict for one band and window, with what an operator sees while waiting. */
  public record Verdict(boolean stable, int readings, double spread, double mean, String text) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private long firstAtMicros = Long.MIN_VALUE;

  /** Adds a usable reading (BAD ones are not offered: they restart nothing, they just wait). */
  public void add(long atMicros, double value) {
    if (firstAtMicros == Long.MIN_VALUE) {
      firstAtMicros = atMicros;
    }
    samples.addLast(new Sample(atMicros, value));
    long keptMicros = KEPT.toNanos() / 1000;
    while (samples.size() > MAX_READINGS
        || atMicros - samples.peekFirst().atMicros() > keptMicros) {
      samples.removeFirst();
    }
  }

  /** Whether the readings of the last {@code window} up to {@code nowMicros} stay within band. */
  public Verdict judge(double band, Duration window, long nowMicros) {
    long windowMicros = window.toNanos() / 1000;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    int count = 0;
    for (Sample s : samples) {
      if (nowMicros - s.atMicros() <= windowMicros) {
        min = Math.min(min, s.value());
        max = Math.max(max, s.value());
        sum += s.value();
        count++;
      }
    }
    boolean covered = firstAtMicros != Long.MIN_VALUE && nowMicros - firstAtMicros >= windowMicros;
    double spread = count == 0 ? Double.NaN : max - min;
    double mean = count == 0 ? Double.NaN : sum / count;
    boolean stable = covered && count > 1 && spread <= band;
    String text =
        count == 0
            ? String.format(
                Locale.ROOT, "settling: no usable reading in the last %d s", window.toSeconds())
            : String.format(
                Locale.ROOT,
                "%s: %d readings over the last %d s spread %.3f (band %.3f), mean %.3f",
                stable ? "stable" : covered ? "settling" : "settling (window not yet covered)",
                count,
                window.toSeconds(),
                spread,
                band,
                mean);
    return new Verdict(stable, count, spread, mean, text);
  }
}
