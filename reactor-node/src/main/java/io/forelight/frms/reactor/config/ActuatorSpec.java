package io.forelight.frms.reactor.config;

import java.util.Map;

/** One actuator as configured (heater, air pump, dosing pump, stirrer) and its driver. */
public record ActuatorSpec(String id, String kind, String driver, Map<String, String> settings) {

  public ActuatorSpec {
    settings = Map.copyOf(settings);
  }
}
