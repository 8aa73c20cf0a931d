package io.forelight.frms.reactor.config;

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
    return ConfigNames.of(this);
  }

  public static ActuatorKind parse(String path, String value) {
    return ConfigNames.parse(ActuatorKind.class, path, value);
  }
}
