package io.forelight.frms.reactor.driver.ezo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.driver.ezo.EzoCalibration.Point;
import io.forelight.frms.reactor.driver.ezo.EzoCalibration.Slope;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EzoCalibrationTest {

  @Test
  void commandsAndDelaysFollowTheDatasheets() {
    assertEquals("Cal,mid,7.00", EzoCalibration.command(Point.PH_MID, 7));
    assertEquals("Cal,low,4.00", EzoCalibration.command(Point.PH_LOW, 4));
    assertEquals("Cal,0", EzoCalibration.command(Point.DO_ZERO, 0));
    assertEquals("Cal,dry", EzoCalibration.command(Point.EC_DRY, 0));
    assertEquals("K,1.00", EzoCalibration.command(Point.EC_PROBE_K, 1));
    assertEquals("Cal,225.00", EzoCalibration.command(Point.ORP, 225));
    assertEquals(Duration.ofMillis(900), EzoCalibration.delay(Point.PH_MID));
    assertEquals(Duration.ofMillis(1300), EzoCalibration.delay(Point.DO_ATMOSPHERIC));
  }

  @Test
  void aPointForAnotherCircuitOrOutOfRangeIsRefusedBeforeSending() {
    assertEquals(
        Optional.of("calibration point ph-mid is for ph circuits, not orp"),
        EzoCalibration.problem("orp", Point.PH_MID, 7));
    assertEquals(
        Optional.of("calibration point ph-low needs a value from 0.0 to 14.0, got 15.0"),
        EzoCalibration.problem("ph", Point.PH_LOW, 15));
    assertEquals(Optional.empty(), EzoCalibration.problem("ph", Point.PH_HIGH, 10));
  }

  @Test
  void readsTheCircuitsAnswers() {
    assertEquals(2, EzoCalibration.pointsHeld("?CAL,2"));
    Slope slope = Slope.parse("?Slope,99.7,100.3,-0.89");
    assertEquals(99.7, slope.acidPercent());
    assertEquals(-0.89, slope.zeroOffsetMv());
    assertTrue(slope.healthy());
    assertFalse(Slope.parse("?Slope,88.1,101.0").healthy());
  }
}
