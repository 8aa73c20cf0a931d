package io.forelight.frms.reactor.sensor;

import java.time.Instant;

/** The reactor's wall clock in microseconds since the epoch: the time base of its readings. */
public final class Clock {

  private Clock() {}

  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
