package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import java.time.Duration;
import java.util.Map;

/** Sensor specs for tests. */
final class TestSensors {

  private TestSensors() {}

  /** A simulated temperature sensor in °C, sampled every second. */
  static SensorSpec temperature(String id) {
    return new SensorSpec(
        id,
        "temperature",
        "simulated",
        "°C",
        Duration.ofSeconds(1),
        true,
        Calibration.NONE,
        new SensorKinds.Range(-20, 150),
        Map.of());
  }
}
