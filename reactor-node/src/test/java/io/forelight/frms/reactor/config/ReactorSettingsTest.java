package io.forelight.frms.reactor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReactorSettingsTest {

  private static Config load(String hocon) {
    return NodeConfig.load(ConfigFactory.parseString(hocon), "reactor-node.conf");
  }

  private static ReactorSettings settings(String hocon) {
    return ReactorSettings.fromConfig(load(hocon));
  }

  @Test
  void readsSensorsWithDefaultsAndDriverSettings() {
    ReactorSettings settings =
        settings(
            "frms.reactor { id = r7, data-dir = \"/data/frms\", sensors {"
                + " ph { kind = ph, driver = atlas-ezo, interval = 2s, address = \"0x63\","
                + "      calibration { gain = 1.02, offset = -0.05 } },"
                + " jacket { kind = temperature, driver = ds18b20, interval = 5s, device = \"28-00000a1b2c3d\","
                + "          unit = \"°C\", plausible-range = [10, 60], enabled = false } } }");
    assertEquals("r7", settings.id());
    SensorSpec ph = settings.sensors().get(1);
    assertEquals("ph", ph.id());
    assertEquals("pH", ph.unit());
    assertEquals(Duration.ofSeconds(2), ph.interval());
    assertEquals("0x63", ph.setting("address").orElseThrow());
    assertEquals(7.0 * 1.02 - 0.05, ph.calibration().apply(7.0), 1e-9);
    assertEquals(new SensorKinds.Range(0, 14), ph.plausibleRange());
    SensorSpec jacket = settings.sensors().get(0);
    assertEquals(new SensorKinds.Range(10, 60), jacket.plausibleRange());
    assertTrue(!jacket.enabled());
  }

  @Test
  void picksTheTimerResolutionFromWhatTheNodeTimesUnlessItIsSet() {
    String sensors =
        "frms.reactor { id = r1, sensors { t { kind = temperature, driver = simulated, interval ="
            + " %s } } %s }";
    assertEquals(Duration.ofMillis(50), resolution(String.format(sensors, "1s", "")));
    assertEquals(Duration.ofMillis(25), resolution(String.format(sensors, "500ms", "")));
    assertEquals(Duration.ofMillis(10), resolution(String.format(sensors, "20ms", "")));
    assertEquals(Duration.ofMillis(50), resolution("frms.reactor { id = r1 }"));
    assertEquals(
        Duration.ofMillis(5),
        resolution(String.format(sensors, "1s", ", sampling.timer-resolution = 5ms")));
    Config withTick =
        TimerResolution.applyTo(load("frms.reactor { id = r1 }"), Duration.ofMillis(50));
    assertEquals(Duration.ofMillis(50), withTick.getDuration("pekko.scheduler.tick-duration"));
    assertProblem(
        String.format(sensors, "20ms", ", sampling.timer-resolution = 50ms"),
        "frms.reactor.sampling.timer-resolution: must be auto or at most the shortest sensor"
            + " interval, loop period or actuator min-pulse configured (20 ms), got 50ms");
    assertProblem(
        String.format(sensors, "1s", ", sampling.timer-resolution = 0ms"),
        "must be auto or between 1ms and 1s");
  }

  private static Duration resolution(String hocon) {
    return settings(hocon).sampling().timerResolution();
  }

  @Test
  void spreadsAFleetsSamplingInstantsOverTheIntervalUnlessTurnedOff() {
    int[] perTenth = new int[10];
    for (int i = 1; i <= 1000; i++) {
      long phaseKey =
          settings(String.format("frms.reactor.id = reactor-%04d", i)).sampling().phaseKey();
      perTenth[(int) (Math.floorMod(phaseKey, 10_000L) / 1000)]++;
    }
    for (int tenth = 0; tenth < 10; tenth++) {
      assertTrue(
          perTenth[tenth] > 60 && perTenth[tenth] < 140,
          "1,000 reactors with ids one apart: "
              + java.util.Arrays.toString(perTenth)
              + " in each tenth of a 10 s interval");
    }
    assertEquals(
        settings("frms.reactor.id = r1").sampling().phaseKey(),
        settings("frms.reactor.id = r1").sampling().phaseKey());
    assertEquals(
        0,
        settings("frms.reactor { id = r1, sampling.spread-over-fleet = off }")
            .sampling()
            .phaseKey());
  }

  @Test
  void putsTheLogsUnderTheDataDirectory() {
    Config config = load("frms.reactor { id = r7, data-dir = \"/data/frms\" }");
    assertEquals(
        Path.of("/data/frms/readings"),
        Path.of(config.getString("frms.reactor.readings-journal.dir")));
    assertEquals(
        Path.of("/data/frms/state"), Path.of(config.getString("frms.reactor.state-journal.dir")));
    assertEquals(
        "/data/frms/snapshots", config.getString("pekko.persistence.snapshot-store.local.dir"));
  }

  @Test
  void namesTheKeyOfEveryBadValue() {
    assertProblem("frms.reactor { }", "frms.reactor.id is missing");
    assertProblem("frms.reactor { id = \"bad id!\" }", "frms.reactor.id");
    assertProblem(
        "frms.reactor { id = r1, sensorz {} }", "frms.reactor.sensorz is not a known setting");
    assertProblem(
        "frms.reactor { id = r1, sampling.driver-timout = 3s }",
        "frms.reactor.sampling.driver-timout is not a known setting (String: 1); did you mean"
            + " sampling.driver-timeout?");
    assertProblem(
        "frms.reactor { id = r1, link.max-batch-sise = 10 }",
        "frms.reactor.link.max-batch-sise is not a known setting");
    assertProblem(
        "frms.reactor { id = r1, readings-journal.segment-sise = 1 MiB }",
        "frms.reactor.readings-journal.segment-sise is not a known setting");
    assertProblem(
        "frms.reactor { id = r1, link.port = 70000 }", "frms.reactor.link.port: must be 0..65535");
    assertProblem("frms.reactor { id = r1, sensors { t = 5 } }", "t must be an object");
    assertProblem(
        "frms.reactor { id = r1, sensors { t { driver = simulated, interval = 1s } } }",
        "frms.reactor.sensors.t.kind is missing");
    assertProblem(
        "frms.reactor { id = r1, sensors { t { kind = temperature, driver = simulated } } }",
        "frms.reactor.sensors.t.interval is missing");
    assertProblem(
        "frms.reactor { id = r1, sensors { t { kind = humidity, driver = simulated, interval = 1s } } }",
        "frms.reactor.sensors.t.unit is missing");
    assertProblem(
        "frms.reactor { id = r1, sensors { t { kind = ph, driver = simulated, interval = 1s, calibration.gain = 0 } } }",
        "frms.reactor.sensors.t.calibration.gain");
    assertProblem(
        "frms.reactor { id = r1, sensors { t { kind = ph, driver = simulated, interval = 1s, plausible-range = [5, 1] } } }",
        "frms.reactor.sensors.t.plausible-range");
    assertProblem(
        "frms.reactor { id = r1, sensors { t { kind = ph, driver = simulated, interval = fast } } }",
        "interval");
    assertProblem(
        "frms.reactor { id = r1, link.max-linger = -1s }", "frms.reactor.link.max-linger");
  }

  private static void assertProblem(String hocon, String expected) {
    ConfigProblem problem = assertThrows(ConfigProblem.class, () -> settings(hocon));
    assertTrue(problem.getMessage().contains(expected), problem.getMessage());
  }
}
