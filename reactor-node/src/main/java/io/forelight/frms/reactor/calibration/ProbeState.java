package io.forelight.frms.reactor.calibration;

import io.forelight.frms.reactor.sensor.CborSerializable;

/**
 * What a probe's circuit holds after a calibration point: how many points, and for pH its slopes
 * (acid and base side in % of the ideal, and the zero offset in mV when the firmware reports it).
 * Slopes are NaN where the circuit has none.
 */
public record ProbeState(
    int pointsHeld, double acidSlopePercent, double baseSlopePercent, double zeroOffsetMv)
    implements CborSerializable {

  public static ProbeState points(int pointsHeld) {
    return new ProbeState(pointsHeld, Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * Atlas's rule of thumb for pH: both slopes within 95-105 % of the ideal. True without slopes.
   */
  public boolean healthy() {
    return Double.isNaN(acidSlopePercent) || (within(acidSlopePercent) && within(baseSlopePercent));
  }

  private static boolean within(double percent) {
    return percent >= 95 && percent <= 105;
  }
}
