package io.forelight.frms.reactor.control;

import com.typesafe.config.Config;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.Ids;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks one loop's config block against the node's sensors and actuators, and makes the
 * specs of the sensors that record its output, setpoint and terms (kind {@code output}, driver
 * {@code loop}).
 */
public final class LoopSpecs {

  private static final Set<String> KEYS =
      Set.of(
          "kind",
          "input",
          "output",
          "stirrer",
          "air",
          "base",
          "acid",
          "period",
          "stale-after",
          "mode",
          "setpoint",
          "ramp",
          "manual-output",
          "gains",
          "output-min",
          "output-max",
          "hysteresis",
          "deadband",
          "ml-per-ph",
          "max-dose",
          "split",
          "stirrer-min",
          "stirrer-max",
          "air-min",
          "air-max",
          "setpoint-min",
          "setpoint-max",
          "record-terms");

  private LoopSpecs() {}

  public static LoopSpec parse(
      String path, String id, Config c, List<SensorSpec> sensors, List<ActuatorSpec> actuators) {
    Ids.check(path, id);
    for (String key : new TreeSet<>(c.root().keySet())) {
      if (!KEYS.contains(key)) {
        throw new ConfigProblem(
            path
                + "."
                + key
                + " is not a loop setting ("
                + String.join(", ", new TreeSet<>(KEYS))
                + ")");
      }
    }
    LoopKind kind = LoopKind.parse(path + ".kind", string(path, c, "kind"));
    String inputId = string(path, c, "input");
    SensorSpec input =
        sensors.stream()
            .filter(s -> s.id().equals(inputId))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        path + ".input: '" + inputId + "' is not a sensor of this reactor"));
    Map<String, String> roles = new HashMap<>();
    for (String role : kind.roles()) {
      roles.put(role, actuator(path, c, role, kind, actuators));
    }
    for (String role : kind.optionalRoles()) {
      if (c.hasPath(role)) {
        roles.put(role, actuator(path, c, role, kind, actuators));
      }
    }
    Duration period =
        duration(
            path,
            c,
            "period",
            kind == LoopKind.PH ? Duration.ofSeconds(10) : Duration.ofSeconds(1));
    Duration staleAfter =
        duration(path, c, "stale-after", input.interval().multipliedBy(3).plusSeconds(2));
    SensorKinds.Range setpoints =
        new SensorKinds.Range(
            number(path, c, "setpoint-min", input.plausibleRange().min()),
            number(path, c, "setpoint-max", input.plausibleRange().max()));
    double outputCap = kind == LoopKind.PH ? number(path, c, "max-dose", 0.2) : 1;
    SensorKinds.Range outputs = new SensorKinds.Range(0, outputCap);
    double setpoint = number(path, c, "setpoint", Double.NaN);
    if (!setpoints.contains(setpoint)) {
      throw new ConfigProblem(
          path + ".setpoint",
          setpoint,
          "is required and must be within " + setpoints.min() + ".." + setpoints.max());
    }
    String modeName = c.hasPath("mode") ? c.getString("mode") : "auto";
    LoopMode mode =
        LoopMode.parse(modeName)
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        path + ".mode", "'" + modeName + "'", "must be off, manual or auto"));
    Gains gains = gains(path, c, kind);
    double outputMin = number(path, c, "output-min", 0);
    double outputMax = number(path, c, "output-max", outputCap);
    if (!(outputMin >= 0 && outputMin < outputMax && outputMax <= outputCap)) {
      throw new ConfigProblem(
          path + ".output-min/output-max",
          outputMin + ".." + outputMax,
          "must satisfy 0 <= min < max <= " + outputCap);
    }
    LoopSettings initial =
        new LoopSettings(
            mode,
            setpoint,
            nonNegative(path, c, "ramp", 0),
            number(path, c, "manual-output", 0),
            gains,
            outputMin,
            outputMax);
    PhDosing dosing =
        new PhDosing(
            nonNegative(path, c, "deadband", LoopDefaults.PH.deadband()),
            nonNegative(path, c, "ml-per-ph", LoopDefaults.PH.mlPerPh()),
            outputCap);
    SplitRange d = LoopDefaults.DO_SPLIT;
    SplitRange split =
        new SplitRange(
            number(path, c, "split", d.split()),
            number(path, c, "stirrer-min", d.stirrerMin()),
            number(path, c, "stirrer-max", d.stirrerMax()),
            number(path, c, "air-min", d.airMin()),
            number(path, c, "air-max", d.airMax()));
    if (!(split.split() > 0 && split.split() < 1)) {
      throw new ConfigProblem(path + ".split", split.split(), "must be between 0 and 1");
    }
    return new LoopSpec(
        id,
        kind,
        inputId,
        roles,
        period,
        staleAfter,
        initial,
        nonNegative(path, c, "hysteresis", 0.5),
        dosing,
        split,
        setpoints,
        outputs,
        !c.hasPath("record-terms") || c.getBoolean("record-terms"));
  }

  /** The sensors that record a loop's output, setpoint and (unless turned off) P, I and D. */
  public static List<SensorSpec> recordingSensors(LoopSpec loop, SensorSpec input) {
    return loop.recordedSensors().entrySet().stream()
        .map(
            e ->
                new SensorSpec(
                    e.getValue(),
                    "output",
                    "loop",
                    e.getKey().equals("setpoint") ? input.unit() : loop.kind().outputUnit(),
                    loop.period(),
                    true,
                    Calibration.NONE,
                    new SensorKinds.Range(-1e12, 1e12),
                    Map.of("loop", loop.id(), "term", e.getKey())))
        .sorted(java.util.Comparator.comparing(SensorSpec::id))
        .toList();
  }

  private static Gains gains(String path, Config c, LoopKind kind) {
    Gains fallback =
        switch (kind) {
          case DO_CASCADE -> LoopDefaults.DISSOLVED_OXYGEN;
          default -> LoopDefaults.TEMPERATURE;
        };
    if (!c.hasPath("gains")) {
      return fallback;
    }
    Config g = c.getConfig("gains");
    Gains gains =
        new Gains(
            number(path + ".gains", g, "kp", fallback.kp()),
            number(path + ".gains", g, "ki", fallback.ki()),
            number(path + ".gains", g, "kd", fallback.kd()),
            g.hasPath("derivative-filter")
                ? g.getDuration("derivative-filter").toNanos() / 1e9
                : 0);
    gains
        .problem()
        .ifPresent(
            p -> {
              throw new ConfigProblem(path + ".gains: " + p);
            });
    return gains;
  }

  private static String actuator(
      String path, Config c, String role, LoopKind kind, List<ActuatorSpec> actuators) {
    if (!c.hasPath(role)) {
      throw new ConfigProblem(
          path
              + "."
              + role
              + " is missing: a "
              + kind.configName()
              + " loop drives "
              + String.join(" and ", kind.roles()));
    }
    String id = c.getString(role);
    ActuatorSpec actuator =
        actuators.stream()
            .filter(a -> a.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConfigProblem(
                        path + "." + role + ": '" + id + "' is not an actuator of this reactor"));
    if (!kind.fits(role).contains(actuator.kind())) {
      throw new ConfigProblem(
          path
              + "."
              + role
              + ": actuator '"
              + id
              + "' is a "
              + actuator.kind().configName()
              + "; this role needs "
              + kind.fits(role).stream().map(k -> k.configName()).sorted().toList());
    }
    return id;
  }

  private static String string(String path, Config c, String key) {
    if (!c.hasPath(key) || c.getString(key).isBlank()) {
      throw new ConfigProblem(path + "." + key + " is missing");
    }
    return c.getString(key);
  }

  private static double number(String path, Config c, String key, double fallback) {
    if (!c.hasPath(key)) {
      return fallback;
    }
    double value = c.getDouble(key);
    if (!Double.isFinite(value)) {
      throw new ConfigProblem(path + "." + key, value, "must be a finite number");
    }
    return value;
  }

  private static double nonNegative(String path, Config c, String key, double fallback) {
    double value = number(path, c, key, fallback);
    if (value < 0) {
      throw new ConfigProblem(path + "." + key, value, "must not be negative");
    }
    return value;
  }

  private static Duration duration(String path, Config c, String key, Duration fallback) {
    if (!c.hasPath(key)) {
      return fallback;
    }
    Duration value = c.getDuration(key);
    if (value.compareTo(Duration.ofMillis(100)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigProblem(path + "." + key, value, "must be 100ms..1h");
    }
    return value;
  }
}
