package io.forelight.frms.reactor.driver;

import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.config.SensorSpecs;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** The sensor drivers on the classpath, by name. */
public final class Drivers {

  private final Map<String, SensorDriverFactory> factories;

  private Drivers(Map<String, SensorDriverFactory> factories) {
    this.factories = factories;
  }

  public static Drivers load() {
    Map<String, SensorDriverFactory> found = new TreeMap<>();
    for (SensorDriverFactory factory : ServiceLoader.load(SensorDriverFactory.class)) {
      found.put(factory.name(), factory);
    }
    return new Drivers(found);
  }

  /** The factory of the spec's driver, after it checked the spec's settings. */
  public SensorDriverFactory validated(String configPath, SensorSpec spec) {
    SensorDriverFactory factory = factories.get(spec.driver());
    if (factory == null) {
      throw new ConfigProblem(
          configPath
              + ".driver: '"
              + spec.driver()
              + "' is not a known driver; known: "
              + String.join(", ", factories.keySet()));
    }
    spec.settings().keySet().stream()
        .filter(key -> !factory.settings().contains(key))
        .sorted()
        .findFirst()
        .ifPresent(
            key -> {
              throw new ConfigProblem(
                  configPath
                      + "."
                      + key
                      + " is not a setting of a sensor ("
                      + String.join(", ", new TreeSet<>(SensorSpecs.COMMON_KEYS))
                      + ") or of driver '"
                      + spec.driver()
                      + "' ("
                      + (factory.settings().isEmpty()
                          ? "none"
                          : String.join(", ", new TreeSet<>(factory.settings())))
                      + ")");
            });
    factory.validate(configPath, spec);
    return factory;
  }

  public SensorDriverFactory get(String name) {
    SensorDriverFactory factory = factories.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("no driver named " + name);
    }
    return factory;
  }
}
