package io.forelight.frms.reactor.control;

import java.time.Duration;

/**
 * Turns a duty (0..1) into on and off times within a fixed cycle, for a heater behind a solid-state
 * relay: 30 % of a 10 s cycle is 3 s on, 7 s off. Pulses shorter than {@code minPulse} are not made
 * (a duty that would need one rounds to fully off or fully on), so the relay is not switched faster
 * than it and the load tolerate.
 */
public record TimeProportioning(Duration cycle, Duration minPulse) {

  /** How long to stay on at the start of the next cycle (the rest of the cycle is off). */
  public Duration onTime(double duty) {
    long cycleNanos = cycle.toNanos();
    long on = Math.round(Pid.clamp(duty, 0, 1) * cycleNanos);
    long min = minPulse.toNanos();
    if (on < min) {
      return on * 2 < min ? Duration.ZERO : minPulse;
    }
    if (cycleNanos - on < min) {
      return (cycleNanos - on) * 2 < min ? cycle : cycle.minus(minPulse);
    }
    return Duration.ofNanos(on);
  }
}
