package io.forelight.frms.reactor.config;

import java.util.Map;
import java.util.Optional;

/**
 * One actuator as configured: what it is ({@link ActuatorKind}), which driver moves it with which
 * settings (pin, PWM channel, ...), and the safety limits nothing may exceed.
 */
public record ActuatorSpec(
    String id,
    ActuatorKind kind,
    String driver,
    ActuatorLimits limits,
    Map<String, String> settings) {

  public ActuatorSpec {
    settings = Map.copyOf(settings);
  }

  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }
}
