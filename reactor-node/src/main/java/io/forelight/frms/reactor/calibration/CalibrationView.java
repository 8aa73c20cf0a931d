package io.forelight.frms.reactor.calibration;

import java.util.Optional;
import java.util.Set;

/**
 * A calibratable probe as the node shows it: the points it takes, the calibration version in force,
 * the latest point applied (null before the first) and how settled it reads now with its default
 * band and window.
 */
public record CalibrationView(
    String sensorId,
    Set<CalibrationPoint> points,
    int version,
    CalibrationRecord latest,
    StableReading.Verdict stability) {

  public Optional<CalibrationRecord> latestRecord() {
    return Optional.ofNullable(latest);
  }
}
