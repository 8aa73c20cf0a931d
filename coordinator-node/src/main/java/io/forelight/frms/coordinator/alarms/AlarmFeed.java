package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.ops.ReactorLinkMBean;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Hands each batch of stored readings to the alarm entities of the rules that watch them: for each
 * rule covering the reactor (all reactors, or those of the rule's group) whose sensor is in the
 * batch, one message with that sensor's readings. Called by the SensorLog after each commit, on the
 * node holding it; never blocks. Also, every few seconds ({@link #tick}), the measures of the links
 * a node hosts to the rules that watch links, and the time to stale rules.
 */
public final class AlarmFeed {

  private final AlarmRules rules;
  private final ClusterSharding sharding;
  private final Function<String, Set<String>> groupsOf;
  private final Set<String> watched; // the sensors some rule watches

  /** {@code groupsOf}: the groups a reactor is in now (fleet file and stored groups). */
  public AlarmFeed(
      AlarmRules rules, ClusterSharding sharding, Function<String, Set<String>> groupsOf) {
    this.rules = rules;
    this.sharding = sharding;
    this.groupsOf = groupsOf;
    this.watched =
        rules.all().stream()
            .filter(r -> !r.kind().ofLink())
            .map(AlarmRule::sensorId)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Every few seconds on each node, for the reactors whose links it hosts: the link's measures to
   * the link rules (down time, lag, backlog, clock offset, quarantined sensors) and the time to the
   * stale rules.
   */
  public void tick(List<ReactorLinkMBean> links, long nowMillis) {
    for (ReactorLinkMBean link : links) {
      String reactorId = link.getReactorId();
      Set<String> groups = null;
      for (AlarmRule rule : rules.all()) {
        if (!rule.kind().ofLink() && rule.kind() != AlarmRule.Kind.STALE) {
          continue;
        }
        if (!rule.group().isEmpty()) {
          groups = groups == null ? groupsOf.apply(reactorId) : groups;
          if (!rule.covers(groups)) {
            continue;
          }
        }
        Alarm.Command command =
            rule.kind() == AlarmRule.Kind.STALE
                ? new Alarm.Tick(nowMillis * 1000)
                : new Alarm.Evaluate(
                    List.of(
                        new Sample(
                            nowMillis,
                            nowMillis * 1000,
                            measure(rule.kind(), link, nowMillis),
                            true,
                            unit(rule.kind()))));
        sharding.entityRefFor(Alarm.ENTITY_KEY, Alarm.entityId(reactorId, rule.id())).tell(command);
      }
    }
  }

  static double measure(AlarmRule.Kind kind, ReactorLinkMBean link, long nowMillis) {
    return switch (kind) {
      case UNREACHABLE ->
          link.getState().equals("LIVE") || link.getState().equals("CATCHING_UP")
              ? 0
              : (nowMillis - java.time.Instant.parse(link.getStateSince()).toEpochMilli()) / 1000.0;
      case LAGGING -> link.getLagMillis() / 1000.0;
      case BACKLOG -> link.getBacklog();
      case CLOCK_SKEW -> Math.abs(link.getClockOffsetMillis()) / 1000.0;
      case QUARANTINE -> link.getQuarantinedSensors().length;
      default -> Double.NaN;
    };
  }

  private static String unit(AlarmRule.Kind kind) {
    return switch (kind) {
      case BACKLOG -> "readings";
      case QUARANTINE -> "sensors";
      default -> "s";
    };
  }

  public void stored(String reactorId, List<Reading> readings) {
    if (watched.isEmpty()) {
      return;
    }
    Map<String, List<Sample>> bySensor = new java.util.HashMap<>();
    for (Reading r : readings) {
      if (!watched.contains(r.sensorId())) {
        continue;
      }
      bySensor
          .computeIfAbsent(r.sensorId(), id -> new ArrayList<>())
          .add(
              new Sample(
                  r.seq(),
                  r.takenAtMicros(),
                  r.value(),
                  r.quality() != Quality.BAD && r.lost() == null && Double.isFinite(r.value()),
                  r.unit() == null ? "" : r.unit()));
    }
    Set<String> groups = null;
    for (AlarmRule rule : rules.all()) {
      List<Sample> samples = bySensor.get(rule.sensorId());
      if (samples == null) {
        continue;
      }
      if (!rule.group().isEmpty()) {
        groups = groups == null ? groupsOf.apply(reactorId) : groups;
        if (!rule.covers(groups)) {
          continue;
        }
      }
      sharding
          .entityRefFor(Alarm.ENTITY_KEY, Alarm.entityId(reactorId, rule.id()))
          .tell(new Alarm.Evaluate(samples));
    }
  }
}
