package io.forelight.frms.reactor.sensor;

import java.time.Duration;
import java.time.Instant;

/**
 * The reactor's wall clock in microseconds since the epoch: the time base of its readings. A
 * simulated reactor can run with its clock shifted ({@code frms.reactor.simulation.clock-offset})
 * to exercise clock skew; a real board leaves it at zero and keeps its clock with NTP.
 */
public final class Clock {

  private static volatile long offsetMicros;

  private Clock() {}

  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 + offsetMicros;
  }

  /** Shifts this process's reactor clock; set once at start. */
  public static void setOffset(Duration offset) {
    offsetMicros = offset.toNanos() / 1_000;
  }
}
