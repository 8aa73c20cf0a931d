package io.forelight.frms.reactor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks one actuator's config block; keys other than the common ones go to its driver.
 */
public final class ActuatorSpecs {

  public static final Set<String> COMMON_KEYS =
      Set.of(
          "kind",
          "driver",
          "max-duty",
          "min-off-time",
          "cycle",
          "min-pulse",
          "ml-per-second",
          "max-dose-per-hour",
          "max-dose-per-run");

  private ActuatorSpecs() {}

  public static ActuatorSpec parse(String path, String id, Config c) {
    Ids.check(path, id);
    for (String key : new String[] {"kind", "driver"}) {
      if (!c.hasPath(key) || c.getString(key).isBlank()) {
        throw new ConfigProblem(path + "." + key + " is missing");
      }
    }
    ActuatorKind kind = ActuatorKind.parse(path + ".kind", c.getString("kind"));
    Map<String, String> settings = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
      if (!COMMON_KEYS.contains(e.getKey())) {
        settings.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    return new ActuatorSpec(id, kind, c.getString("driver"), limits(path, kind, c), settings);
  }

  private static ActuatorLimits limits(String path, ActuatorKind kind, Config c) {
    double maxDuty = number(path, c, "max-duty", 1.0, 0, 1);
    Duration cycle = duration(path, c, "cycle", Duration.ofSeconds(10));
    Duration minPulse = duration(path, c, "min-pulse", Duration.ofMillis(200));
    if (cycle.isZero() || minPulse.multipliedBy(2).compareTo(cycle) > 0) {
      throw new ConfigProblem(
          path + ".cycle", cycle, "must be positive and at least 2 × min-pulse");
    }
    boolean pump = kind == ActuatorKind.DOSING_PUMP;
    if (pump && !c.hasPath("ml-per-second")) {
      throw new ConfigProblem(
          path + ".ml-per-second is missing: a dosing pump needs its calibrated flow (mL/s)");
    }
    return new ActuatorLimits(
        maxDuty,
        duration(path, c, "min-off-time", Duration.ZERO),
        cycle,
        minPulse,
        pump ? number(path, c, "ml-per-second", 0, 1e-6, 1000) : 0,
        number(path, c, "max-dose-per-hour", pump ? 20 : 0, 0, 1e6),
        number(path, c, "max-dose-per-run", pump ? 200 : 0, 0, 1e7));
  }

  private static double number(
      String path, Config c, String key, double fallback, double min, double max) {
    if (!c.hasPath(key)) {
      return fallback;
    }
    double value = c.getDouble(key);
    if (!(value >= min && value <= max)) {
      throw new ConfigProblem(path + "." + key, value, "must be " + min + ".." + max);
    }
    return value;
  }

  private static Duration duration(String path, Config c, String key, Duration fallback) {
    if (!c.hasPath(key)) {
      return fallback;
    }
    Duration value = c.getDuration(key);
    if (value.isNegative() || value.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigProblem(path + "." + key, value, "must be 0..1h");
    }
    return value;
  }
}
