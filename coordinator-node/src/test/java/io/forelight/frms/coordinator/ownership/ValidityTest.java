package io.forelight.frms.coordinator.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a lease holder may act: both clocks within the trusted time; timings that cannot work. */
class ValidityTest {

  private static final class Clocks implements Validity.Clocks {
    long nanos = 1_000_000_000L;
    long millis = 1_700_000_000_000L;

    @Override
    public long monotonicNanos() {
      return nanos;
    }

    @Override
    public long wallMillis() {
      return millis;
    }

    void advance(long monotonicMillis, long wallMillis) {
      nanos += monotonicMillis * 1_000_000;
      millis += wallMillis;
    }
  }

  @Test
  void trustedUntilTheTrustedTimeAfterTheRenewalWasSent() {
    Clocks clocks = new Clocks();
    Validity validity = new Validity(Duration.ofSeconds(7), clocks);
    assertFalse(validity.valid(), "not held before it was taken");
    validity.renewed(Validity.Sent.now(clocks));
    clocks.advance(6_999, 6_999);
    assertTrue(validity.valid());
    clocks.advance(1, 1);
    assertFalse(validity.valid(), "7 s after the renewal was sent");
  }

  @Test
  void aWallClockSetForwardAfterAFrozenVmEndsTrustEvenIfTheMonotonicClockDidNotCount() {
    Clocks clocks = new Clocks();
    Validity validity = new Validity(Duration.ofSeconds(7), clocks);
    validity.renewed(Validity.Sent.now(clocks));
    clocks.advance(100, 60_000);
    assertFalse(validity.valid());
  }

  @Test
  void anOlderRenewalArrivingLateDoesNotMoveTrustBack() {
    Clocks clocks = new Clocks();
    Validity validity = new Validity(Duration.ofSeconds(7), clocks);
    Validity.Sent older = Validity.Sent.now(clocks);
    clocks.advance(2_000, 2_000);
    validity.renewed(Validity.Sent.now(clocks));
    validity.renewed(older);
    clocks.advance(6_000, 6_000);
    assertTrue(validity.valid(), "trusted from the newer renewal");
    assertEquals(Duration.ofSeconds(6), validity.sinceRenewal());
  }

  @Test
  void timingsThatCannotWorkAreRefusedNamingTheKey() {
    String base =
        "heartbeat-timeout = 10s, safety-margin = 3s, lease-operation-timeout = 3s,"
            + " acquire-retry-interval = 500ms, release-check-interval = 500ms, ";
    LeaseTiming ok =
        LeaseTiming.fromConfig(ConfigFactory.parseString(base + "heartbeat-interval = 2s"), "l");
    assertEquals(Duration.ofSeconds(7), ok.trusted());
    LeaseTiming.Problem slowHeartbeat =
        assertThrows(
            LeaseTiming.Problem.class,
            () ->
                LeaseTiming.fromConfig(
                    ConfigFactory.parseString(base + "heartbeat-interval = 4s"), "l"));
    assertTrue(slowHeartbeat.getMessage().startsWith("l.heartbeat-interval"));
    LeaseTiming.Problem fractional =
        assertThrows(
            LeaseTiming.Problem.class,
            () ->
                LeaseTiming.fromConfig(
                    ConfigFactory.parseString(
                        base.replace("10s", "2500ms") + "heartbeat-interval = 200ms"),
                    "l"));
    assertTrue(fractional.getMessage().startsWith("l.heartbeat-timeout"));
  }
}
