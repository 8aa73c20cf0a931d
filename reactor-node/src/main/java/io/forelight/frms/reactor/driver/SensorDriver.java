package io.forelight.frms.reactor.driver;

/**
 * Reads one sensor. {@link #read} blocks on the hardware (it runs on the driver dispatcher, never
 * on an actor thread) and returns the raw value in the sensor's unit, or throws with a message that
 * says what went wrong; it must never invent a value.
 */
public interface SensorDriver extends AutoCloseable {

  double read() throws Exception;

  @Override
  default void close() throws java.io.IOException {}
}
