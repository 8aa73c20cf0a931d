package io.forelight.frms.reactor.control;

import io.forelight.frms.reactor.sensor.CborSerializable;
import java.util.Optional;

/**
 * A loop's tuning: proportional gain (output per unit of error), integral gain (output per unit of
 * error per second), derivative gain (output per unit per second of change) and the derivative
 * filter's time constant in seconds.
 */
public record Gains(double kp, double ki, double kd, double derivativeFilterSeconds)
    implements CborSerializable {

  public static final double MAX_GAIN = 1e6;

  /** Why these gains cannot be used, if they cannot. */
  public Optional<String> problem() {
    if (!finiteIn(kp) || !finiteIn(ki) || !finiteIn(kd)) {
      return Optional.of(
          "gains kp, ki and kd must be numbers from 0 to " + (long) MAX_GAIN + ", got " + this);
    }
    if (!(derivativeFilterSeconds >= 0) || derivativeFilterSeconds > 3600) {
      return Optional.of("derivative filter must be 0..3600 s, got " + derivativeFilterSeconds);
    }
    return Optional.empty();
  }

  private static boolean finiteIn(double gain) {
    return gain >= 0 && gain <= MAX_GAIN;
  }

  public Gains withPid(double newKp, double newKi, double newKd) {
    return new Gains(newKp, newKi, newKd, derivativeFilterSeconds);
  }
}
