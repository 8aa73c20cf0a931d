package io.forelight.frms.coordinator.fleet;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.reactor.Reactor;
import java.io.File;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Which reactors exist (cluster singleton). Reads the fleet file (and the enrolled reactors),
 * re-reads it when it changes (or on {@link Reload}), and tells every known reactor's entity to be
 * alive at each keep-alive tick: after a node leaves or dies, its reactors' entities start on
 * another node within one tick. A reactor that left the file is told to stop its link at the first
 * tick that reads the file without it; so is, once after this registry starts, every reactor the
 * store has readings of that is not in the file (it may have left while the registry moved between
 * nodes). A bad file is reported and the last good fleet kept; nothing is removed because of it.
 */
public final class FleetRegistry extends AbstractBehavior<FleetRegistry.Command> {

  public sealed interface Command extends CborSerializable
      permits Tick, Reload, GetFleet, FormerReactors {}

  private enum Tick implements Command {
    INSTANCE
  }

  /** Re-read the fleet file now. */
  public record Reload(ActorRef<Fleet> replyTo) implements Command {}

  public record GetFleet(ActorRef<Fleet> replyTo) implements Command {}

  /** The reactors the store holds readings of (read once at start), or why they could not be. */
  private record FormerReactors(Set<String> ids, Throwable error) implements Command {}

  /** The fleet as last read, and the problem of the last read if it failed. */
  public record Fleet(List<ReactorEntry> reactors, String source, String problem)
      implements CborSerializable {}

  private final FleetFileWatch file;
  private final Function<String, EntityRef<Reactor.Command>> reactors;

  /** The reactors told to be alive at the last tick, and those found in the store not since. */
  private final Set<String> linked = new HashSet<>();

  private FleetRegistry(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      FleetFileWatch file,
      Duration keepAlive,
      Function<String, EntityRef<Reactor.Command>> reactors,
      Supplier<CompletionStage<Set<String>>> formerReactors) {
    super(context);
    this.file = file;
    this.reactors = reactors;
    context.pipeToSelf(formerReactors.get(), FormerReactors::new);
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, keepAlive);
  }

  /**
   * {@code formerReactors} gives the ids of every reactor the store has readings of (the fleet's
   * past as well as its present).
   */
  public static Behavior<Command> create(
      File file,
      Duration keepAlive,
      Function<String, EntityRef<Reactor.Command>> reactors,
      Supplier<CompletionStage<Set<String>>> formerReactors) {
    return create(new FleetFileWatch(file), keepAlive, reactors, formerReactors);
  }

  /** As above, with the fleet (file and enrolled reactors) this node watches. */
  public static Behavior<Command> create(
      FleetFileWatch file,
      Duration keepAlive,
      Function<String, EntityRef<Reactor.Command>> reactors,
      Supplier<CompletionStage<Set<String>>> formerReactors) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new FleetRegistry(context, timers, file, keepAlive, reactors, formerReactors)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, tick -> onTick())
        .onMessage(Reload.class, this::onReload)
        .onMessage(GetFleet.class, this::onGetFleet)
        .onMessage(FormerReactors.class, this::onFormerReactors)
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

  private Behavior<Command> onFormerReactors(FormerReactors former) {
    if (former.error() != null) {
      getContext()
          .getLog()
          .warn(
              "fleet: could not list the reactors the store holds readings of ({}); a reactor"
                  + " removed from the fleet while this registry started keeps its link until"
                  + " this node restarts",
              former.error().toString());
    } else {
      linked.addAll(former.ids());
    }
    return this;
  }

  private void ensureAll(Fleet fleet) {
    Set<String> ids = new HashSet<>();
    for (ReactorEntry entry : fleet.reactors()) {
      ids.add(entry.id());
      reactors.apply(entry.id()).tell(new Reactor.Ensure(entry));
    }
    if (!fleet.problem().isEmpty()) {
      return;
    }
    for (String id : linked) {
      if (!ids.contains(id)) {
        getContext().getLog().info("fleet: reactor {} is no longer in {}", id, fleet.source());
        reactors.apply(id).tell(new Reactor.Remove());
      }
    }
    linked.clear();
    linked.addAll(ids);
  }
}
