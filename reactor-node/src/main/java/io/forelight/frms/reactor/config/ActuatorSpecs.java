package io.forelight.frms.reactor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads and checks one actuator's config block; other keys are driver settings. */
public final class ActuatorSpecs {

  private static final Set<String> COMMON_KEYS = Set.of("kind", "driver");

  private ActuatorSpecs() {}

  public static ActuatorSpec parse(String path, String id, Config c) {
    Ids.check(path, id);
    for (String key : COMMON_KEYS) {
      if (!c.hasPath(key) || c.getString(key).isBlank()) {
        throw new ConfigProblem(path + "." + key + " is missing");
      }
    }
    Map<String, String> settings = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
      if (!COMMON_KEYS.contains(e.getKey())) {
        settings.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    return new ActuatorSpec(id, c.getString("kind"), c.getString("driver"), settings);
  }
}
