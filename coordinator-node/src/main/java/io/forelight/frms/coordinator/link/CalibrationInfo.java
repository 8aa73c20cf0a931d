package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.link.v1.CalibrateProbe;
import io.forelight.frms.link.v1.CalibrationRecord;
import io.forelight.frms.link.v1.ProbeCalibration;
import java.util.List;

/**
 * A calibratable probe as its reactor described it: the points it takes, the calibration version
 * its readings are taken under now, the latest point applied (null before the first) and how
 * settled it reads (its stability changes from moment to moment and is no part of its shape).
 */
public record CalibrationInfo(
    List<String> points, int version, Applied latest, String stability, boolean stable)
    implements CborSerializable {

  public CalibrationInfo {
    points = points == null ? List.of() : List.copyOf(points);
  }

  /**
   * One point applied: what, by whom and when, and what the probe held afterwards (pH slopes and
   * zero offset null where the probe gave none).
   */
  public record Applied(
      int version,
      String point,
      double value,
      String issuedBy,
      long atMicros,
      int pointsHeld,
      Double acidSlopePercent,
      Double baseSlopePercent,
      Double zeroOffsetMv,
      String stability)
      implements CborSerializable {

    static Applied fromProto(CalibrationRecord r) {
      return new Applied(
          r.getVersion(),
          r.getPoint(),
          r.getValue(),
          r.getIssuedBy(),
          r.getAtMicros(),
          r.getPointsHeld(),
          number(r.getAcidSlopePercent()),
          number(r.getBaseSlopePercent()),
          number(r.getZeroOffsetMv()),
          r.getStability());
    }
  }

  private static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }

  static CalibrationInfo fromProto(ProbeCalibration c) {
    return new CalibrationInfo(
        c.getPointsList(),
        c.getVersion(),
        c.hasLatest() ? Applied.fromProto(c.getLatest()) : null,
        c.getStability(),
        c.getStable());
  }

  static CalibrateProbe toProto(ReactorCommand.CalibrateProbe c) {
    return CalibrateProbe.newBuilder()
        .setSensorId(c.sensorId())
        .setPoint(c.point())
        .setValue(c.value())
        .setBand(c.band())
        .setStableForMillis(c.stableForMillis())
        .setMaxWaitMillis(c.maxWaitMillis())
        .build();
  }

  CalibrationInfo shape() {
    return new CalibrationInfo(points, version, latest, "", false);
  }
}
