package io.forelight.frms.reactor.control;

/**
 * The dissolved-oxygen cascade: one PID output u in 0..1 is split so that the stirrer does the work
 * first and air joins only when the stirrer is at its maximum. Below {@code split} u moves the
 * stirrer from its minimum to its maximum with air at its minimum; above it the stirrer stays at
 * its maximum and u moves the air from its minimum to its maximum.
 */
public record SplitRange(
    double split, double stirrerMin, double stirrerMax, double airMin, double airMax) {

  public double stirrer(double u) {
    return stirrerMin + (stirrerMax - stirrerMin) * Pid.clamp(u / split, 0, 1);
  }

  public double air(double u) {
    return airMin + (airMax - airMin) * Pid.clamp((u - split) / (1 - split), 0, 1);
  }
}
