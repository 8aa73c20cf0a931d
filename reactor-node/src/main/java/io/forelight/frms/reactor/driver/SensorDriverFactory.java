package io.forelight.frms.reactor.driver;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.config.SensorSpec;
import java.util.Set;

/**
 * A kind of driver, found by name with {@link java.util.ServiceLoader}: a new sensor package is a
 * jar holding an implementation and a {@code META-INF/services} entry, and a config block naming it
 * as {@code driver = ...}.
 */
public interface SensorDriverFactory {

  /** The name config files use in {@code driver = ...}. */
  String name();

  /**
   * The driver settings a sensor's block may hold besides the ones every sensor has ({@code kind},
   * {@code interval}, ...); any other key is refused at start.
   */
  Set<String> settings();

  /**
   * Checks the sensor's driver settings at start; throws {@link
   * io.forelight.frms.reactor.config.ConfigProblem} naming the key if one is wrong or missing.
   */
  void validate(String configPath, SensorSpec spec);

  /**
   * True (the default) if reading blocks on a device: the driver then gets a thread of its own. A
   * driver that only reads memory (a loop's output) says false and runs on the sensor's thread.
   */
  default boolean blocking() {
    return true;
  }

  /**
   * The calibration points a sensor read by this driver takes (none by default: the driver cannot
   * calibrate). Commands naming another point are refused before anything is sent.
   */
  default Set<CalibrationPoint> calibrationPoints(SensorSpec spec) {
    return Set.of();
  }

  /**
   * True if readings of this sensor depend on the liquid's temperature and the driver can correct
   * for it ({@link SensorDriver#compensate}); the node then feeds it the reactor's temperature.
   */
  default boolean compensatesTemperature(SensorSpec spec) {
    return false;
  }

  /** Opens the driver; may block and may throw (the sensor retries with backoff). */
  SensorDriver open(SensorSpec spec, DriverContext context) throws Exception;
}
