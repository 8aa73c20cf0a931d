package io.forelight.frms.reactor.actuator;

import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.ActuatorSpecs;
import io.forelight.frms.reactor.config.ConfigProblem;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** The actuator drivers on the classpath, by name. */
public final class ActuatorDrivers {

  private final Map<String, ActuatorDriverFactory> factories;

  private ActuatorDrivers(Map<String, ActuatorDriverFactory> factories) {
    this.factories = factories;
  }

  public static ActuatorDrivers load() {
    Map<String, ActuatorDriverFactory> found = new TreeMap<>();
    for (ActuatorDriverFactory factory : ServiceLoader.load(ActuatorDriverFactory.class)) {
      found.put(factory.name(), factory);
    }
    return new ActuatorDrivers(found);
  }

  /** The factory of the spec's driver, after it checked the spec's settings. */
  public ActuatorDriverFactory validated(String configPath, ActuatorSpec spec) {
    ActuatorDriverFactory factory = factories.get(spec.driver());
    if (factory == null) {
      throw new ConfigProblem(
          configPath
              + ".driver: '"
              + spec.driver()
              + "' is not a known actuator driver; known: "
              + String.join(", ", factories.keySet()));
    }
    for (String key : new TreeSet<>(spec.settings().keySet())) {
      if (!factory.settings().contains(key)) {
        throw new ConfigProblem(
            configPath
                + "."
                + key
                + " is not a setting of an actuator ("
                + String.join(", ", new TreeSet<>(ActuatorSpecs.COMMON_KEYS))
                + ") or of driver '"
                + spec.driver()
                + "' ("
                + (factory.settings().isEmpty()
                    ? "none"
                    : String.join(", ", new TreeSet<>(factory.settings())))
                + ")");
      }
    }
    factory.validate(configPath, spec);
    return factory;
  }
}
