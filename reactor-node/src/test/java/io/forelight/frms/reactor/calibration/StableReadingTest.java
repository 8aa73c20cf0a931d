package io.forelight.frms.reactor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StableReadingTest {

  private static final long S = 1_000_000L;
  private static final Duration TEN_S = Duration.ofSeconds(10);

  @Test
  void stableOnlyOnceAWholeWindowStaysWithinTheBand() {
    StableReading probe = new StableReading();
    for (int s = 0; s < 10; s++) {
      probe.add(s * S, 7.20 - s * 0.02); // still drifting towards 7.00
    }
    assertFalse(probe.judge(0.02, TEN_S, 10 * S).stable());
    for (int s = 10; s < 21; s++) {
      probe.add(s * S, 7.00 + (s % 2) * 0.01);
    }
    StableReading.Verdict settled = probe.judge(0.02, TEN_S, 21 * S);
    assertTrue(settled.stable(), settled.text());
    assertEquals(7.005, settled.mean(), 0.002);
    assertTrue(settled.text().startsWith("stable: 10 readings over the last 10 s"), settled.text());
    probe.add(22 * S, 7.05);
    assertFalse(probe.judge(0.02, TEN_S, 22 * S).stable(), "a jump beyond the band unsettles it");
    assertTrue(
        probe.judge(0.1, TEN_S, 22 * S).stable(), "the same readings judged with a wider band");
  }

  @Test
  void notStableBeforeTheWindowIsCoveredNorWithoutRecentReadings() {
    StableReading probe = new StableReading();
    probe.add(0, 7.0);
    probe.add(S, 7.0);
    assertFalse(probe.judge(0.1, Duration.ofSeconds(30), 2 * S).stable());
    StableReading.Verdict silent = probe.judge(0.1, Duration.ofSeconds(30), 100 * S);
    assertFalse(silent.stable(), "readings older than the window do not count");
    assertEquals("settling: no usable reading in the last 30 s", silent.text());
  }

  @Test
  void keepsABoundedWindow() {
    StableReading probe = new StableReading();
    for (int s = 0; s < 5000; s++) {
      probe.add(s * S / 10, 1.0);
    }
    assertEquals(
        StableReading.MAX_READINGS, probe.judge(1, StableReading.KEPT, 5000 * S / 10).readings());
  }
}
