package io.forelight.frms.reactor.driver.ezo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EzoCalibrationTest {

  @Test
  void commandsAndDelaysFollowTheDatasheets() {
    assertEquals("Cal,mid,7.00", EzoCalibration.command(CalibrationPoint.PH_MID, 7));
    assertEquals("Cal,low,4.00", EzoCalibration.command(CalibrationPoint.PH_LOW, 4));
    assertEquals("Cal,0", EzoCalibration.command(CalibrationPoint.DO_ZERO, 0));
    assertEquals("Cal,dry", EzoCalibration.command(CalibrationPoint.EC_DRY, 0));
    assertEquals("K,1.00", EzoCalibration.command(CalibrationPoint.EC_PROBE_K, 1));
    assertEquals("Cal,225.00", EzoCalibration.command(CalibrationPoint.ORP, 225));
    assertEquals(Duration.ofMillis(900), EzoCalibration.delay(CalibrationPoint.PH_MID));
    assertEquals(Duration.ofMillis(1300), EzoCalibration.delay(CalibrationPoint.DO_ATMOSPHERIC));
  }

  @Test
  void aPointForAnotherCircuitOrOutOfRangeIsRefusedBeforeSending() {
    assertEquals(
        Optional.of("calibration point ph-mid is for ph probes, not orp"),
        CalibrationPoint.PH_MID.problem("orp", 7));
    assertEquals(
        Optional.of("calibration point ph-low needs a value from 0.0 to 14.0, got 15.0"),
        CalibrationPoint.PH_LOW.problem("ph", 15));
    assertEquals(Optional.empty(), CalibrationPoint.PH_HIGH.problem("ph", 10));
  }

  @Test
  void readsTheCircuitsAnswers() {
    assertEquals(2, EzoCalibration.pointsHeld("?CAL,2"));
    ProbeState probe = EzoCalibration.withSlope(2, "?Slope,99.7,100.3,-0.89");
    assertEquals(99.7, probe.acidSlopePercent());
    assertEquals(-0.89, probe.zeroOffsetMv());
    assertTrue(probe.healthy());
    assertFalse(EzoCalibration.withSlope(2, "?Slope,88.1,101.0").healthy());
  }
}
