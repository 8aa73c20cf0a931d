package io.forelight.frms.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one measurement window at a steady load showed: readings the reactors logged and the
 * coordinator stored per second, how the backlog (logged minus stored) moved, and the latency from
 * the reactor's timestamp to the commit in Cassandra over the window.
 */
record LoadWindow(
    int reactors,
    double configured,
    double logged,
    double stored,
    long backlogAtStart,
    long backlogAtEnd,
    double seconds,
    double p50Millis,
    double p99Millis,
    double maxMillis,
    BenchFleet.CpuUse coresUsed) {

  /**
   * Held when storage kept up: nearly all that was logged got stored, and the backlog grew by less
   * than two seconds' worth of readings (what is in flight in batches at any moment).
   */
  boolean sustained() {
    return stored >= 0.97 * logged && backlogAtEnd - backlogAtStart < 2 * logged;
  }

  private static final int PROGRESS_SECONDS = 10;

  /** Runs the window: {@code seconds} of the fleet as it is, latency counted afresh. */
  static LoadWindow measure(BenchFleet fleet, double configured, int seconds) throws Exception {
    fleet.resetLatency();
    BenchFleet.CpuUse cpuBefore = fleet.cpu();
    BenchFleet.Counts before = fleet.counts();
    long start = System.nanoTime();
    List<String> p99SoFar = new ArrayList<>();
    for (int elapsed = 0; elapsed < seconds; elapsed += PROGRESS_SECONDS) {
      Thread.sleep(Math.min(PROGRESS_SECONDS, seconds - elapsed) * 1000L);
      p99SoFar.add(String.format("%,.0f", fleet.latency("P99Millis")));
    }
    // Where in the window the tail came from: a p99 that starts high and falls was the start's
    // backlog; one that jumps late, a stall in the window.
    System.out.printf(
        "  latency p99 of the window so far, every %d s: %s ms%n",
        PROGRESS_SECONDS, String.join(", ", p99SoFar));
    BenchFleet.Counts after = fleet.counts();
    double elapsed = (System.nanoTime() - start) / 1e9;
    BenchFleet.CpuUse cpu = fleet.cpu().minus(cpuBefore);
    LoadWindow window =
        new LoadWindow(
            fleet.reactors.size(),
            configured,
            (after.logged() - before.logged()) / elapsed,
            (after.stored() - before.stored()) / elapsed,
            before.backlog(),
            after.backlog(),
            elapsed,
            fleet.latency("P50Millis"),
            fleet.latency("P99Millis"),
            fleet.latency("MaxMillis"),
            cpu.per(elapsed));
    System.out.println(window.line());
    return window;
  }

  String line() {
    return String.format(
        "%5d reactors | configured %,9.0f/s | logged %,9.0f/s | stored %,9.0f/s | backlog %,d -> %,d"
            + " | latency p50 %,.0f ms p99 %,.0f ms max %,.0f ms"
            + " | cores: coordinator %.2f, reactor hosts %.2f, Cassandra %.2f | %s",
        reactors,
        configured,
        logged,
        stored,
        backlogAtStart,
        backlogAtEnd,
        p50Millis,
        p99Millis,
        maxMillis,
        coresUsed.coordinator(),
        coresUsed.hosts(),
        coresUsed.cassandra(),
        sustained() ? "held" : "NOT HELD");
  }
}
