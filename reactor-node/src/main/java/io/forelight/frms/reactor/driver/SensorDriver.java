package io.forelight.frms.reactor.driver;

import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;

/**
 * Reads one sensor. {@link #read} blocks on the hardware (it runs on the driver dispatcher, never
 * on an actor thread) and returns the raw value in the sensor's unit, or throws with a message that
 * says what went wrong; it must never invent a value.
 */
public interface SensorDriver extends AutoCloseable {

  double read() throws Exception;

  /**
   * Sends one calibration point to the probe (blocking, like {@link #read}) and returns what the
   * probe holds afterwards. Only called with a point from its factory's {@link
   * SensorDriverFactory#calibrationPoints}, checked for range.
   */
  default ProbeState calibrate(CalibrationPoint point, double value) throws Exception {
    throw new DriverException("this driver cannot calibrate");
  }

  /**
   * The liquid's temperature in °C for the readings that follow, when the factory says it {@link
   * SensorDriverFactory#compensatesTemperature}; NaN when none is known (the probe's own default
   * applies).
   */
  default void compensate(double celsius) {}

  @Override
  default void close() throws java.io.IOException {}
}
