package io.forelight.frms.coordinator.link;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a reactor's clock is off the coordinator's by more than allowed, and how to say it. A Pi
 * without a real-time clock that booted with no network reads 1970: its readings keep that time (it
 * is what the reactor knew), and this says so where an operator looks.
 */
final class ClockCheck {

  private ClockCheck() {}

  /**
   * Null when the reactor's clock ({@code offsetMillis} ahead of ours, negative when behind) is
   * within {@code max}; else a sentence naming what it reads and by how much it is off. The offset
   * is known only to within {@code uncertaintyMillis} (half the round trip of the call that read
   * the reactor's clock): said only if the clock is off by more than {@code max} even at the near
   * end of that uncertainty, so a reply that took seconds on a busy node is not taken for a skewed
   * clock.
   */
  static String skew(long offsetMillis, Duration max, long nowMillis, long uncertaintyMillis) {
    if (Math.abs(offsetMillis) - Math.max(0, uncertaintyMillis) <= max.toMillis()) {
      return null;
    }
    return "the reactor's clock reads "
        + Instant.ofEpochMilli(nowMillis + offsetMillis)
        + ", "
        + amount(Math.abs(offsetMillis))
        + (offsetMillis > 0 ? " ahead of" : " behind")
        + " this coordinator's (max-clock-skew "
        + max.toMillis()
        + " ms): its readings keep its time, each stored with the time it was received";
  }

  /** Rounded to the unit said: 299.9 s behind is "5 min", not "4 min". */
  private static String amount(long millis) {
    if (millis < 120_000) {
      return millis / 1000.0 + " s";
    }
    if (millis < 2 * 3_600_000L) {
      return Math.round(millis / 60_000.0) + " min";
    }
    if (millis < 2 * 86_400_000L) {
      return Math.round(millis / 3_600_000.0) + " h";
    }
    return Math.round(millis / 86_400_000.0) + " days";
  }
}
