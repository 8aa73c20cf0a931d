package io.forelight.frms.coordinator.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IngestLatencyTest {

  @Test
  void percentilesOfKnownLatencies() {
    IngestLatency latency = new IngestLatency();
    for (int millis = 1; millis <= 100; millis++) {
      latency.record(millis * 1000L - 500); // 0.5 ms, 1.5 ms, ... 99.5 ms
    }
    assertEquals(100, latency.getReadings());
    assertEquals(50.0, latency.getP50Millis());
    assertEquals(99.0, latency.getP99Millis());
    assertEquals(99.5, latency.getMaxMillis());
  }

  @Test
  void longLatenciesAreWithinOnePercent() {
    IngestLatency latency = new IngestLatency();
    latency.record(2_000_000);
    latency.record(45_000_000);
    assertEquals(2000.0, latency.getP50Millis(), 20.0);
    assertEquals(45_000.0, latency.getP99Millis(), 450.0);
    latency.record(-5); // a reactor clock ahead of ours counts as zero, not as a huge value
    assertEquals(3, latency.getReadings());
  }

  @Test
  void resetForgetsEverything() {
    IngestLatency latency = new IngestLatency();
    latency.record(7_000);
    latency.reset();
    assertEquals(0, latency.getReadings());
    assertEquals(0.0, latency.getP99Millis());
    assertEquals(0.0, latency.getMaxMillis());
  }
}
