package io.forelight.frms.reactor.driver.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor.Quantity;
import org.junit.jupiter.api.Test;

class SimulatedProbeTest {

  @Test
  void driftsUntilAZeroPointThenAgainFromThereAndClearRestoresTheFactoryOffset() {
    SimulatedProbe ph = new SimulatedProbe(Quantity.PH, 0.12, 0.02, 0);
    assertEquals(0.12, ph.error(0), 1e-9);
    assertEquals(0.16, ph.error(7200), 1e-9, "0.02 pH an hour");

    assertEquals(1, ph.calibrate(CalibrationPoint.PH_MID, 7200).pointsHeld());
    assertEquals(0, ph.error(7200), 1e-9, "a mid point removes the offset");
    assertEquals(0.02, ph.error(10_800), 1e-9, "and the drift starts again");
    assertEquals(2, ph.calibrate(CalibrationPoint.PH_LOW, 10_800).pointsHeld());
    assertEquals(99.4, ph.calibrate(CalibrationPoint.PH_HIGH, 10_800).acidSlopePercent());

    assertEquals(0, ph.calibrate(CalibrationPoint.CLEAR, 10_800).pointsHeld());
    assertEquals(0.12, ph.error(10_800), 1e-9);
  }
}
