package io.forelight.frms.coordinator.readings;

import io.forelight.frms.coordinator.Backoffs;
import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.history.HistoryWriter;
import io.forelight.frms.coordinator.ops.CoordinatorOps;
import io.forelight.frms.coordinator.ownership.ColocatedShards;
import io.forelight.frms.node.Logs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
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
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;

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
      permits Append, Open, Resolve, GetPositions, GetLatest {}

  /**
   * Store these readings (in the reactor's order, from its log {@code incarnation}) where they
   * continue their sequences.
   */
  public record Append(
      String incarnation, List<Reading> readings, ActorRef<StatusReply<Appended>> replyTo)
      implements Command {

    public Append(List<Reading> readings, ActorRef<StatusReply<Appended>> replyTo) {
      this("", readings, replyTo);
    }
  }

  /**
   * The result of an append: positions after it (of sensors that may be acknowledged: not those
   * quarantined), the sensors where a gap was found or that must be asked again (the next
   * connection resumes them from what is stored), those quarantined by it with the reason, and the
   * reactor-clock time of the newest reading stored by it (0 if none).
   */
  public record Appended(
      Map<String, Long> positions,
      Map<String, Long> gaps,
      Map<String, String> quarantined,
      int accepted,
      int duplicates,
      long newestTakenAtMicros)
      implements CborSerializable {}

  /** A sensor as the reactor described it: its log incarnation and its positions there. */
  public record Origin(String incarnation, long lastSeq, long acknowledgedSeq)
      implements CborSerializable {}

  /** Where a sensor's stream resumes: after this number, in this log incarnation. */
  public record Resume(long after, String incarnation) implements CborSerializable {}

  /**
   * A link connected and the reactor described these sensors: start new sequences where its log is
   * new, quarantine sensors whose log ends before what is stored, and say where each of the others
   * resumes.
   */
  public record Open(Map<String, Origin> sensors, ActorRef<Opened> replyTo) implements Command {}

  public record Opened(
      Map<String, Resume> resume, Map<String, Quarantine> quarantined, Map<String, Track> tracks)
      implements CborSerializable {}

  /**
   * An admin's decision on a quarantined sensor: accept its log as a new sequence of readings
   * (stored beside the old one from what the reactor still holds) or keep refusing it.
   */
  public record Resolve(
      String sensorId,
      boolean accept,
      String by,
      String reason,
      ActorRef<StatusReply<Positions>> replyTo)
      implements Command {}

  public record GetPositions(ActorRef<Positions> replyTo) implements Command {}

  /**
   * Last stored sequence number per sensor, the sequence each sensor is stored in now, and the
   * quarantined sensors.
   */
  public record Positions(
      Map<String, Long> positions, Map<String, Track> tracks, Map<String, Quarantine> quarantined)
      implements CborSerializable {

    public Positions(Map<String, Long> positions) {
      this(positions, Map.of(), Map.of());
    }
  }

  public record GetLatest(ActorRef<Latest> replyTo) implements Command {}

  /** The latest stored reading of each sensor. */
  public record Latest(String reactorId, Map<String, Reading> readings)
      implements CborSerializable {}

  public sealed interface Event extends CborSerializable
      permits ReadingsStored, IncarnationStarted, SensorQuarantined, QuarantineResolved {}

  /**
   * One accepted batch: readings of one or more sensors, each continuing its sequence; {@code
   * sequences} gives the number of the sequence ({@link Track#number()}) of each sensor in it
   * (absent: 1, as in events written before log incarnations); {@code receivedAtMicros} is when
   * this coordinator received the batch, on its own clock (0 in events written before it was kept).
   */
  public record ReadingsStored(
      List<Reading> readings, Map<String, Integer> sequences, long receivedAtMicros)
      implements Event {

    public ReadingsStored(List<Reading> readings) {
      this(readings, Map.of(), 0);
    }

    public ReadingsStored {
      sequences = sequences == null ? Map.of() : Map.copyOf(sequences);
    }

    public int sequenceOf(String sensorId) {
      return sequences.getOrDefault(sensorId, 1);
    }
  }

  /**
   * A sensor's readings are stored in a new sequence from now on (or it learnt where it starts).
   */
  public record IncarnationStarted(String sensorId, Track track) implements Event {}

  /** A sensor's readings are refused until an admin resolves it. */
  public record SensorQuarantined(String sensorId, Quarantine quarantine) implements Event {}

  /** An admin accepted a quarantined sensor's log as a new sequence, or kept refusing it. */
  public record QuarantineResolved(
      String sensorId, boolean accepted, String by, String reason, long atMillis)
      implements Event {}

  public record State(
      Map<String, Long> positions,
      Map<String, Reading> latest,
      Map<String, Track> tracks,
      Map<String, Quarantine> quarantined)
      implements CborSerializable {
    static final State EMPTY = new State(Map.of(), Map.of(), Map.of(), Map.of());

    public State {
      tracks = tracks == null ? Map.of() : tracks;
      quarantined = quarantined == null ? Map.of() : quarantined;
    }

    State apply(ReadingsStored stored) {
      Map<String, Long> nextPositions = new HashMap<>(positions);
      Map<String, Reading> nextLatest = new HashMap<>(latest);
      for (Reading reading : stored.readings()) {
        nextPositions.put(reading.sensorId(), reading.lastSeq());
        nextLatest.put(reading.sensorId(), reading);
      }
      return new State(Map.copyOf(nextPositions), Map.copyOf(nextLatest), tracks, quarantined);
    }

    State apply(IncarnationStarted started) {
      String sensor = started.sensorId();
      Track track = started.track();
      if (Track.ADOPTED.equals(track.origin())) {
        return new State(positions, latest, with(tracks, sensor, track), quarantined);
      }
      Map<String, Long> nextPositions = new HashMap<>(positions);
      nextPositions.put(sensor, Math.max(0, track.base()));
      Map<String, Reading> nextLatest = new HashMap<>(latest);
      nextLatest.remove(sensor);
      Map<String, Quarantine> nextQuarantined = new HashMap<>(quarantined);
      nextQuarantined.remove(sensor);
      return new State(
          Map.copyOf(nextPositions),
          Map.copyOf(nextLatest),
          with(tracks, sensor, track),
          Map.copyOf(nextQuarantined));
    }

    State apply(SensorQuarantined event) {
      return new State(
          positions, latest, tracks, with(quarantined, event.sensorId(), event.quarantine()));
    }

    State apply(QuarantineResolved resolved) {
      String sensor = resolved.sensorId();
      Quarantine quarantine = quarantined.get(sensor);
      String decision = resolved.by() + ": " + resolved.reason();
      if (!resolved.accepted()) {
        return new State(
            positions, latest, tracks, with(quarantined, sensor, quarantine.kept(decision)));
      }
      Track before = tracks.get(sensor);
      Track accepted =
          new Track(
              quarantine.incarnation(),
              (before == null ? 1 : before.number()) + 1,
              -1,
              resolved.atMillis(),
              "conflicting log accepted by " + decision);
      Map<String, Quarantine> nextQuarantined = new HashMap<>(quarantined);
      nextQuarantined.remove(sensor);
      return new State(
          positions, latest, with(tracks, sensor, accepted), Map.copyOf(nextQuarantined));
    }

    private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
      Map<String, V> next = new HashMap<>(map);
      next.put(key, value);
      return Map.copyOf(next);
    }
  }

  /**
   * Who hears of stored batches: the history projection (one per entity, started with it) and live
   * views. Unit tests use {@link #NONE}.
   */
  public record Listeners(
      Function<String, History> history, BiConsumer<String, List<Reading>> live) {
    public static final Listeners NONE = new Listeners(null, (id, readings) -> {});
  }

  /** The history projection of one reactor, as its SensorLog drives it ({@link HistoryWriter}). */
  public interface History {
    /** A batch was stored (persisted) as the given journal event. */
    void stored(HistoryWriter.Stored stored);

    /** The entity stops or starts over: the projection stops for good. */
    void stop();
  }

  private final String reactorId;
  private final ActorContext<Command> context;
  private final Listeners listeners;
  private History history;
  private final RepeatedGaps repeatedGaps = new RepeatedGaps();

  private SensorLog(ActorContext<Command> context, String reactorId, Listeners listeners) {
    super(PersistenceId.of(ENTITY_KEY.name(), reactorId), Backoffs.ENTITY);
    this.context = context;
    this.reactorId = reactorId;
    this.listeners = listeners;
  }

  /**
   * Starts the history projection after every (re)start of this entity (a restart after a failed
   * write keeps this object), and stops it when the entity stops or restarts: it is not a child
   * actor, so nothing stops it but this.
   */
  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              stopHistory();
              if (listeners.history() != null) {
                history = listeners.history().apply(reactorId);
              }
            })
        .onSignal(PostStop.instance(), state -> stopHistory())
        .onSignal(PreRestart.instance(), state -> stopHistory())
        .build();
  }

  private void stopHistory() {
    if (history != null) {
      history.stop();
      history = null;
    }
  }

  public static String persistenceIdOf(String reactorId) {
    return PersistenceId.of(ENTITY_KEY.name(), reactorId).id();
  }

  public static Behavior<Command> create(String reactorId, Listeners listeners) {
    return Behaviors.setup(context -> new SensorLog(context, reactorId, listeners));
  }

  /**
   * Starts the SensorLog shard regions; with colocate-shards on, shard N lives where shard N of
   * {@code linkType} (the entity type holding the reactors' links) does.
   */
  public static void init(
      org.apache.pekko.actor.typed.ActorSystem<?> system, Listeners listeners, String linkType) {
    ClusterSharding.get(system)
        .init(
            ColocatedShards.following(
                linkType,
                Entity.of(ENTITY_KEY, entity -> create(entity.getEntityId(), listeners)),
                system));
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(200, 2);
  }

  /**
   * One method, not a handler builder: a builder made per entity holds a case, two lambdas and a
   * list cell per command, and a coordinator keeps an entity per reactor (events: {@link #EVENTS}).
   */
  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return this::onCommand;
  }

  private ReplyEffect<Event, State> onCommand(State state, Command command) {
    if (command instanceof Append append) {
      return onAppend(state, append);
    } else if (command instanceof Open open) {
      return onOpen(state, open);
    } else if (command instanceof Resolve resolve) {
      return onResolve(state, resolve);
    } else if (command instanceof GetPositions get) {
      return Effect().reply(get.replyTo(), positions(state));
    } else {
      GetLatest get = (GetLatest) command;
      return Effect().reply(get.replyTo(), new Latest(reactorId, state.latest()));
    }
  }

  private static Positions positions(State state) {
    return new Positions(state.positions(), state.tracks(), state.quarantined());
  }

  private ReplyEffect<Event, State> onOpen(State state, Open open) {
    List<Event> events = SensorTracks.open(state, open.sensors(), System.currentTimeMillis());
    events.forEach(this::logChange);
    return Effect()
        .persist(events)
        .thenReply(
            open.replyTo(),
            after ->
                new Opened(
                    SensorTracks.resume(after, open.sensors().keySet()),
                    after.quarantined(),
                    after.tracks()));
  }

  private ReplyEffect<Event, State> onResolve(State state, Resolve resolve) {
    if (!state.quarantined().containsKey(resolve.sensorId())) {
      return Effect()
          .reply(
              resolve.replyTo(),
              StatusReply.error(
                  "sensor '" + resolve.sensorId() + "' of " + reactorId + " is not quarantined"));
    }
    QuarantineResolved resolved =
        new QuarantineResolved(
            resolve.sensorId(),
            resolve.accept(),
            resolve.by(),
            resolve.reason(),
            System.currentTimeMillis());
    logChange(resolved);
    return Effect()
        .persist(resolved)
        .thenReply(resolve.replyTo(), after -> StatusReply.success(positions(after)));
  }

  private ReplyEffect<Event, State> onAppend(State state, Append append) {
    SensorTracks.Split split = SensorTracks.split(state, append.incarnation(), append.readings());
    Continuity.Outcome outcome =
        Continuity.check(state.positions(), state.latest(), split.checked());
    long now = System.currentTimeMillis();
    List<Event> events = new ArrayList<>();
    Map<String, String> quarantined = new HashMap<>();
    outcome
        .diverged()
        .forEach(
            (sensor, seq) -> {
              Quarantine quarantine = SensorTracks.diverged(sensor, seq, state, now);
              quarantined.put(sensor, quarantine.reason());
              events.add(new SensorQuarantined(sensor, quarantine));
            });
    Map<String, Long> gaps = new HashMap<>(outcome.gaps());
    Set<String> progressed =
        outcome.accepted().stream().map(Reading::sensorId).collect(Collectors.toSet());
    repeatedGaps
        .record(outcome.gaps(), progressed)
        .forEach(
            (sensor, seq) -> {
              Quarantine quarantine = SensorTracks.hole(sensor, seq, state, now);
              quarantined.put(sensor, quarantine.reason());
              events.add(new SensorQuarantined(sensor, quarantine));
              gaps.remove(sensor);
            });
    split
        .askAgain()
        .forEach(sensor -> gaps.put(sensor, state.positions().getOrDefault(sensor, 0L) + 1));
    Map<String, Long> positions = new HashMap<>(outcome.positions());
    positions.keySet().removeAll(state.quarantined().keySet());
    positions.keySet().removeAll(quarantined.keySet());
    List<Reading> accepted = outcome.accepted();
    Appended appended =
        new Appended(
            Map.copyOf(positions),
            Map.copyOf(gaps),
            Map.copyOf(quarantined),
            accepted.size(),
            outcome.duplicates(),
            accepted.stream().mapToLong(Reading::takenAtMicros).max().orElse(0));
    if (!gaps.isEmpty()) {
      log().info("reactor {}: gap in {}", reactorId, gaps);
    }
    events.forEach(this::logChange);
    if (accepted.isEmpty()) {
      return Effect()
          .persist(events)
          .thenReply(append.replyTo(), after -> StatusReply.success(appended));
    }
    long journalSeq = lastSequenceNumber(context) + 1;
    ReadingsStored stored = new ReadingsStored(accepted, sequencesOf(state, accepted), now * 1000);
    events.add(0, stored);
    return Effect()
        .persist(events)
        .thenRun(
            after -> {
              CoordinatorOps.get(context.getSystem())
                  .committed(accepted.stream().mapToLong(Reading::takenAtMicros).toArray());
              if (history != null) {
                history.stored(new HistoryWriter.Stored(journalSeq, stored));
              }
              listeners.live().accept(reactorId, accepted);
            })
        .thenReply(append.replyTo(), after -> StatusReply.success(appended));
  }

  private static Map<String, Integer> sequencesOf(State state, List<Reading> readings) {
    Map<String, Integer> sequences = new HashMap<>();
    for (Reading reading : readings) {
      Track track = state.tracks().get(reading.sensorId());
      if (track != null && track.number() != 1) {
        sequences.put(reading.sensorId(), track.number());
      }
    }
    return sequences;
  }

  private void logChange(Event event) {
    if (event instanceof IncarnationStarted started) {
      log()
          .info(
              "reactor {}: sensor {} stored as sequence {} from now on ({}, log incarnation {},"
                  + " after {})",
              reactorId,
              started.sensorId(),
              started.track().number(),
              started.track().origin(),
              started.track().incarnation(),
              started.track().base());
    } else if (event instanceof SensorQuarantined quarantined) {
      log()
          .error(
              "reactor {}: sensor {} quarantined, its readings are refused until an admin"
                  + " resolves it: {}",
              reactorId,
              quarantined.sensorId(),
              quarantined.quarantine().reason());
    } else if (event instanceof QuarantineResolved resolved) {
      log()
          .warn(
              "reactor {}: quarantine of sensor {} {} by {}: {}",
              reactorId,
              resolved.sensorId(),
              resolved.accepted() ? "lifted, its log accepted as a new sequence," : "kept",
              resolved.by(),
              resolved.reason());
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return EVENTS;
  }

  /** Made once for every entity: it holds nothing of one. */
  private static final EventHandler<State, Event> EVENTS =
      EventHandlerBuilder.<State, Event>builder()
          .forAnyState()
          .onEvent(ReadingsStored.class, State::apply)
          .onEvent(IncarnationStarted.class, State::apply)
          .onEvent(SensorQuarantined.class, State::apply)
          .onEvent(QuarantineResolved.class, State::apply)
          .build();

  /** The actor's logger, its lines marked with the reactor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(context.getLog(), "reactor", reactorId);
  }
}
