package io.forelight.frms.reactor.calibration;

import io.forelight.frms.reactor.config.ConfigNames;
import java.util.Locale;
import java.util.Optional;

/**
 * A calibration step of a probe, named as commands and config spell it ({@code ph-mid}): which kind
 * of sensor takes it and whether it needs the value of the standard solution (with its range).
 * {@code clear} forgets every point of any calibratable probe.
 */
public enum CalibrationPoint {
  PH_MID("ph", true, 0, 14),
  PH_LOW("ph", true, 0, 14),
  PH_HIGH("ph", true, 0, 14),
  DO_ATMOSPHERIC("dissolved-oxygen", false, 0, 0),
  DO_ZERO("dissolved-oxygen", false, 0, 0),
  EC_DRY("conductivity", false, 0, 0),
  EC_LOW("conductivity", true, 0, 500_000),
  EC_HIGH("conductivity", true, 0, 500_000),
  EC_PROBE_K("conductivity", true, 0.1, 10),
  ORP("orp", true, -1019.9, 1019.9),
  CLEAR("", false, 0, 0);

  private final String kind;
  private final boolean needsValue;
  private final double min;
  private final double max;

  CalibrationPoint(String kind, boolean needsValue, double min, double max) {
    this.kind = kind;
    this.needsValue = needsValue;
    this.min = min;
    this.max = max;
  }

  public String configName() {
    return ConfigNames.of(this);
  }

  /** The kind of sensor this point is for ("" for {@link #CLEAR}: any). */
  public String kind() {
    return kind;
  }

  public boolean needsValue() {
    return needsValue;
  }

  /** Whether this point can be sent to a sensor of this kind. */
  public boolean fits(String sensorKind) {
    return this == CLEAR || kind.equals(sensorKind);
  }

  /** Why this point cannot be sent to a sensor of this kind with this value, if not. */
  public Optional<String> problem(String sensorKind, double value) {
    if (!fits(sensorKind)) {
      return Optional.of(
          "calibration point " + configName() + " is for " + kind + " probes, not " + sensorKind);
    }
    if (needsValue && !(value >= min && value <= max)) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "calibration point %s needs a value from %s to %s, got %s",
              configName(),
              min,
              max,
              value));
    }
    return Optional.empty();
  }

  /** The point spelled {@code name}; IllegalArgumentException naming the choices if none. */
  public static CalibrationPoint parse(String name) {
    for (CalibrationPoint point : values()) {
      if (point.configName().equals(name)) {
        return point;
      }
    }
    StringBuilder choices = new StringBuilder();
    for (CalibrationPoint point : values()) {
      choices.append(choices.length() == 0 ? "" : ", ").append(point.configName());
    }
    throw new IllegalArgumentException(
        "unknown calibration point '" + name + "'; points: " + choices);
  }
}
