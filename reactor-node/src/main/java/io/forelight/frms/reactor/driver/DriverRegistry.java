package io.forelight.frms.reactor.driver;

import io.forelight.frms.reactor.config.ConfigProblem;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The driver factories of one kind (sensor or actuator) on the classpath, found with {@link
 * ServiceLoader} and looked up by the name a config block gives in {@code driver = ...}, with the
 * check every block gets: the driver exists, and each key is a common one or one of its settings.
 */
public final class DriverRegistry<F> {

  private final Map<String, F> factories;
  private final Function<F, Set<String>> settingsOf;
  private final String what;

  private DriverRegistry(
      Map<String, F> factories, Function<F, Set<String>> settingsOf, String what) {
    this.factories = factories;
    this.settingsOf = settingsOf;
    this.what = what;
  }

  /** {@code what} names the blocks in errors: "a sensor", "an actuator". */
  public static <F> DriverRegistry<F> load(
      Class<F> type, Function<F, String> nameOf, Function<F, Set<String>> settingsOf, String what) {
    Map<String, F> found = new TreeMap<>();
    for (F factory : ServiceLoader.load(type)) {
      found.put(nameOf.apply(factory), factory);
    }
    return new DriverRegistry<>(found, settingsOf, what);
  }

  /** The named factory, after checking the block's keys against it; ConfigProblem otherwise. */
  public F validated(String configPath, String driver, Set<String> keys, Set<String> commonKeys) {
    F factory = factories.get(driver);
    if (factory == null) {
      throw new ConfigProblem(
          configPath
              + ".driver: '"
              + driver
              + "' is not a known driver of "
              + what
              + "; known: "
              + String.join(", ", factories.keySet()));
    }
    Set<String> settings = settingsOf.apply(factory);
    for (String key : new TreeSet<>(keys)) {
      if (!settings.contains(key)) {
        throw new ConfigProblem(
            configPath
                + "."
                + key
                + " is not a setting of "
                + what
                + " ("
                + String.join(", ", new TreeSet<>(commonKeys))
                + ") or of driver '"
                + driver
                + "' ("
                + (settings.isEmpty() ? "none" : String.join(", ", new TreeSet<>(settings)))
                + ")");
      }
    }
    return factory;
  }

  public F get(String name) {
    F factory = factories.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("no driver named " + name);
    }
    return factory;
  }
}
