package io.forelight.frms.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Overload is a queue, never a collapse: the fleet offers the maximum sustained ingest ({@code
 * --max}, else found by the ingest bench's ramp), then {@code --factor} times it for {@code
 * --overload-seconds}, then drops to half of the maximum until the backlog left on the reactors has
 * drained. The stored rate is recorded per 10 s window and drawn ({@code overload.svg} beside the
 * report). Three hosts of the light generator: two of half the maximum each, and the surplus
 * (connected from the start, sampling from the overload on); the load drops by pausing the second
 * and the surplus host (their links go on draining their logs). The generator shares the machine's
 * cores with the coordinator and Cassandra, so the report gives each one's cores per phase. With
 * {@code --surplus-warm-up N} the surplus host samples for N seconds before the baseline (then
 * pauses until the backlog drained), so the overload is reactors of the fleet sampling more rather
 * than new reactors storing for the first time.
 */
final class OverloadBench {

  private OverloadBench() {}

  static void run(Bench.Options options) throws Exception {
    int sensors = options.integer("sensors", 8);
    String interval = options.string("interval", "100ms");
    double factor = options.decimal("factor", 2);
    int overloadSeconds = options.integer("overload-seconds", 300);
    int baselineSeconds = options.integer("baseline-seconds", 60);
    int drainSeconds = options.integer("max-drain-seconds", 900);
    int warmUp = options.integer("warm-up", 20);
    double perReactor = sensors * 1000.0 / IngestBench.parseMillis(interval);
    if (!BenchFleet.samplingOf(options).equals("direct")) {
      throw new IllegalArgumentException("the overload bench needs --sampling direct");
    }
    try (BenchFleet fleet = new BenchFleet(options, "1g")) {
      double max;
      if (options.values().containsKey("max")) {
        max = options.decimal("max", 0);
      } else {
        max =
            IngestBench.ramp(
                    fleet,
                    options.integer("step", 25),
                    options.integer("max-steps", 12),
                    sensors,
                    interval,
                    options.integer("hold", 60),
                    warmUp,
                    new ArrayList<>())
                .logged();
        fleet.removeHosts();
      }
      int atMax = (int) Math.round(max / perReactor);
      int surplus = (int) Math.round((factor - 1) * atMax);
      System.out.printf(
          "maximum %,.0f readings/s: %d reactors, then %d more%n", max, atMax, surplus);
      BenchFleet.Host steady = fleet.addHost(atMax / 2, sensors, interval, false);
      BenchFleet.Host dropped = fleet.addHost(atMax - atMax / 2, sensors, interval, false);
      IngestBench.settle(fleet, warmUp, atMax * perReactor);

      // the surplus reactors connect first and then start sampling: on one machine, starting a
      // host of a few hundred reactors would otherwise be part of what the window measures
      BenchFleet.Host extra = fleet.addPausedHost(surplus, sensors, interval);
      int surplusWarmUp = options.integer("surplus-warm-up", 0);
      if (surplusWarmUp > 0) {
        // reactors already of the fleet (their entities up, their first readings stored) that
        // then sample more, rather than new reactors storing for the first time at the overload
        fleet.pauseSampling(extra, false);
        Thread.sleep(surplusWarmUp * 1000L);
        fleet.pauseSampling(extra, true);
        IngestBench.settle(fleet, warmUp, atMax * perReactor);
      }
      RateTimeline timeline = new RateTimeline(fleet, 10);
      List<RateTimeline.Window> baseline =
          timeline.run("at the maximum", atMax * perReactor, baselineSeconds);
      fleet.pauseSampling(extra, false);
      double offered = (atMax + surplus) * perReactor;
      List<RateTimeline.Window> overload =
          timeline.run(String.format("%.1fx the maximum", factor), offered, overloadSeconds);
      fleet.pauseSampling(dropped, true);
      fleet.pauseSampling(extra, true);
      double half = steady.reactors().size() * perReactor;
      List<RateTimeline.Window> drain =
          timeline.runUntilDrained(
              "dropped to half", half, (long) (2 * atMax * perReactor), drainSeconds);

      Path results = Path.of(options.string("results", "bench/results"));
      Files.createDirectories(results);
      String title =
          String.format(
              "Overload: %,.0f readings/s offered to one coordinator (%.1fx its maximum) for %d s",
              offered, factor, overloadSeconds);
      RatePlot.write(
          results.resolve("overload.svg"),
          title,
          timeline.windows(),
          0.9 * max,
          "90 % of the maximum");
      report(options, max, offered, surplusWarmUp, baseline, overload, drain, fleet, timeline);
    }
  }

  private static void report(
      Bench.Options options,
      double max,
      double offered,
      int surplusWarmUp,
      List<RateTimeline.Window> baseline,
      List<RateTimeline.Window> overload,
      List<RateTimeline.Window> drain,
      BenchFleet fleet,
      RateTimeline timeline)
      throws Exception {
    double minStored = overload.stream().mapToDouble(RateTimeline.Window::stored).min().orElse(0);
    double meanStored =
        overload.stream().mapToDouble(RateTimeline.Window::stored).average().orElse(0);
    long windowsBelow = overload.stream().filter(w -> w.stored() < 0.9 * max).count();
    RateTimeline.Window drained = drain.get(drain.size() - 1);
    double drainSeconds = drained.endSeconds() - overload.get(overload.size() - 1).endSeconds();
    long backlogPeak = overload.get(overload.size() - 1).backlog();
    double drainRate = drain.stream().mapToDouble(w -> w.stored() - w.logged()).average().orElse(0);
    Report report =
        new Report(
            "overload",
            "Overload: one coordinator offered "
                + Math.round(offered)
                + " readings/s, light generator on the same machine");
    report
        .add("cores", fleet.cores(), "")
        .add("maximum sustained ingest (given or measured by the ramp)", max, "readings/s")
        .add(
            "stored at the maximum (mean of " + baseline.size() + " windows)",
            baseline.stream().mapToDouble(RateTimeline.Window::stored).average().orElse(0),
            "readings/s")
        .add("offered during the overload", offered, "readings/s")
        .add(
            "the surplus reactors sampled before the baseline (0: they first store at the"
                + " overload)",
            surplusWarmUp,
            "s")
        .add("stored during the overload: lowest 10 s window", minStored, "readings/s")
        .add("stored during the overload: mean", meanStored, "readings/s")
        .add("lowest window / maximum", 100 * minStored / max, "%")
        .add(
            "overload windows below 90 % of the maximum",
            windowsBelow + " of " + overload.size(), "windows")
        .add("backlog on the reactors when the load dropped", backlogPeak, "readings")
        .add("drain rate after the load dropped (stored - logged)", drainRate, "readings/s")
        .add(
            "backlog left at the end of the drain (" + Math.round(drainSeconds) + " s)",
            drained.backlog(),
            "readings")
        .add(
            "links up: lowest during the overload",
            overload.stream().mapToLong(RateTimeline.Window::linksUp).min().orElse(0)
                + " of "
                + fleet.reactors.size(),
            "links")
        .add("plot", "overload.svg", "");
    phaseCosts(report, "at the maximum", baseline);
    phaseCosts(report, "during the overload", overload);
    phaseCosts(report, "while draining", drain);
    for (RateTimeline.Window w : timeline.windows()) {
      report.add(
          String.format(
              "%4.0f s %s: offered %.0f, logged %.0f, backlog %d, links up %d, writes waiting %d",
              w.endSeconds(),
              w.phase(),
              w.offered(),
              w.logged(),
              w.backlog(),
              w.linksUp(),
              w.writesWaiting()),
          w.stored(),
          "readings/s stored");
    }
    report.publish(options);
  }

  /** Mean cores used in a phase, and the coordinator's CPU per stored reading. */
  private static void phaseCosts(Report report, String phase, List<RateTimeline.Window> windows) {
    double coordinator =
        windows.stream().mapToDouble(w -> w.cores().coordinator()).average().orElse(0);
    double hosts = windows.stream().mapToDouble(w -> w.cores().hosts()).average().orElse(0);
    double cassandra = windows.stream().mapToDouble(w -> w.cores().cassandra()).average().orElse(0);
    double stored = windows.stream().mapToDouble(RateTimeline.Window::stored).average().orElse(0);
    report
        .add(
            "cores " + phase + ": coordinator / reactor hosts / Cassandra",
            new BenchFleet.CpuUse(coordinator, hosts, cassandra).split(),
            "cores")
        .add(
            "CPU per stored reading " + phase + ": coordinator / Cassandra",
            String.format("%.0f / %.0f", 1e6 * coordinator / stored, 1e6 * cassandra / stored),
            "µs");
  }
}
