package io.forelight.frms.reactor.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drivers found by name on the classpath, checking their settings, and the 1-Wire driver. */
class DriversTest {

  private final Drivers drivers = Drivers.load();

  static SensorSpec spec(String kind, String driver, Map<String, String> settings) {
    return new SensorSpec(
        "s1",
        kind,
        driver,
        "x",
        Duration.ofSeconds(1),
        true,
        Calibration.NONE,
        new SensorKinds.Range(-1e9, 1e9),
        settings);
  }

  @Test
  void findsEveryDriverOnTheClasspathByName() {
    for (String name : new String[] {"simulated", "atlas-ezo", "ds18b20"}) {
      assertEquals(name, drivers.get(name).name());
    }
  }

  @Test
  void namesTheKeyOfABadDriverSetting() {
    assertProblem(spec("ph", "atlas-ezo", Map.of("address", "0x99")), "s.address", "0x03..0x77");
    assertProblem(spec("ph", "atlas-ezo", Map.of("bus", "one")), "s.bus", "bus number");
    assertProblem(spec("humidity", "atlas-ezo", Map.of()), "s.kind", "atlas-ezo reads");
    assertProblem(spec("temperature", "ds18b20", Map.of()), "s.device is missing", "");
    assertProblem(
        spec("temperature", "ds18b20", Map.of("device", "29-1")), "s.device", "28- and 12 hex");
    assertProblem(
        spec("ph", "ds18b20", Map.of("device", "28-00000a1b2c3d")),
        "s.kind",
        "measures temperature");
    assertProblem(spec("ph", "simulated", Map.of("fault", "sometimes")), "s.fault", "none, error");
    assertProblem(spec("humidity", "simulated", Map.of()), "s.signal", "must be one of");
    assertProblem(spec("ph", "unknown-driver", Map.of()), "s.driver", "not a known driver");
    assertProblem(
        spec("ph", "simulated", Map.of("intervall", "2s")),
        "s.intervall is not a setting of a sensor (calibration, driver, enabled, interval, kind,"
            + " plausible-range, unit) or of driver 'simulated' (drift, fault, fault-after,"
            + " fault-every, fault-for, noise, offset, read-delay, signal)",
        "");
    assertProblem(
        spec("temperature", "ds18b20", Map.of("device", "28-00000a1b2c3d", "bus", "1")),
        "s.bus is not a setting",
        "of driver 'ds18b20' (device)");
  }

  @Test
  void readsADs18b20FromTheW1Folder(@TempDir Path w1) throws Exception {
    Path device = Files.createDirectories(w1.resolve("28-00000a1b2c3d"));
    Files.writeString(
        device.resolve("w1_slave"),
        "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n");
    DriverContext context = new NodeDriverContext(new SimulatedBioreactor(1, 1), () -> null, w1);
    SensorSpec spec = spec("temperature", "ds18b20", Map.of("device", "28-00000a1b2c3d"));
    try (SensorDriver driver = drivers.validated("s", spec).open(spec, context)) {
      assertEquals(23.125, driver.read());
      Files.delete(device.resolve("w1_slave"));
      DriverException unplugged = assertThrows(DriverException.class, driver::read);
      assertTrue(unplugged.getMessage().contains("not on the 1-Wire bus"), unplugged.getMessage());
    }
  }

  private void assertProblem(SensorSpec spec, String key, String rule) {
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> drivers.validated("s", spec));
    assertTrue(problem.getMessage().contains(key), problem.getMessage());
    assertTrue(problem.getMessage().contains(rule), problem.getMessage());
  }
}
