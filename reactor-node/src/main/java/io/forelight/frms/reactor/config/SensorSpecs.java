package io.forelight.frms.reactor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.forelight.frms.link.CommandRules;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks one sensor's config block; keys it does not know are driver settings. */
public final class SensorSpecs {

  public static final Duration MIN_INTERVAL = CommandRules.MIN_INTERVAL;
  public static final Duration MAX_INTERVAL = CommandRules.MAX_INTERVAL;

  /** The keys every sensor block may hold; the rest are its driver's settings. */
  public static final Set<String> COMMON_KEYS =
      Set.of("kind", "driver", "unit", "interval", "enabled", "calibration", "plausible-range");

  private SensorSpecs() {}

  public static SensorSpec parse(String path, String id, Config c) {
    Ids.check(path, id);
    String kind = required(path, c, "kind");
    String driver = required(path, c, "driver");
    String unit =
        c.hasPath("unit")
            ? c.getString("unit")
            : SensorKinds.defaultUnit(kind)
                .orElseThrow(
                    () ->
                        new ConfigProblem(
                            path + ".unit is missing: kind '" + kind + "' has no default unit"));
    if (!c.hasPath("interval")) {
      throw new ConfigProblem(path + ".interval is missing (for example interval = 1s)");
    }
    Duration interval = checkInterval(path + ".interval", c.getDuration("interval"));
    boolean enabled = !c.hasPath("enabled") || c.getBoolean("enabled");
    Calibration calibration = calibration(path + ".calibration", c);
    SensorKinds.Range range = range(path + ".plausible-range", c, kind);
    Map<String, String> settings = new HashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
      if (!COMMON_KEYS.contains(e.getKey())) {
        settings.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    return new SensorSpec(id, kind, driver, unit, interval, enabled, calibration, range, settings);
  }

  public static Duration checkInterval(String key, Duration interval) {
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new ConfigProblem(key, interval, "must be between 10ms and 24h");
    }
    return interval;
  }

  private static String required(String path, Config c, String key) {
    if (!c.hasPath(key) || c.getString(key).isBlank()) {
      throw new ConfigProblem(path + "." + key + " is missing");
    }
    return c.getString(key);
  }

  private static Calibration calibration(String path, Config c) {
    if (!c.hasPath("calibration")) {
      return Calibration.NONE;
    }
    Config cal = c.getConfig("calibration");
    double gain = cal.hasPath("gain") ? cal.getDouble("gain") : 1.0;
    double offset = cal.hasPath("offset") ? cal.getDouble("offset") : 0.0;
    if (!Double.isFinite(gain) || gain == 0.0) {
      throw new ConfigProblem(path + ".gain", gain, "must be a finite number other than 0");
    }
    if (!Double.isFinite(offset)) {
      throw new ConfigProblem(path + ".offset", offset, "must be a finite number");
    }
    return new Calibration(gain, offset);
  }

  private static SensorKinds.Range range(String path, Config c, String kind) {
    if (!c.hasPath("plausible-range")) {
      return SensorKinds.defaultRange(kind)
          .orElse(new SensorKinds.Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    }
    List<Double> bounds = c.getDoubleList("plausible-range");
    if (bounds.size() != 2 || !(bounds.get(0) < bounds.get(1))) {
      throw new ConfigProblem(path, bounds, "must be [min, max] with min < max");
    }
    return new SensorKinds.Range(bounds.get(0), bounds.get(1));
  }
}
