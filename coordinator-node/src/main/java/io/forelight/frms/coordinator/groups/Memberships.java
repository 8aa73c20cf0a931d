package io.forelight.frms.coordinator.groups;

import io.forelight.frms.coordinator.fleet.FleetFileWatch;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which groups each reactor is in, as the fleet file and the stored groups say, read again every
 * few seconds so that callers on a hot path (alarm rules per stored batch) never wait for
 * Cassandra. A change of membership counts within {@link #REFRESH}.
 */
public final class Memberships {

  public static final Duration REFRESH = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(Memberships.class);

  private final FleetFileWatch fleet;
  private final GroupStore groups;
  private volatile Map<String, Set<String>> stored = Map.of();

  private Memberships(FleetFileWatch fleet, GroupStore groups) {
    this.fleet = fleet;
    this.groups = groups;
  }

  public static Memberships start(ActorSystem<?> system, FleetFileWatch fleet, GroupStore groups) {
    Memberships memberships = new Memberships(fleet, groups);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            Duration.ZERO, REFRESH, memberships::refresh, system.executionContext());
    return memberships;
  }

  /** The groups of a reactor. */
  public Set<String> of(String reactorId) {
    Set<String> all = new HashSet<>(stored.getOrDefault(reactorId, Set.of()));
    fleet.current().reactors().stream()
        .filter(entry -> entry.id().equals(reactorId))
        .map(ReactorEntry::groups)
        .forEach(all::addAll);
    return all;
  }

  private void refresh() {
    groups
        .all()
        .whenComplete(
            (all, error) -> {
              if (error != null) {
                log.debug("group memberships not read now: {}", error.toString());
                return;
              }
              Map<String, Set<String>> next = new HashMap<>();
              for (Group g : all) {
                for (String member : g.members()) {
                  next.computeIfAbsent(member, id -> new HashSet<>()).add(g.id());
                }
              }
              stored = next;
            });
  }
}
