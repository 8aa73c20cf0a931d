package io.forelight.frms.coordinator.reactor;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkEvent;
import io.forelight.frms.coordinator.link.LinkSettings;
import io.forelight.frms.coordinator.link.ReactorLink;
import io.forelight.frms.coordinator.ownership.Ownership;
import io.forelight.frms.coordinator.readings.SensorLog;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/** What a Reactor entity starts beside itself: its link, and a wake-up for its SensorLog. */
public interface LinkFactory {

  Behavior<ReactorLink.Command> link(ReactorEntry entry, ActorRef<LinkEvent> owner);

  /** Starts the reactor's SensorLog (whose history projection then catches up). */
  void wakeSensorLog(String reactorId);

  /**
   * How often a reactor in the fleet wakes its SensorLog again: well within Pekko's idle
   * passivation (2 min), so a quiet reactor (sensors paused, a long calibration) keeps its
   * SensorLog and history writer instead of their replay and recount when it speaks again.
   */
  default Duration sensorLogWakeInterval() {
    return Duration.ofSeconds(30);
  }

  /** The real one: gRPC links restarted with backoff, SensorLogs through sharding. */
  static LinkFactory of(ActorSystem<?> system, LinkSettings settings) {
    ClusterSharding sharding = ClusterSharding.get(system);
    Function<String, EntityRef<SensorLog.Command>> sensorLogs =
        id -> sharding.entityRefFor(SensorLog.ENTITY_KEY, id);
    // one strategy for every link of the node (see Backoffs)
    BackoffSupervisorStrategy backoff =
        SupervisorStrategy.restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), 0.2);
    return new LinkFactory() {
      @Override
      public Behavior<ReactorLink.Command> link(ReactorEntry entry, ActorRef<LinkEvent> owner) {
        Ownership ownership = Ownership.get(system);
        return Behaviors.supervise(
                ReactorLink.create(
                    entry,
                    settings,
                    sensorLogs,
                    owner,
                    () -> ownership.refusal(Reactor.ENTITY_KEY.name(), entry.id())))
            .onFailure(backoff);
      }

      @Override
      public void wakeSensorLog(String reactorId) {
        sensorLogs.apply(reactorId).tell(new SensorLog.GetPositions(system.ignoreRef()));
      }
    };
  }
}
