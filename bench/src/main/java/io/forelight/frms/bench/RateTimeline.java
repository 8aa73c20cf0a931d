package io.forelight.frms.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The fleet's rates window by window ({@code windowSeconds} each) through the phases of a run:
 * readings offered (configured), logged and stored per second, the backlog on the reactors (logged
 * minus stored), the links up at each window's end, and the cores used by the coordinator, the
 * reactor hosts and Cassandra.
 */
final class RateTimeline {

  /** One window: {@code endSeconds} after the timeline started. */
  record Window(
      String phase,
      double endSeconds,
      double offered,
      double logged,
      double stored,
      long backlog,
      long linksUp,
      int writesWaiting,
      BenchFleet.CpuUse cores) {

    String line() {
      return String.format(
          "%6.0f s | %-22s | offered %,7.0f/s | logged %,7.0f/s | stored %,7.0f/s | backlog %,11d"
              + " | links up %4d | writes waiting %4d | cores %.2f / %.2f / %.2f",
          endSeconds,
          phase,
          offered,
          logged,
          stored,
          backlog,
          linksUp,
          writesWaiting,
          cores.coordinator(),
          cores.hosts(),
          cores.cassandra());
    }
  }

  private final BenchFleet fleet;
  private final LongSupplier storedSoFar;
  private final int windowSeconds;
  private final long startNanos = System.nanoTime();
  private final List<Window> windows = new ArrayList<>();
  private long lastLogged;
  private long lastStored;
  private long lastNanos;
  private BenchFleet.CpuUse lastCpu;

  /** Counts stored readings with the links' counters on the coordinators. */
  RateTimeline(BenchFleet fleet, int windowSeconds) {
    this(fleet, windowSeconds, fleet::stored);
  }

  /**
   * Counts stored readings with {@code storedSoFar} (for example, as the reactors acknowledged).
   */
  RateTimeline(BenchFleet fleet, int windowSeconds, LongSupplier storedSoFar) {
    this.fleet = fleet;
    this.storedSoFar = storedSoFar;
    this.windowSeconds = windowSeconds;
    this.lastLogged = fleet.logged();
    this.lastStored = storedSoFar.getAsLong();
    this.lastNanos = System.nanoTime();
    this.lastCpu = fleet.cpu();
  }

  /** Records windows of {@code phase} for {@code seconds}. */
  List<Window> run(String phase, double offered, int seconds) throws InterruptedException {
    List<Window> phaseWindows = new ArrayList<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      phaseWindows.add(next(phase, offered));
    }
    return phaseWindows;
  }

  /**
   * Records windows of {@code phase} until the backlog is below {@code drained} readings or {@code
   * maxSeconds} passed.
   */
  List<Window> runUntilDrained(String phase, double offered, long drained, int maxSeconds)
      throws InterruptedException {
    List<Window> phaseWindows = new ArrayList<>();
    long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
    do {
      phaseWindows.add(next(phase, offered));
    } while (phaseWindows.get(phaseWindows.size() - 1).backlog() > drained
        && System.nanoTime() < end);
    return phaseWindows;
  }

  private Window next(String phase, double offered) throws InterruptedException {
    long due = lastNanos + windowSeconds * 1_000_000_000L;
    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
    long logged = fleet.logged();
    long stored = storedSoFar.getAsLong();
    long now = System.nanoTime();
    BenchFleet.CpuUse cpu = fleet.cpu();
    double seconds = (now - lastNanos) / 1e9;
    BenchFleet.CpuUse used = cpu.minus(lastCpu);
    Window window =
        new Window(
            phase,
            (now - startNanos) / 1e9,
            offered,
            (logged - lastLogged) / seconds,
            (stored - lastStored) / seconds,
            logged - stored,
            fleet.connectedLinks(),
            fleet.writesWaiting(),
            used.per(seconds));
    lastCpu = cpu;
    lastLogged = logged;
    lastStored = stored;
    lastNanos = now;
    windows.add(window);
    System.out.println(window.line());
    return window;
  }

  List<Window> windows() {
    return List.copyOf(windows);
  }
}
