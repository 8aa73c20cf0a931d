package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.history.HistoryWriter;
import io.forelight.frms.coordinator.ops.CoordinatorOps;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The central replica of one reactor's readings, one entity per reactor carrying each of its
 * sensors' sequences (sharded, event-sourced in Cassandra). A batch is accepted only where it
 * continues a sensor's sequence ({@link Continuity}) and is stored with one atomic write (one
 * {@link ReadingsStored} event); only the reply to that write lets the link acknowledge the
 * readings to the reactor. Keeps the latest reading of each sensor for live views.
 */
public final class SensorLog
    extends EventSourcedBehaviorWithEnforcedReplies<
        SensorLog.Command, SensorLog.Event, SensorLog.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "SensorLog");

  public sealed interface Command extends CborSerializable
      permits Append, GetPositions, GetLatest {}

  /** Store these readings (in the reactor's order) where they continue their sequences. */
  public record Append(List<Reading> readings, ActorRef<StatusReply<Appended>> replyTo)
      implements Command {}

  /**
   * The result of an append: positions after it, the sensors where a gap was found, those whose
   * re-sent last reading differs from the stored one (see {@link Continuity}), and the
   * reactor-clock time of the newest reading stored by it (0 if none).
   */
  public record Appended(
      Map<String, Long> positions,
      Map<String, Long> gaps,
      Map<String, Long> diverged,
      int accepted,
      int duplicates,
      long newestTakenAtMicros)
      implements CborSerializable {}

  public record GetPositions(ActorRef<Positions> replyTo) implements Command {}

  /** Last stored sequence number per sensor. */
  public record Positions(Map<String, Long> positions) implements CborSerializable {}

  public record GetLatest(ActorRef<Latest> replyTo) implements Command {}

  /** The latest stored reading of each sensor. */
  public record Latest(String reactorId, Map<String, Reading> readings)
      implements CborSerializable {}

  public sealed interface Event extends CborSerializable permits ReadingsStored {}

  /** One accepted batch: readings of one or more sensors, each continuing its sequence. */
  public record ReadingsStored(List<Reading> readings) implements Event {}

  public record State(Map<String, Long> positions, Map<String, Reading> latest)
      implements CborSerializable {
    static final State EMPTY = new State(Map.of(), Map.of());

    State apply(ReadingsStored stored) {
      Map<String, Long> nextPositions = new HashMap<>(positions);
      Map<String, Reading> nextLatest = new HashMap<>(latest);
      for (Reading reading : stored.readings()) {
        nextPositions.put(reading.sensorId(), reading.seq());
        nextLatest.put(reading.sensorId(), reading);
      }
      return new State(Map.copyOf(nextPositions), Map.copyOf(nextLatest));
    }
  }

  /**
   * Who hears of stored batches: the history projection (a child per entity) and live views. Unit
   * tests use {@link #NONE}.
   */
  public record Listeners(
      Function<String, Behavior<HistoryWriter.Command>> history,
      BiConsumer<String, List<Reading>> live) {
    public static final Listeners NONE = new Listeners(null, (id, readings) -> {});
  }

  private final String reactorId;
  private final ActorContext<Command> context;
  private final Listeners listeners;
  private ActorRef<HistoryWriter.Command> history;
  private int historyIncarnation;

  private SensorLog(ActorContext<Command> context, String reactorId, Listeners listeners) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), reactorId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2));
    this.context = context;
    this.reactorId = reactorId;
    this.listeners = listeners;
  }

  /**
   * Starts the history projection after every (re)start of this entity: a restart after a failed
   * write stops the children but keeps this object, so a child made once would be gone for good.
   */
  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (listeners.history() == null) {
                return;
              }
              if (history != null) {
                context.stop(history);
              }
              historyIncarnation++;
              history =
                  context.spawn(
                      Behaviors.supervise(listeners.history().apply(reactorId))
                          .onFailure(
                              SupervisorStrategy.restartWithBackoff(
                                  Duration.ofSeconds(1), Duration.ofSeconds(15), 0.2)),
                      "history-" + historyIncarnation);
            })
        .build();
  }

  public static String persistenceIdOf(String reactorId) {
    return PersistenceId.of(ENTITY_KEY.name(), reactorId).id();
  }

  public static Behavior<Command> create(String reactorId, Listeners listeners) {
    return Behaviors.withMdc(
        Command.class,
        Map.of("reactor", reactorId),
        Behaviors.setup(context -> new SensorLog(context, reactorId, listeners)));
  }

  public static void init(org.apache.pekko.actor.typed.ActorSystem<?> system, Listeners listeners) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, entity -> create(entity.getEntityId(), listeners)));
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(200, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Append.class, this::onAppend)
        .onCommand(
            GetPositions.class,
            (state, get) -> Effect().reply(get.replyTo(), new Positions(state.positions())))
        .onCommand(
            GetLatest.class,
            (state, get) -> Effect().reply(get.replyTo(), new Latest(reactorId, state.latest())))
        .build();
  }

  private ReplyEffect<Event, State> onAppend(State state, Append append) {
    Continuity.Outcome outcome =
        Continuity.check(state.positions(), state.latest(), append.readings());
    Appended appended =
        new Appended(
            outcome.positions(),
            outcome.gaps(),
            outcome.diverged(),
            outcome.accepted().size(),
            outcome.duplicates(),
            outcome.accepted().stream().mapToLong(Reading::takenAtMicros).max().orElse(0));
    if (outcome.hasGaps()) {
      context.getLog().info("reactor {}: gap in {}", reactorId, outcome.gaps());
    }
    if (!outcome.diverged().isEmpty()) {
      context
          .getLog()
          .error(
              "reactor {}: its log differs from the stored readings at {} (sensor=seq); those"
                  + " sensors' readings are refused",
              reactorId,
              outcome.diverged());
    }
    if (outcome.accepted().isEmpty()) {
      return Effect().reply(append.replyTo(), StatusReply.success(appended));
    }
    long journalSeq = lastSequenceNumber(context) + 1;
    List<Reading> accepted = outcome.accepted();
    return Effect()
        .persist(new ReadingsStored(accepted))
        .thenRun(
            after -> {
              CoordinatorOps.get(context.getSystem())
                  .committed(accepted.stream().mapToLong(Reading::takenAtMicros).toArray());
              if (history != null) {
                history.tell(new HistoryWriter.Stored(journalSeq, accepted));
              }
              listeners.live().accept(reactorId, accepted);
            })
        .thenReply(append.replyTo(), after -> StatusReply.success(appended));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ReadingsStored.class, State::apply)
        .build();
  }
}
