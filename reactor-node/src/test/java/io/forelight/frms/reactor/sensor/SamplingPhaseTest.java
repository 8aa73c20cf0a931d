package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Where in its interval a sensor samples: a whole multiple of it, shifted by its reactor's phase.
 */
class SamplingPhaseTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void withoutAPhaseASensorSamplesAtWholeMultiplesOfItsInterval() {
    assertEquals(Duration.ofMillis(750), Sampler.untilAligned(SECOND, 0, 10_250));
    assertEquals(SECOND, Sampler.untilAligned(SECOND, 0, 10_000));
  }

  @Test
  void aPhaseShiftsTheInstantWithinTheInterval() {
    assertEquals(Duration.ofMillis(50), Sampler.untilAligned(SECOND, 300, 10_250));
    assertEquals(Duration.ofMillis(1000), Sampler.untilAligned(SECOND, 300, 10_300));
    assertEquals(Duration.ofMillis(350), Sampler.untilAligned(SECOND, 1_300, 10_950));
    assertEquals(Duration.ofMillis(50), Sampler.untilAligned(SECOND, -700, 10_250));
  }

  @Test
  void aSlowerSensorsInstantsAreAmongAFasterOnesOfTheSameReactor() {
    long phaseKey = 7_654_321_987L;
    Duration tenSeconds = Duration.ofSeconds(10);
    for (long now = 0; now < 20_000; now += 137) {
      long slow = now + Sampler.untilAligned(tenSeconds, phaseKey, now).toMillis();
      long fast = now + Sampler.untilAligned(SECOND, phaseKey, now).toMillis();
      assertEquals(0, Math.floorMod(slow - fast, 1000), "at " + now);
      assertTrue(slow > now && fast > now);
    }
  }
}
