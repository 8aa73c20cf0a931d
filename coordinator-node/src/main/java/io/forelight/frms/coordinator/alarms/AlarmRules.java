package io.forelight.frms.coordinator.alarms;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the alarm rules file ({@code conf/alarms.conf}):
 *
 * <pre>
 * rules {
 *   temperature-high { kind = high, sensor = temperature, limit = 38.5, hysteresis = 0.3,
 *                      on-delay = 10s, severity = major, group = room-b }
 * }
 * </pre>
 *
 * A bad rule fails the whole file with the key that is wrong, so a typo never silently drops an
 * alarm.
 */
public final class AlarmRules {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Set<String> KEYS =
      Set.of(
          "kind",
          "sensor",
          "loop",
          "group",
          "limit",
          "hysteresis",
          "on-delay",
          "after",
          "severity");

  /** The file is unusable; the message names the file and the key. */
  public static final class Problem extends RuntimeException {
    public Problem(String message) {
      super(message);
    }
  }

  private final List<AlarmRule> rules;

  private AlarmRules(List<AlarmRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static final AlarmRules NONE = new AlarmRules(List.of());

  public List<AlarmRule> all() {
    return rules;
  }

  public Optional<AlarmRule> find(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The rules of {@code file}; none when {@code file} is empty. */
  public static AlarmRules read(String file) {
    if (file.isBlank()) {
      return NONE;
    }
    File f = new File(file);
    if (!f.isFile()) {
      throw new Problem("alarm rules file " + file + " does not exist");
    }
    try {
      return parse(ConfigFactory.parseFile(f).resolve(), file);
    } catch (ConfigException e) {
      throw new Problem("alarm rules file " + file + ": " + e.getMessage());
    }
  }

  public static AlarmRules parse(Config config, String source) {
    if (!config.hasPath("rules")) {
      throw new Problem(source + ": no 'rules { ... }' block");
    }
    ConfigObject rules = config.getObject("rules");
    List<AlarmRule> parsed = new ArrayList<>();
    for (String id : rules.keySet()) {
      String key = source + ": rules." + id;
      if (!ID.matcher(id).matches()) {
        throw new Problem(
            key
                + ": a rule id is 1-63 lower-case letters, digits, '-' or '_', starting with a"
                + " letter or digit");
      }
      ConfigValue value = rules.get(id);
      if (!(value instanceof ConfigObject object)) {
        throw new Problem(key + " must be { kind = ..., sensor = ... }");
      }
      parsed.add(rule(key, id, object.toConfig()));
    }
    parsed.sort(Comparator.comparing(AlarmRule::id));
    return new AlarmRules(parsed);
  }

  private static AlarmRule rule(String key, String id, Config c) {
    for (String field : c.root().keySet()) {
      if (!KEYS.contains(field)) {
        throw new Problem(key + "." + field + " is not a known setting (" + KEYS + ")");
      }
    }
    try {
      AlarmRule.Kind kind = kind(key, required(c, key, "kind"));
      String sensor = sensor(key, kind, c);
      double limit = limit(key, kind, c);
      double hysteresis = c.hasPath("hysteresis") ? c.getDouble("hysteresis") : 0;
      if (hysteresis < 0 || !Double.isFinite(hysteresis)) {
        throw new Problem(key + ".hysteresis must be 0 or more, got " + hysteresis);
      }
      if (hysteresis > 0
          && !EnumSet.of(
                  AlarmRule.Kind.HIGH,
                  AlarmRule.Kind.LOW,
                  AlarmRule.Kind.RATE,
                  AlarmRule.Kind.DEVIATION)
              .contains(kind)) {
        throw new Problem(key + ": a " + kind.id() + " rule has no hysteresis");
      }
      Duration onDelay = c.hasPath("on-delay") ? c.getDuration("on-delay") : Duration.ZERO;
      if (onDelay.isNegative()) {
        throw new Problem(key + ".on-delay must be 0 or more, got " + onDelay);
      }
      return new AlarmRule(
          id,
          kind,
          sensor,
          c.hasPath("group") ? c.getString("group") : "",
          limit,
          hysteresis,
          onDelay,
          severity(key, c.hasPath("severity") ? c.getString("severity") : "major"));
    } catch (ConfigException e) {
      throw new Problem(key + ": " + e.getMessage());
    }
  }

  /**
   * What the rule watches: a sensor; for a deviation rule the deviation its loop records ({@code
   * <loop>-deviation}); for a link rule the link.
   */
  private static String sensor(String key, AlarmRule.Kind kind, Config c) {
    if (kind.ofLink() && c.hasPath("sensor")) {
      throw new Problem(
          key + ": a " + kind.id() + " rule watches the reactor's link, not a sensor");
    }
    if (kind != AlarmRule.Kind.DEVIATION && c.hasPath("loop")) {
      throw new Problem(key + ": only a deviation rule names a loop");
    }
    if (kind == AlarmRule.Kind.DEVIATION) {
      if (c.hasPath("sensor")) {
        throw new Problem(key + ": a deviation rule names its loop (loop = ...), not a sensor");
      }
      return required(c, key, "loop") + "-deviation";
    }
    return kind.ofLink() ? kind.linkMeasure() : required(c, key, "sensor");
  }

  /**
   * The rule's limit: a number for high, low and rate (per minute) and backlog (readings); a
   * duration ({@code after} for stale and unreachable, {@code limit} for lagging and clock-skew),
   * kept in seconds; none for bad-quality and quarantine.
   */
  private static double limit(String key, AlarmRule.Kind kind, Config c) {
    String field =
        switch (kind) {
          case STALE, UNREACHABLE -> "after";
          case BAD_QUALITY, QUARANTINE -> null;
          default -> "limit";
        };
    for (String other : new String[] {"limit", "after"}) {
      if (!other.equals(field) && c.hasPath(other)) {
        throw new Problem(
            key
                + ": a "
                + kind.id()
                + " rule has no "
                + other
                + (field == null ? "" : " (it has " + field + ")"));
      }
    }
    if (field == null) {
      return 0;
    }
    if (!c.hasPath(field)) {
      throw new Problem(key + "." + field + " is missing (a " + kind.id() + " rule needs one)");
    }
    double limit =
        switch (kind) {
          case STALE, UNREACHABLE, LAGGING, CLOCK_SKEW -> c.getDuration(field).toMillis() / 1000.0;
          default -> c.getDouble(field);
        };
    if (!Double.isFinite(limit)
        || limit < 0 && kind != AlarmRule.Kind.LOW && kind != AlarmRule.Kind.HIGH) {
      throw new Problem(key + "." + field + " must be a number of 0 or more, got " + limit);
    }
    return limit;
  }

  private static String required(Config c, String key, String field) {
    if (!c.hasPath(field) || c.getString(field).isBlank()) {
      throw new Problem(key + "." + field + " is missing");
    }
    return c.getString(field);
  }

  private static AlarmRule.Kind kind(String key, String text) {
    for (AlarmRule.Kind kind : AlarmRule.Kind.values()) {
      if (kind.id().equals(text)) {
        return kind;
      }
    }
    throw new Problem(
        key
            + ".kind must be one of "
            + java.util.Arrays.stream(AlarmRule.Kind.values()).map(AlarmRule.Kind::id).toList()
            + ", got '"
            + text
            + "'");
  }

  private static AlarmRule.Severity severity(String key, String text) {
    for (AlarmRule.Severity severity : AlarmRule.Severity.values()) {
      if (severity.id().equals(text.toLowerCase(Locale.ROOT))) {
        return severity;
      }
    }
    throw new Problem(
        key + ".severity must be critical, major, minor or warning, got '" + text + "'");
  }
}
