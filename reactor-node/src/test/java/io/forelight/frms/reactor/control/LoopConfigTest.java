package io.forelight.frms.reactor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.NodeConfig;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.ReactorSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loops and actuators in the reactor's config: the example file, and clear errors. */
class LoopConfigTest {

  private static final String BASE =
      "frms.reactor { id = r1, sensors { temperature { kind = temperature, driver = simulated,"
          + " interval = 1s } }, actuators { heater { kind = heater, driver = simulated },"
          + " pump { kind = dosing-pump, driver = simulated, input = base, ml-per-second = 0.5 } } }\n";

  private static ReactorSettings settings(String loops) {
    return ReactorSettings.fromConfig(
        NodeConfig.load(ConfigFactory.parseString(BASE + loops), "reactor-node.conf"));
  }

  @Test
  void theExampleConfigHasThreeLoopsAndTheirRecordingSensors() {
    ReactorSettings settings =
        ReactorSettings.fromConfig(
            NodeConfig.load(
                ConfigFactory.parseFile(Path.of("../conf/reactor.conf").toFile()),
                "reactor-node.conf"));
    assertEquals(
        List.of("dissolved-oxygen", "ph", "temperature"),
        settings.loops().stream().map(LoopSpec::id).toList());
    List<String> ids = settings.sensors().stream().map(SensorSpec::id).toList();
    assertTrue(
        ids.containsAll(List.of("temperature-output", "temperature-setpoint", "ph-p")),
        ids.toString());
    SensorSpec output =
        settings.sensors().stream()
            .filter(s -> s.id().equals("temperature-output"))
            .findFirst()
            .orElseThrow();
    assertEquals("output", output.kind());
    assertEquals("%", output.unit());
  }

  @Test
  void aLoopThatNamesAnUnknownSensorOrTheWrongActuatorIsRefusedNamingTheKey() {
    ConfigProblem input =
        assertThrows(
            ConfigProblem.class,
            () ->
                settings(
                    "frms.reactor.loops.t { kind = pid, input = temp, output = heater, setpoint = 37 }"));
    assertEquals(
        "frms.reactor.loops.t.input: 'temp' is not a sensor of this reactor", input.getMessage());
    ConfigProblem role =
        assertThrows(
            ConfigProblem.class,
            () ->
                settings(
                    "frms.reactor.loops.t { kind = pid, input = temperature, output = pump, setpoint = 37 }"));
    assertTrue(
        role.getMessage()
            .startsWith("frms.reactor.loops.t.output: actuator 'pump' is a dosing-pump"),
        role.getMessage());
    ConfigProblem setpoint =
        assertThrows(
            ConfigProblem.class,
            () ->
                settings(
                    "frms.reactor.loops.t { kind = pid, input = temperature, output = heater, setpoint = 500 }"));
    assertTrue(
        setpoint.getMessage().contains("frms.reactor.loops.t.setpoint"), setpoint.getMessage());
    ConfigProblem unknown =
        assertThrows(
            ConfigProblem.class,
            () ->
                settings(
                    "frms.reactor.loops.t { kind = pid, input = temperature, output = heater, setpoint = 37, kP = 1 }"));
    assertTrue(
        unknown.getMessage().startsWith("frms.reactor.loops.t.kP is not a loop setting"),
        unknown.getMessage());
  }

  @Test
  void aDosingPumpNeedsItsFlow() {
    ConfigProblem flow =
        assertThrows(
            ConfigProblem.class,
            () ->
                ReactorSettings.fromConfig(
                    NodeConfig.load(
                        ConfigFactory.parseString(
                            "frms.reactor { id = r1, actuators { p { kind = dosing-pump, driver = simulated } } }"),
                        "reactor-node.conf")));
    assertTrue(
        flow.getMessage().startsWith("frms.reactor.actuators.p.ml-per-second is missing"),
        flow.getMessage());
  }
}
