package io.forelight.frms.reactor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.forelight.frms.reactor.control.LoopSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How finely the node's timers fire (sampling, control loops, actuator pulses): each fires at most
 * this late. The timer thread wakes once per resolution whether or not a timer is due, so on a
 * small board a coarser one is the cheapest saving there is (bench reactor-footprint: 10 ms cost
 * 0.9 % of a core here, 50 ms 0.2 %). {@code auto} takes a twentieth of the shortest sensor
 * interval, loop period or actuator minimum pulse configured, between 10 and 50 ms, so nothing
 * timed is more than 5 % late. No sensor can sample more often than once per resolution: intervals
 * set at run time shorter than it are refused.
 */
public final class TimerResolution {

  public static final String KEY = ReactorSettings.ROOT + ".sampling.timer-resolution";
  static final Duration FINEST = Duration.ofMillis(10);
  static final Duration COARSEST = Duration.ofMillis(50);
  private static final Duration MIN = Duration.ofMillis(1);
  private static final Duration MAX = Duration.ofSeconds(1);

  private TimerResolution() {}

  /**
   * The resolution that {@code sampling}'s {@code timer-resolution} ("auto" or a duration) gives
   * for what the node times.
   */
  static Duration of(
      Config sampling,
      List<SensorSpec> sensors,
      List<LoopSpec> loops,
      List<ActuatorSpec> actuators) {
    Stream<Duration> timed =
        Stream.of(
                sensors.stream().map(SensorSpec::interval),
                loops.stream().map(LoopSpec::period),
                actuators.stream().map(a -> a.limits().minPulse()))
            .flatMap(s -> s);
    Duration shortest = timed.min(Duration::compareTo).orElse(MAX);
    if (sampling.getString("timer-resolution").equals("auto")) {
      Duration twentieth = shortest.dividedBy(20);
      return twentieth.compareTo(FINEST) < 0
          ? FINEST
          : twentieth.compareTo(COARSEST) > 0 ? COARSEST : twentieth;
    }
    Duration set = sampling.getDuration("timer-resolution");
    if (set.compareTo(MIN) < 0 || set.compareTo(MAX) > 0) {
      throw new ConfigProblem(KEY, set.toMillis() + "ms", "must be auto or between 1ms and 1s");
    }
    if (shortest.compareTo(set) < 0) {
      throw new ConfigProblem(
          KEY,
          set.toMillis() + "ms",
          "must be auto or at most the shortest sensor interval, loop period or actuator"
              + " min-pulse configured ("
              + shortest.toMillis()
              + " ms)");
    }
    return set;
  }

  /** {@code config} with the actor system's timer tick set to {@code resolution}. */
  public static Config applyTo(Config config, Duration resolution) {
    return config.withValue(
        "pekko.scheduler.tick-duration",
        ConfigValueFactory.fromAnyRef(resolution.toMillis() + "ms"));
  }

  /** Why a sensor cannot sample every {@code interval} on a node of {@code resolution}, if so. */
  public static Optional<String> problemWith(Duration interval, Duration resolution) {
    if (interval.compareTo(resolution) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "interval "
            + interval.toMillis()
            + " ms is shorter than this node's timer resolution ("
            + resolution.toMillis()
            + " ms, "
            + KEY
            + "; auto picks it from the intervals in the node's config): set it to "
            + interval.toMillis()
            + "ms or less there to sample this fast");
  }
}
