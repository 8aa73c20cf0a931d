package io.forelight.frms.coordinator.reactor;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkSettings;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.link.ReactorLink;
import io.forelight.frms.coordinator.readings.SensorLog;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * What the coordinator knows of one reactor (sharded, event-sourced in Cassandra): its fleet entry
 * (address, groups). It supervises the {@link ReactorLink} to that reactor: started once the entry
 * is known, replaced when the address changes, restarted with backoff if it fails.
 */
public final class Reactor
    extends EventSourcedBehaviorWithEnforcedReplies<Reactor.Command, Reactor.Event, Reactor.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Reactor");

  public sealed interface Command extends CborSerializable permits Ensure, GetLinkState {}

  /** Sent by the fleet registry at every keep-alive: be alive, with this entry. */
  public record Ensure(ReactorEntry entry) implements Command {}

  public record GetLinkState(ActorRef<LinkState> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable permits Registered {}

  /** The fleet entry was first seen, or changed (address or groups). */
  public record Registered(ReactorEntry entry, long atMillis) implements Event {}

  public record State(ReactorEntry entry) implements CborSerializable {}

  private final ActorContext<Command> context;
  private final String reactorId;
  private final LinkSettings linkSettings;
  private final Function<String, EntityRef<SensorLog.Command>> sensorLogs;
  private ActorRef<ReactorLink.Command> link;
  private ReactorEntry linkEntry;
  private int linkIncarnation;

  private Reactor(
      ActorContext<Command> context,
      String reactorId,
      LinkSettings linkSettings,
      Function<String, EntityRef<SensorLog.Command>> sensorLogs) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), reactorId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2));
    this.context = context;
    this.reactorId = reactorId;
    this.linkSettings = linkSettings;
    this.sensorLogs = sensorLogs;
  }

  public static Behavior<Command> create(
      String reactorId,
      LinkSettings linkSettings,
      Function<String, EntityRef<SensorLog.Command>> sensorLogs) {
    return Behaviors.setup(context -> new Reactor(context, reactorId, linkSettings, sensorLogs));
  }

  public static void init(
      org.apache.pekko.actor.typed.ActorSystem<?> system, LinkSettings linkSettings) {
    ClusterSharding sharding = ClusterSharding.get(system);
    Function<String, EntityRef<SensorLog.Command>> sensorLogs =
        id -> sharding.entityRefFor(SensorLog.ENTITY_KEY, id);
    sharding.init(
        Entity.of(ENTITY_KEY, entity -> create(entity.getEntityId(), linkSettings, sensorLogs)));
  }

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              // Wakes the SensorLog, whose history projection then catches up even while the
              // reactor is offline.
              sensorLogs
                  .apply(reactorId)
                  .tell(new SensorLog.GetPositions(context.getSystem().ignoreRef()));
              ensureLink(state);
            })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Ensure.class, this::onEnsure)
        .onCommand(GetLinkState.class, this::onGetLinkState)
        .build();
  }

  private ReplyEffect<Event, State> onEnsure(State state, Ensure ensure) {
    if (ensure.entry().equals(state.entry())) {
      ensureLink(state);
      return Effect().noReply();
    }
    return Effect()
        .persist(new Registered(ensure.entry(), System.currentTimeMillis()))
        .thenRun(this::ensureLink)
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onGetLinkState(State state, GetLinkState get) {
    if (link == null) {
      String address = state.entry() == null ? "" : state.entry().address();
      return Effect()
          .reply(
              get.replyTo(),
              new LinkState(
                  reactorId, address, LinkState.Status.CONNECTING, 0, 0, 0, 0, 0, "no link yet"));
    }
    link.tell(new ReactorLink.GetState(get.replyTo()));
    return Effect().noReply();
  }

  private void ensureLink(State state) {
    if (state.entry() == null || state.entry().equals(linkEntry)) {
      return;
    }
    if (link != null) {
      context.stop(link);
    }
    linkIncarnation++;
    linkEntry = state.entry();
    link =
        context.spawn(
            Behaviors.supervise(ReactorLink.create(linkEntry, linkSettings, sensorLogs))
                .onFailure(
                    SupervisorStrategy.restartWithBackoff(
                        linkSettings.minBackoff(), linkSettings.maxBackoff(), 0.2)),
            "link-" + linkIncarnation);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, (state, e) -> new State(e.entry()))
        .build();
  }
}
