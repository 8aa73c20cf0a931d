package io.forelight.frms.reactor.driver.simulated;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Quantity;
import java.util.Map;
import java.util.Set;

/**
 * A simulated pH or DO probe that drifts until it is calibrated: it reads off by an offset that
 * starts at {@code offset} and grows by {@code drift} per hour of the bioreactor's (scaled) time. A
 * calibration point assumes the probe sat in the right standard while it settled: a zero point (pH
 * mid, DO in air, DO zero) removes the offset and restarts the drift; the other points only add to
 * the points held. {@code clear} puts the factory offset back. pH slopes are reported as a healthy
 * probe's.
 */
final class SimulatedProbe {

  /** Offset and drift per hour by quantity, in the quantity's unit. */
  private static final Map<Quantity, double[]> DEFAULTS =
      Map.of(
          Quantity.PH, new double[] {0.12, 0.02},
          Quantity.DISSOLVED_OXYGEN, new double[] {-0.3, -0.04},
          Quantity.DISSOLVED_OXYGEN_SATURATION, new double[] {-4, -0.5});

  static final Set<Quantity> CALIBRATABLE = DEFAULTS.keySet();

  private final Quantity quantity;
  private final double factoryOffset;
  private final double driftPerHour;
  private double offset;
  private double sinceSeconds;
  private int points;

  SimulatedProbe(Quantity quantity, double offset, double driftPerHour, double nowSeconds) {
    this.quantity = quantity;
    this.factoryOffset = offset;
    this.driftPerHour = driftPerHour;
    this.offset = offset;
    this.sinceSeconds = nowSeconds;
  }

  static double defaultOffset(Quantity quantity) {
    return DEFAULTS.get(quantity)[0];
  }

  static double defaultDrift(Quantity quantity) {
    return DEFAULTS.get(quantity)[1];
  }

  /** How far off the probe reads now. */
  synchronized double error(double nowSeconds) {
    return offset + driftPerHour * (nowSeconds - sinceSeconds) / 3600;
  }

  synchronized ProbeState calibrate(CalibrationPoint point, double nowSeconds) {
    switch (point) {
      case CLEAR -> {
        offset = factoryOffset;
        sinceSeconds = nowSeconds;
        points = 0;
      }
      case PH_MID, DO_ATMOSPHERIC -> {
        offset = 0;
        sinceSeconds = nowSeconds;
        points = 1;
      }
      case DO_ZERO -> {
        offset = 0;
        sinceSeconds = nowSeconds;
        points = Math.min(2, points + 1);
      }
      default -> points = Math.min(3, points + 1);
    }
    return quantity == Quantity.PH && points > 0
        ? new ProbeState(points, 99.4, 100.2, -1.2)
        : ProbeState.points(points);
  }
}
