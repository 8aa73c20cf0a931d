package io.forelight.frms.reactor.actuator;

import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.ActuatorSpecs;
import io.forelight.frms.reactor.driver.DriverRegistry;

/** The actuator drivers on the classpath, by name. */
public final class ActuatorDrivers {

  private final DriverRegistry<ActuatorDriverFactory> registry;

  private ActuatorDrivers(DriverRegistry<ActuatorDriverFactory> registry) {
    this.registry = registry;
  }

  public static ActuatorDrivers load() {
    return new ActuatorDrivers(
        DriverRegistry.load(
            ActuatorDriverFactory.class,
            ActuatorDriverFactory::name,
            ActuatorDriverFactory::settings,
            "an actuator"));
  }

  /** The factory of the spec's driver, after it checked the spec's settings. */
  public ActuatorDriverFactory validated(String configPath, ActuatorSpec spec) {
    ActuatorDriverFactory factory =
        registry.validated(
            configPath, spec.driver(), spec.settings().keySet(), ActuatorSpecs.COMMON_KEYS);
    factory.validate(configPath, spec);
    return factory;
  }
}
