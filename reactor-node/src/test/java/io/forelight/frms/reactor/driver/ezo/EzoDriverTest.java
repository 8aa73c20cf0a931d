package io.forelight.frms.reactor.driver.ezo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EZO driver's calibration and temperature compensation, against a scripted circuit. */
class EzoDriverTest {

  private final FakeEzoCircuit circuit = new FakeEzoCircuit();
  private final List<Duration> pauses = new ArrayList<>();

  private EzoDriverFactory.EzoDriver driver(EzoCircuit kind) {
    return new EzoDriverFactory.EzoDriver(new EzoProtocol(circuit, pauses::add), circuit, kind);
  }

  @Test
  void aPhPointIsSentWithItsDelayThenThePointsHeldAndTheSlopesAreRead() throws Exception {
    circuit.answer(1, "").answer(1, "?CAL,1").answer(1, "?Slope,99.7,100.3,-0.89");
    ProbeState probe = driver(EzoCircuit.PH).calibrate(CalibrationPoint.PH_MID, 7.0);
    assertEquals(List.of("Cal,mid,7.00", "Cal,?", "Slope,?"), circuit.commands);
    assertEquals(Duration.ofMillis(900), pauses.get(0));
    assertEquals(new ProbeState(1, 99.7, 100.3, -0.89), probe);
  }

  @Test
  void aDoPointReadsNoSlope() throws Exception {
    circuit.answer(1, "").answer(1, "?CAL,2");
    ProbeState probe = driver(EzoCircuit.DISSOLVED_OXYGEN).calibrate(CalibrationPoint.DO_ZERO, 0);
    assertEquals(List.of("Cal,0", "Cal,?"), circuit.commands);
    assertEquals(Duration.ofMillis(1300), pauses.get(0));
    assertEquals(2, probe.pointsHeld());
    assertTrue(Double.isNaN(probe.acidSlopePercent()));
  }

  @Test
  void aPointTheCircuitRefusesIsAnErrorNotACalibration() {
    circuit.answer(2, "");
    DriverException refused =
        assertThrows(
            DriverException.class,
            () -> driver(EzoCircuit.PH).calibrate(CalibrationPoint.PH_LOW, 4));
    assertEquals("EZO circuit rejected Cal,low,4.00 (syntax error)", refused.getMessage());
    assertEquals(List.of("Cal,low,4.00"), circuit.commands, "nothing asked after a refusal");
  }

  @Test
  void readsCompensatedOnceTheTemperatureIsKnownAndPlainWhenNot() throws Exception {
    EzoDriverFactory.EzoDriver ph = driver(EzoCircuit.PH);
    circuit.answer(1, "7.01").answer(1, "7.02").answer(1, "7.03");
    ph.read();
    ph.compensate(37.04);
    ph.read();
    ph.compensate(Double.NaN);
    ph.read();
    assertEquals(List.of("R", "RT,37.0", "R"), circuit.commands);
  }

  @Test
  void anOrpCircuitIsNeverCompensated() throws Exception {
    EzoDriverFactory.EzoDriver orp = driver(EzoCircuit.ORP);
    circuit.answer(1, "225.1");
    orp.compensate(37);
    orp.read();
    assertEquals(List.of("R"), circuit.commands);
  }

  @Test
  void theFactoryOffersEachCircuitItsOwnPoints() {
    EzoDriverFactory factory = new EzoDriverFactory();
    SensorSpec ph = spec("ph", "pH");
    assertEquals(
        java.util.Set.of(
            CalibrationPoint.PH_MID,
            CalibrationPoint.PH_LOW,
            CalibrationPoint.PH_HIGH,
            CalibrationPoint.CLEAR),
        factory.calibrationPoints(ph));
    assertTrue(factory.compensatesTemperature(ph));
    assertTrue(factory.calibrationPoints(spec("temperature", "°C")).isEmpty());
    assertFalse(factory.compensatesTemperature(spec("orp", "mV")));
  }

  private static SensorSpec spec(String kind, String unit) {
    return new SensorSpec(
        kind,
        kind,
        "atlas-ezo",
        unit,
        Duration.ofSeconds(1),
        true,
        Calibration.NONE,
        new SensorKinds.Range(-1e9, 1e9),
        Map.of());
  }
}
