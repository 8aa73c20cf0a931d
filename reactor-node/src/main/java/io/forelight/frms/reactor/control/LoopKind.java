package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.config.ActuatorKind;
import io.forelight.frms.reactor.config.ConfigNames;
import java.util.List;
import java.util.Set;

/**
 * The kinds of loop and the actuators each drives, by role: a PID or on/off loop drives one level
 * actuator ({@code output}); the DO cascade a stirrer then air; pH dosing a base pump and
 * optionally an acid pump.
 */
public enum LoopKind {
  PID(List.of("output"), List.of(), "%"),
  ON_OFF(List.of("output"), List.of(), "%"),
  DO_CASCADE(List.of("stirrer", "air"), List.of(), "%"),
  PH(List.of("base"), List.of("acid"), "mL");

  private final List<String> roles;
  private final List<String> optionalRoles;
  private final String outputUnit;

  LoopKind(List<String> roles, List<String> optionalRoles, String outputUnit) {
    this.roles = roles;
    this.optionalRoles = optionalRoles;
    this.outputUnit = outputUnit;
  }

  public List<String> roles() {
    return roles;
  }

  public List<String> optionalRoles() {
    return optionalRoles;
  }

  /** The unit of the output and P/I/D readings: percent of full output, or mL dosed. */
  public String outputUnit() {
    return outputUnit;
  }

  /** What the loop's output is multiplied by when recorded (a 0..1 level is recorded in %). */
  public double recordedScale() {
    return this == PH ? 1 : 100;
  }

  /** The actuator kinds that can fill a role. */
  public Set<ActuatorKind> fits(String role) {
    return switch (role) {
      case "base", "acid" -> Set.of(ActuatorKind.DOSING_PUMP);
      case "stirrer" -> Set.of(ActuatorKind.STIRRER);
      case "air" -> Set.of(ActuatorKind.GAS_VALVE, ActuatorKind.AIR_PUMP);
      default ->
          Set.of(
              ActuatorKind.HEATER,
              ActuatorKind.STIRRER,
              ActuatorKind.GAS_VALVE,
              ActuatorKind.AIR_PUMP);
    };
  }

  public String configName() {
    return ConfigNames.of(this);
  }

  public static LoopKind parse(String path, String value) {
    return ConfigNames.parse(LoopKind.class, path, value);
  }
}
