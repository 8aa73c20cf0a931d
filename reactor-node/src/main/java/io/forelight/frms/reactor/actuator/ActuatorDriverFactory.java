package io.forelight.frms.reactor.actuator;

import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import java.util.Set;

/**
 * A kind of actuator driver, found by name with {@link java.util.ServiceLoader} like sensor
 * drivers: a jar with an implementation and a {@code META-INF/services} entry.
 */
public interface ActuatorDriverFactory {

  /** The name config files use in {@code driver = ...}. */
  String name();

  /** The driver settings an actuator's block may hold besides the common ones. */
  Set<String> settings();

  /** Checks the actuator's driver settings at start; throws ConfigProblem naming the key. */
  void validate(String configPath, ActuatorSpec spec);

  /** Opens the driver with its output off; may block and may throw (the actuator retries). */
  ActuatorDriver open(ActuatorSpec spec, DriverContext context) throws Exception;
}
