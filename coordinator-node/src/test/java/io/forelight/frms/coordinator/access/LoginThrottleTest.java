package io.forelight.frms.coordinator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private final LoginThrottle throttle =
      new LoginThrottle(
          new AccessSettings(
              "",
              "x",
              Duration.ofMinutes(30),
              Duration.ofHours(12),
              Duration.ofSeconds(2),
              Duration.ofDays(365),
              5,
              Duration.ofSeconds(1),
              Duration.ofMinutes(15)));

  @Test
  void fiveFailuresAreFreeThenEachTryWaitsTwiceAsLong() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("ada", "10.0.0.1", T0);
      assertEquals(Optional.empty(), throttle.waitFor("ada", "10.0.0.1", T0));
    }
    throttle.failed("ada", "10.0.0.1", T0);
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitFor("ada", "10.0.0.1", T0));
    throttle.failed("ada", "10.0.0.1", T0.plusSeconds(1));
    assertEquals(
        Optional.of(Duration.ofSeconds(2)), throttle.waitFor("ada", "10.0.0.1", T0.plusSeconds(1)));
    assertTrue(
        throttle.waitFor("ada", "10.0.0.1", T0.plusSeconds(3)).isEmpty(), "the wait runs out");
  }

  @Test
  void aNameIsThrottledFromEveryAddressAndAnAddressForEveryName() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("ada", "10.0.0." + i, T0);
    }
    assertTrue(throttle.waitFor("ada", "10.0.0.99", T0).isPresent(), "the name, elsewhere");
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "10.0.0.7", T0);
    }
    assertTrue(throttle.waitFor("bob", "10.0.0.7", T0).isPresent(), "the address, any name");
    assertTrue(throttle.waitFor("bob", "10.0.0.8", T0).isEmpty());
  }

  @Test
  void aSuccessClearsTheNameButNotTheAddress() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("ada", "10.0.0.1", T0);
    }
    throttle.succeeded("ada");
    assertTrue(throttle.waitFor("ada", "10.0.0.2", T0).isEmpty());
    assertTrue(throttle.waitFor("ada", "10.0.0.1", T0).isPresent());
  }

  @Test
  void theWaitIsCappedAndFailuresAreForgottenWhenQuiet() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("ada", "10.0.0.1", T0);
    }
    assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.waitFor("ada", "10.0.0.1", T0));
    throttle.failed("ada", "10.0.0.1", T0);
    assertTrue(throttle.waitFor("ada", "10.0.0.1", T0.plus(Duration.ofMinutes(31))).isEmpty());
  }

  @Test
  void remembersABoundedNumberOfNames() {
    for (int i = 0; i < LoginThrottle.MAX_KEYS + 500; i++) {
      throttle.failed("made-up-" + i, "10.0.0.1", T0);
    }
    assertTrue(throttle.waitFor("made-up-0", "10.0.0.2", T0).isEmpty(), "the oldest forgotten");
    assertTrue(throttle.waitFor("someone", "10.0.0.1", T0).isPresent(), "the address kept");
  }
}
