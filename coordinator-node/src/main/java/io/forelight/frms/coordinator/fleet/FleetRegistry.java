package io.forelight.frms.coordinator.fleet;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.reactor.Reactor;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Which reactors exist (cluster singleton). Reads the fleet file, re-reads it when it changes (or
 * on {@link Reload}), and tells every known reactor's entity to be alive at each keep-alive tick:
 * after a node leaves or dies, its reactors' entities start on another node within one tick. A bad
 * file is reported and the last good fleet kept.
 */
public final class FleetRegistry extends AbstractBehavior<FleetRegistry.Command> {

  public sealed interface Command extends CborSerializable permits Tick, Reload, GetFleet {}

  private enum Tick implements Command {
    INSTANCE
  }

  /** Re-read the fleet file now. */
  public record Reload(ActorRef<Fleet> replyTo) implements Command {}

  public record GetFleet(ActorRef<Fleet> replyTo) implements Command {}

  /** The fleet as last read, and the problem of the last read if it failed. */
  public record Fleet(List<ReactorEntry> reactors, String source, String problem)
      implements CborSerializable {}

  private final FleetFileWatch file;
  private final Function<String, EntityRef<Reactor.Command>> reactors;

  private FleetRegistry(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      File file,
      Duration keepAlive,
      Function<String, EntityRef<Reactor.Command>> reactors) {
    super(context);
    this.file = new FleetFileWatch(file);
    this.reactors = reactors;
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, keepAlive);
  }

  public static Behavior<Command> create(
      File file, Duration keepAlive, Function<String, EntityRef<Reactor.Command>> reactors) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new FleetRegistry(context, timers, file, keepAlive, reactors)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, tick -> onTick())
        .onMessage(Reload.class, this::onReload)
        .onMessage(GetFleet.class, this::onGetFleet)
        .build();
  }

  private Behavior<Command> onTick() {
    ensureAll(file.current());
    return this;
  }

  private Behavior<Command> onReload(Reload reload) {
    Fleet fleet = file.reload();
    reload.replyTo().tell(fleet);
    ensureAll(fleet);
    return this;
  }

  private Behavior<Command> onGetFleet(GetFleet get) {
    get.replyTo().tell(file.current());
    return this;
  }

  private void ensureAll(Fleet fleet) {
    for (ReactorEntry entry : fleet.reactors()) {
      reactors.apply(entry.id()).tell(new Reactor.Ensure(entry));
    }
  }
}
