package io.forelight.frms.reactor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.forelight.frms.link.CommandRules;
import io.forelight.frms.link.v1.CalibrateProbe;
import io.forelight.frms.link.v1.CommandRequest;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalibrationPointTest {

  @Test
  void theLinkRulesNameExactlyThePointsTheReactorKnows() {
    assertEquals(
        CommandRules.CALIBRATION_POINTS,
        Arrays.stream(CalibrationPoint.values()).map(CalibrationPoint::configName).toList());
    assertEquals(CalibrationPoint.PH_MID, CalibrationPoint.parse("ph-mid"));
    assertThrows(IllegalArgumentException.class, () -> CalibrationPoint.parse("mid"));
  }

  @Test
  void theRulesRefuseAMalformedCalibrationBeforeItIsSent() {
    assertEquals(
        Optional.of(
            "point must be one of ph-mid, ph-low, ph-high, do-atmospheric, do-zero, ec-dry,"
                + " ec-low, ec-high, ec-probe-k, orp, clear, got 'mid'"),
        CommandRules.problem(
            request(CalibrateProbe.newBuilder().setSensorId("ph").setPoint("mid"))));
    assertEquals(
        Optional.of("maxWaitMillis must be 0 (the default) to 1800000 (30 min), got 3600000"),
        CommandRules.problem(
            request(
                CalibrateProbe.newBuilder()
                    .setSensorId("ph")
                    .setPoint("ph-mid")
                    .setValue(7)
                    .setMaxWaitMillis(3_600_000))));
    assertEquals(
        Optional.empty(),
        CommandRules.problem(
            request(CalibrateProbe.newBuilder().setSensorId("ph").setPoint("ph-low").setValue(4))));
  }

  private static CommandRequest request(CalibrateProbe.Builder calibrate) {
    return CommandRequest.newBuilder().setCalibrateProbe(calibrate).build();
  }
}
