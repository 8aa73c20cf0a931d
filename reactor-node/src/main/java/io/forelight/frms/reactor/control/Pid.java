package io.forelight.frms.reactor.control;

/**
 * A PID controller in parallel form, stepped at a fixed period: {@code output = kp·e + Σ ki·e·dt −
 * kd·dPV/dt}. The derivative acts on the measurement (a setpoint step gives no kick) through a
 * first-order filter; the integral is kept in output units (a change of gains does not bump the
 * output), stops growing while the output is saturated in the error's direction and is clamped to
 * the output range (no windup); the output is clamped. {@link #track} makes the next step start
 * from a given output, for a bumpless switch from manual to auto. One instance per loop, used by
 * one actor.
 */
public final class Pid {

  private double integral;
  private double derivative;
  private double lastPv = Double.NaN;
  private double tracked = Double.NaN;

  /** One step: the setpoint, the measured value, seconds since the previous step. */
  public Terms step(
      double setpoint, double pv, double dtSeconds, Gains gains, double min, double max) {
    double error = setpoint - pv;
    double p = gains.kp() * error;
    if (!Double.isNaN(lastPv) && dtSeconds > 0) {
      double raw = -gains.kd() * (pv - lastPv) / dtSeconds;
      derivative += (raw - derivative) * dtSeconds / (gains.derivativeFilterSeconds() + dtSeconds);
    }
    lastPv = pv;
    if (!Double.isNaN(tracked)) {
      integral = tracked - p - derivative;
      tracked = Double.NaN;
    } else {
      double unsaturated = p + integral + derivative;
      boolean pushingPastMax = unsaturated >= max && error > 0;
      boolean pushingPastMin = unsaturated <= min && error < 0;
      if (!pushingPastMax && !pushingPastMin) {
        integral += gains.ki() * error * dtSeconds;
      }
    }
    integral = clamp(integral, min, max);
    double output = clamp(p + integral + derivative, min, max);
    return new Terms(p, integral, derivative, output);
  }

  /** The next step starts from this output (bumpless transfer from manual or off). */
  public void track(double output) {
    tracked = output;
  }

  /** Forgets the history (after the input was stale: its last value says nothing now). */
  public void reset() {
    integral = 0;
    derivative = 0;
    lastPv = Double.NaN;
  }

  static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
