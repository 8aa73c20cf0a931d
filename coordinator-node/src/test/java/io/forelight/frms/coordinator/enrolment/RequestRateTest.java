package io.forelight.frms.coordinator.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Enrolment requests per address: a few pass, the rest wait for the window's end. */
class RequestRateTest {

  @Test
  void anAddressSendsAtMostSoManyPerWindowAndOthersAreNotHeldUp() {
    RequestRate rate = new RequestRate(3, Duration.ofMinutes(1));
    Instant start = Instant.parse("2026-12-03T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      assertTrue(rate.admit("10.0.0.9", start.plusSeconds(i)).isEmpty());
    }
    assertEquals(
        Optional.of(Duration.ofSeconds(50)), rate.admit("10.0.0.9", start.plusSeconds(10)));
    assertTrue(rate.admit("10.0.0.10", start.plusSeconds(10)).isEmpty(), "another address");
    assertTrue(rate.admit("10.0.0.9", start.plusSeconds(61)).isEmpty(), "a new window");
  }

  @Test
  void forgetsTheLeastRecentAddressesBeyondItsBound() {
    RequestRate rate = new RequestRate(1, Duration.ofMinutes(1));
    Instant now = Instant.now();
    assertTrue(rate.admit("first", now).isEmpty());
    for (int i = 0; i < RequestRate.MAX_ADDRESSES; i++) {
      rate.admit("a-" + i, now);
    }
    assertTrue(rate.admit("first", now).isEmpty(), "forgotten, so counted afresh");
  }
}
