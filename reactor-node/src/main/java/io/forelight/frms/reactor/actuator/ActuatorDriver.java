package io.forelight.frms.reactor.actuator;

/**
 * Moves one actuator. {@link #set} may block on the hardware: it runs on the actuator's own thread,
 * never on a shared dispatcher. Level 0 is the safe state (off) of every driver.
 */
public interface ActuatorDriver extends AutoCloseable {

  /**
   * True if the output is only on or off (a GPIO into a relay): the actuator time-proportions a
   * level between 0 and 1 and only ever sets 0 or 1. False for PWM, which takes any level.
   */
  boolean onOff();

  /** Sets the output, 0..1; throws with a message that says what went wrong. */
  void set(double level) throws Exception;

  /** Switches the output off and releases it. */
  @Override
  default void close() {}
}
