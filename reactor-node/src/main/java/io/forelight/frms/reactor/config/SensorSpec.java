package io.forelight.frms.reactor.config;

import io.forelight.frms.reactor.sensor.CborSerializable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One sensor as configured: what it measures, which driver reads it and with which settings (bus,
 * address, ...), how often, and how its raw values are corrected and judged plausible.
 */
public record SensorSpec(
    String id,
    String kind,
    String driver,
    String unit,
    Duration interval,
    boolean enabled,
    Calibration calibration,
    SensorKinds.Range plausibleRange,
    Map<String, String> settings)
    implements CborSerializable {

  public SensorSpec {
    settings = Map.copyOf(settings);
  }

  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  public SensorSpec withInterval(Duration newInterval) {
    return new SensorSpec(
        id, kind, driver, unit, newInterval, enabled, calibration, plausibleRange, settings);
  }

  public SensorSpec withEnabled(boolean newEnabled) {
    return new SensorSpec(
        id, kind, driver, unit, interval, newEnabled, calibration, plausibleRange, settings);
  }

  /** The persistence id of this sensor's readings on a reactor: stable for ever. */
  public static String persistenceId(String sensorId) {
    return "Sensor|" + sensorId;
  }
}
