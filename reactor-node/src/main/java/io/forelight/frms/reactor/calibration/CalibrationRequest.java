package io.forelight.frms.reactor.calibration;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.sensor.CborSerializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One guided calibration point for a probe: wait until its readings stay within {@code band} for
 * {@code stableFor}, then send {@code point} (with the standard's {@code value}); give up after
 * {@code maxWait}. Zero band or durations mean the defaults ({@link #withDefaults}).
 */
public record CalibrationRequest(
    String sensorId,
    CalibrationPoint point,
    double value,
    double band,
    Duration stableFor,
    Duration maxWait)
    implements CborSerializable {

  public static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(30);
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);
  public static final Duration LONGEST_WAIT = Duration.ofMinutes(30);

  /** The band a probe of this kind and unit must stay in unless a command says otherwise. */
  public static double defaultBand(String kind, String unit) {
    return switch (kind) {
      case "ph" -> 0.05;
      case "orp" -> 5;
      case "dissolved-oxygen" -> unit.equals("%") ? 3 : 0.3;
      case "conductivity" -> 20;
      default -> 0.1;
    };
  }

  /** This request with its zeros replaced by the defaults for the sensor. */
  public CalibrationRequest withDefaults(SensorSpec spec) {
    return new CalibrationRequest(
        sensorId,
        point,
        value,
        band > 0 ? band : defaultBand(spec.kind(), spec.unit()),
        stableFor.isZero() ? DEFAULT_STABLE_FOR : stableFor,
        maxWait.isZero() ? DEFAULT_MAX_WAIT : maxWait);
  }

  /** Whether the probe's reading must settle first (a probe in a standard solution, or in air). */
  public boolean waitsForStableReading() {
    return point != CalibrationPoint.CLEAR && point != CalibrationPoint.EC_PROBE_K;
  }

  /**
   * Why this request cannot go to this sensor, whose driver takes {@code points}; empty if it can.
   */
  public Optional<String> problem(SensorSpec spec, Set<CalibrationPoint> points) {
    if (points.isEmpty()) {
      return Optional.of(
          "sensor " + spec.id() + " (driver " + spec.driver() + ") cannot be calibrated");
    }
    if (!points.contains(point)) {
      return point.fits(spec.kind())
          ? Optional.of(
              "sensor "
                  + spec.id()
                  + " (driver "
                  + spec.driver()
                  + ") does not take point "
                  + point.configName())
          : point.problem(spec.kind(), value);
    }
    Optional<String> value = point.problem(spec.kind(), this.value);
    if (value.isPresent()) {
      return value;
    }
    if (!(band >= 0) || Double.isInfinite(band)) {
      return Optional.of("band must be a positive number (0 for the default), got " + band);
    }
    if (stableFor.isNegative() || stableFor.compareTo(StableReading.KEPT) > 0) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "stable-for must be up to %d min (0 for the default), got %d s",
              StableReading.KEPT.toMinutes(),
              stableFor.toSeconds()));
    }
    if (maxWait.isNegative() || maxWait.compareTo(LONGEST_WAIT) > 0) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "max-wait must be up to %d min (0 for the default), got %d s",
              LONGEST_WAIT.toMinutes(),
              maxWait.toSeconds()));
    }
    return Optional.empty();
  }
}
