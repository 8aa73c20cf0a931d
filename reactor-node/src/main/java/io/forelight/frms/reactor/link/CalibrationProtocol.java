package io.forelight.frms.reactor.link;

import io.forelight.frms.link.v1.CalibrateProbe;
import io.forelight.frms.link.v1.CalibrationRecord;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.ProbeCalibration;
import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.CalibrationRequest;
import io.forelight.frms.reactor.calibration.CalibrationView;
import io.forelight.frms.reactor.calibration.ProbeState;
import java.time.Duration;
import java.util.Optional;

/** Conversions between the link's calibration messages and the reactor's calibration records. */
final class CalibrationProtocol {

  private CalibrationProtocol() {}

  /** The calibration a command asks for, if it is one (already checked by the rules). */
  static Optional<CalibrationRequest> request(CommandRequest request) {
    if (request.getCommandCase() != CommandRequest.CommandCase.CALIBRATE_PROBE) {
      return Optional.empty();
    }
    CalibrateProbe c = request.getCalibrateProbe();
    return Optional.of(
        new CalibrationRequest(
            c.getSensorId(),
            CalibrationPoint.parse(c.getPoint()),
            c.getValue(),
            c.getBand(),
            Duration.ofMillis(c.getStableForMillis()),
            Duration.ofMillis(c.getMaxWaitMillis())));
  }

  static ProbeCalibration toProto(CalibrationView view) {
    ProbeCalibration.Builder proto =
        ProbeCalibration.newBuilder()
            .setVersion(view.version())
            .setStability(view.stability().text())
            .setStable(view.stability().stable());
    view.points().stream().sorted().forEach(point -> proto.addPoints(point.configName()));
    view.latestRecord()
        .ifPresent(
            r -> {
              ProbeState probe = r.probe();
              proto.setLatest(
                  CalibrationRecord.newBuilder()
                      .setVersion(r.version())
                      .setPoint(r.point().configName())
                      .setValue(r.value())
                      .setIssuedBy(r.issuedBy())
                      .setAtMicros(r.atMicros())
                      .setPointsHeld(probe.pointsHeld())
                      .setAcidSlopePercent(probe.acidSlopePercent())
                      .setBaseSlopePercent(probe.baseSlopePercent())
                      .setZeroOffsetMv(probe.zeroOffsetMv())
                      .setStability(r.stability()));
            });
    return proto.build();
  }
}
