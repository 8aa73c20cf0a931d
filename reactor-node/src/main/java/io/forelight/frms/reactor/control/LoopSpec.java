package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.config.SensorKinds;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One control loop as configured: its kind, the sensor it reads, the actuators it drives (by role),
 * how often it runs, when its input counts as stale, the settings it starts with on a fresh node,
 * the fixed parameters of its kind, and the setpoints and outputs operators may ask for.
 *
 * @param outputLimit the widest output range operators may set (0..1 of full scale; for pH dosing
 *     the largest dose per period in mL)
 */
public record LoopSpec(
    String id,
    LoopKind kind,
    String input,
    Map<String, String> actuators,
    Duration period,
    Duration staleAfter,
    LoopSettings initial,
    double hysteresis,
    PhDosing phDosing,
    SplitRange split,
    SensorKinds.Range setpointRange,
    SensorKinds.Range outputLimit,
    boolean recordTerms) {

  public LoopSpec {
    actuators = Map.copyOf(actuators);
  }

  public Optional<String> actuator(String role) {
    return Optional.ofNullable(actuators.get(role));
  }

  /**
   * The sensor ids of the readings this loop records: output, setpoint, deviation (measured minus
   * setpoint, while it controls in auto) and maybe P, I, D.
   */
  public Map<String, String> recordedSensors() {
    return recordTerms
        ? Map.of(
            "output", id + "-output",
            "setpoint", id + "-setpoint",
            "deviation", id + "-deviation",
            "p", id + "-p",
            "i", id + "-i",
            "d", id + "-d")
        : Map.of(
            "output", id + "-output",
            "setpoint", id + "-setpoint",
            "deviation", id + "-deviation");
  }
}
