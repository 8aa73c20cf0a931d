package io.forelight.frms.reactor.driver;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.config.SensorSpecs;

/** The sensor drivers on the classpath, by name. */
public final class Drivers {

  private final DriverRegistry<SensorDriverFactory> registry;

  private Drivers(DriverRegistry<SensorDriverFactory> registry) {
    this.registry = registry;
  }

  public static Drivers load() {
    return new Drivers(
        DriverRegistry.load(
            SensorDriverFactory.class,
            SensorDriverFactory::name,
            SensorDriverFactory::settings,
            "a sensor"));
  }

  /** The factory of the spec's driver, after it checked the spec's settings. */
  public SensorDriverFactory validated(String configPath, SensorSpec spec) {
    SensorDriverFactory factory =
        registry.validated(
            configPath, spec.driver(), spec.settings().keySet(), SensorSpecs.COMMON_KEYS);
    factory.validate(configPath, spec);
    return factory;
  }

  public SensorDriverFactory get(String name) {
    return registry.get(name);
  }
}
