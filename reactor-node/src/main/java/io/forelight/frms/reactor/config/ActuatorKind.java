package io.forelight.frms.reactor.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an actuator does. Heaters, stirrers, gas valves and air pumps take a level (a duty 0..1: a
 * PWM driver sets it directly, an on/off driver time-proportions it); dosing pumps take doses in
 * mL.
 */
public enum ActuatorKind {
  HEATER,
  STIRRER,
  GAS_VALVE,
  AIR_PUMP,
  DOSING_PUMP;

  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ActuatorKind parse(String path, String value) {
    for (ActuatorKind kind : values()) {
      if (kind.configName().equals(value)) {
        return kind;
      }
    }
    throw new ConfigProblem(
        path,
        "'" + value + "'",
        "must be one of "
            + Arrays.stream(values())
                .map(ActuatorKind::configName)
                .collect(Collectors.joining(", ")));
  }
}
