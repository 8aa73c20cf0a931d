package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockCheckTest {

  private static final long NOW = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();

  @Test
  void withinTheAllowedSkewNothingIsSaid() {
    assertNull(ClockCheck.skew(1_900, Duration.ofSeconds(2), NOW, 0));
    assertNull(ClockCheck.skew(-2_000, Duration.ofSeconds(2), NOW, 0));
  }

  @Test
  void aPiThatBootedIn1970IsNamedWithWhatItReads() {
    String skew = ClockCheck.skew(-NOW + 60_000, Duration.ofSeconds(2), NOW, 0);
    assertEquals(
        "the reactor's clock reads 1970-01-01T00:01:00Z, 20788 days behind this coordinator's"
            + " (max-clock-skew 2000 ms): its readings keep its time, each stored with the time it"
            + " was received",
        skew);
  }

  @Test
  void minutesAheadAreSaidInMinutes() {
    String skew = ClockCheck.skew(420_000, Duration.ofSeconds(2), NOW, 0);
    assertTrue(
        skew.startsWith("the reactor's clock reads 2026-12-01T12:07:00Z, 7 min ahead of this"),
        skew);
  }

  @Test
  void aSlowAnswerIsNotASkewedClock() {
    // the reactor's clock read 5 s behind the answer's arrival, but the call took 8 s: it may
    // have read its clock 4 s before the answer came, so it is off by at most ~1 s
    assertNull(ClockCheck.skew(-5_000, Duration.ofSeconds(2), NOW, 4_000));
    assertTrue(
        ClockCheck.skew(-7_000, Duration.ofSeconds(2), NOW, 4_000).contains("7.0 s behind"),
        "off by more than the allowed skew even with the round trip counted");
  }

  @Test
  void anAmountIsRoundedToItsUnit() {
    // a reactor 5 min behind, read halfway through a 200 ms call: 299.9 s
    assertTrue(
        ClockCheck.skew(-299_900, Duration.ofSeconds(2), NOW, 100).contains("5 min behind"),
        "rounded, not cut");
  }
}
