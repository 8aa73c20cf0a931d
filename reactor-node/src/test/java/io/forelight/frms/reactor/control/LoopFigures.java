package io.forelight.frms.reactor.control;

import java.util.Locale;

/**
 * Tracks how a loop's true value approaches and holds a target: overshoot beyond it, the settling
 * time (when the value last left the band), and the worst deviation after a given time.
 */
final class LoopFigures {

  private final double target;
  private final double band;
  private final boolean rising;
  private double overshoot;
  private double settledAt = Double.NaN;
  private double worstAfter;
  private final double holdFrom;

  LoopFigures(double start, double target, double band, double holdFromSeconds) {
    this.target = target;
    this.band = band;
    this.rising = target >= start;
    this.holdFrom = holdFromSeconds;
  }

  void observe(double seconds, double value) {
    double beyond = rising ? value - target : target - value;
    overshoot = Math.max(overshoot, beyond);
    boolean inBand = Math.abs(value - target) <= band;
    if (!inBand) {
      settledAt = Double.NaN;
    } else if (Double.isNaN(settledAt)) {
      settledAt = seconds;
    }
    if (seconds >= holdFrom) {
      worstAfter = Math.max(worstAfter, Math.abs(value - target));
    }
  }

  double overshoot() {
    return overshoot;
  }

  /** Seconds from the start until the value entered the band for good; NaN if it never did. */
  double settledAt() {
    return settledAt;
  }

  double worstDeviationAfterHold() {
    return worstAfter;
  }

  String describe(String name, String unit) {
    return String.format(
        Locale.ROOT,
        "%s: settled within ±%.2f %s after %.0f s (%.1f min), overshoot %.3f %s, worst deviation"
            + " after %.0f s %.3f %s",
        name,
        band,
        unit,
        settledAt,
        settledAt / 60,
        overshoot,
        unit,
        holdFrom,
        worstAfter,
        unit);
  }
}
