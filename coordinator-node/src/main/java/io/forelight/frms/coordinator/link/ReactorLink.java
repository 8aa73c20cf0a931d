package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.ReceiveInOneMethod;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkState.Status;
import io.forelight.frms.coordinator.ops.CoordinatorOps;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.coordinator.storage.WriteGate;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.Outcome;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.SensorDescription;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The coordinator's link to one reactor (child of its Reactor entity): the client side of the
 * reading pipeline and of the command outbox. Each connection describes the reactor, asks the
 * SensorLog what is stored, streams every sensor from its last stored reading (re-read so the
 * SensorLog can check the reactor's log still matches; store, then acknowledge) and delivers the
 * outbox's commands in order with their idempotency keys. Any failure (link cut, silence past the
 * idle timeout, a gap) ends the connection; the next starts from what is stored after a jittered
 * backoff capped at a few seconds.
 */
public final class ReactorLink extends AbstractBehavior<ReactorLink.Command> {

  private static final Logger LOG = LoggerFactory.getLogger(ReactorLink.class);
  private static final Duration COMMAND_RETRY = Duration.ofSeconds(2);

  public sealed interface Command
      permits Connect,
          Described,
          Redescribed,
          PositionsKnown,
          BatchStored,
          StreamEnded,
          AttemptFailed,
          Redescribe,
          Deliver,
          CommandAnswered,
          DeliverNext,
          Reconnect,
          GetState {}

  /** Connect, unless another attempt began since this was sent. */
  private record Connect(long attempt) implements Command {}

  /** Connect again now, from what is stored. */
  public enum Reconnect implements Command {
    INSTANCE
  }

  private enum Redescribe implements Command {
    INSTANCE
  }

  private enum DeliverNext implements Command {
    INSTANCE
  }

  private record Described(long attempt, ReactorDescription description, long askedAtMillis)
      implements Command {}

  private record Redescribed(long attempt, ReactorDescription description, long askedAtMillis)
      implements Command {}

  private record PositionsKnown(long attempt, SensorLog.Opened opened) implements Command {}

  private record BatchStored(long attempt, SensorLog.Appended appended) implements Command {}

  private record StreamEnded(long attempt, Throwable error) implements Command {}

  private record AttemptFailed(long attempt, Throwable error) implements Command {}

  private record CommandAnswered(String key, CommandReply reply, Throwable error)
      implements Command {}

  /** The outbox as it stands now, in order; replaces what the link had. */
  public record Deliver(List<PendingCommand> pending) implements Command {}

  public record GetState(ActorRef<LinkState> replyTo) implements Command {}

  private final ReactorEntry reactor;
  private final LinkSettings settings;
  private final Function<String, EntityRef<SensorLog.Command>> sensorLogs;
  private final ActorRef<LinkEvent> owner;
  private final Supplier<Optional<String>> fence;
  private final Cancellable redescribeDue;
  private Cancellable connectAgain = Cancellable.alreadyCancelled();
  private Cancellable deliverAgain = Cancellable.alreadyCancelled();
  private final StoredCounter counter;
  private final WriteGate writeGate;
  private final CommandDelivery commands = new CommandDelivery();
  private ReactorConnection connection;
  private Set<String> streamedSensors = Set.of();
  private Map<String, Long> loggedSeqs = Map.of();
  private Map<String, String> incarnations = Map.of();
  private boolean leftOutLastTime;
  private long attempt;
  private int failuresInARow;
  private final LinkStatus status = new LinkStatus();
  private final LinkMonitor monitor;

  private ReactorLink(
      ActorContext<Command> context,
      ReactorEntry reactor,
      LinkSettings settings,
      Function<String, EntityRef<SensorLog.Command>> sensorLogs,
      ActorRef<LinkEvent> owner,
      Supplier<Optional<String>> fence) {
    super(context);
    this.reactor = reactor;
    this.settings = settings;
    this.sensorLogs = sensorLogs;
    this.owner = owner;
    this.fence = fence;
    this.counter =
        new StoredCounter(
            reactor.id(), CoordinatorOps.get(context.getSystem()).storedTotal(reactor.id()));
    this.writeGate = WriteGate.get(context.getSystem());
    this.monitor = new LinkMonitor(reactor, status, counter);
    CoordinatorOps.get(context.getSystem()).linkStarted(monitor);
    context.getSelf().tell(new Connect(attempt));
    ActorRef<Command> self = context.getSelf();
    // one repeating task, cancelled on stop and restart: a restart never leaves a second one
    redescribeDue =
        context
            .getSystem()
            .scheduler()
            .scheduleWithFixedDelay(
                settings.redescribeInterval(),
                settings.redescribeInterval(),
                () -> self.tell(Redescribe.INSTANCE),
                context.getExecutionContext());
  }

  /**
   * {@code fence} says why this node may not acknowledge to the reactor (it no longer holds the
   * reactor's lease), or nothing if it may.
   */
  public static Behavior<Command> create(
      ReactorEntry reactor,
      LinkSettings settings,
      Function<String, EntityRef<SensorLog.Command>> sensorLogs,
      ActorRef<LinkEvent> owner,
      Supplier<Optional<String>> fence) {
    return Behaviors.setup(
        context -> new ReactorLink(context, reactor, settings, sensorLogs, owner, fence));
  }

  @Override
  public Receive<Command> createReceive() {
    return new ReceiveInOneMethod<>(this::onMessage, this::onSignal);
  }

  private Behavior<Command> onMessage(Command message) {
    if (message instanceof Connect connect) {
      return connect.attempt() == attempt ? onConnect() : this;
    } else if (message instanceof Reconnect) {
      return onConnect();
    } else if (message instanceof Described described) {
      return onDescribed(described);
    } else if (message instanceof Redescribed redescribed) {
      return onRedescribed(redescribed);
    } else if (message instanceof PositionsKnown known) {
      return onPositionsKnown(known);
    } else if (message instanceof BatchStored stored) {
      return onBatchStored(stored);
    } else if (message instanceof StreamEnded ended) {
      return onStreamEnded(ended);
    } else if (message instanceof AttemptFailed failed) {
      return onAttemptFailed(failed);
    } else if (message instanceof Redescribe) {
      return onRedescribe();
    } else if (message instanceof Deliver deliver) {
      return onDeliver(deliver);
    } else if (message instanceof DeliverNext) {
      return deliverNext();
    } else if (message instanceof CommandAnswered answered) {
      return onCommandAnswered(answered);
    } else if (message instanceof GetState get) {
      return onGetState(get);
    }
    return Behaviors.unhandled();
  }

  private Behavior<Command> onSignal(Signal signal) {
    return signal instanceof PostStop || signal instanceof PreRestart
        ? onStop()
        : Behaviors.unhandled();
  }

  private Behavior<Command> onConnect() {
    connectAgain.cancel();
    closeConnection();
    attempt++;
    commands.reset();
    connection = new ReactorConnection(reactor, settings, getContext().getSystem());
    long current = attempt;
    long askedAt = System.currentTimeMillis();
    getContext()
        .pipeToSelf(
            connection.describe(),
            (description, error) ->
                error == null
                    ? new Described(current, description, askedAt)
                    : new AttemptFailed(current, error));
    return this;
  }

  private Behavior<Command> onDescribed(Described described) {
    if (described.attempt() != attempt) {
      return this;
    }
    ReactorDescription description = described.description();
    reportDescribed(description, described.askedAtMillis());
    Optional<String> foreign = connection.foreignFleet(description);
    if (foreign.isPresent()) {
      return retry(new IllegalStateException(foreign.get()));
    }
    streamedSensors = sensorsOf(description);
    loggedSeqs =
        description.getSensorsList().stream()
            .collect(
                Collectors.toMap(
                    sensor -> LinkProtocol.shared(sensor.getSensorId()),
                    SensorDescription::getLastSeq));
    long current = attempt;
    Map<String, SensorLog.Origin> origins = LinkProtocol.origins(description);
    getContext()
        .pipeToSelf(
            sensorLog()
                .<SensorLog.Opened>ask(
                    replyTo -> new SensorLog.Open(origins, replyTo), settings.storeTimeout()),
            (opened, error) ->
                error == null
                    ? new PositionsKnown(current, opened)
                    : new AttemptFailed(current, error));
    return this;
  }

  private Behavior<Command> onPositionsKnown(PositionsKnown known) {
    if (known.attempt() != attempt) {
      return this;
    }
    Map<String, Long> after = new HashMap<>();
    Map<String, String> streamedIncarnations = new HashMap<>();
    long backlog = 0;
    for (String sensor : streamedSensors) {
      SensorLog.Resume resume = known.opened().resume().get(sensor);
      if (resume != null) {
        after.put(sensor, resume.after());
        streamedIncarnations.put(sensor, resume.incarnation());
        backlog += Math.max(0, loggedSeqs.getOrDefault(sensor, 0L) - resume.after() - 1);
      }
    }
    loggedSeqs = Map.of(); // needed only for this backlog: not kept while the stream runs
    incarnations = Map.copyOf(streamedIncarnations);
    status.quarantined(LinkProtocol.notes(known.opened().quarantined()));
    Map<String, String> newSequences = new HashMap<>();
    known
        .opened()
        .tracks()
        .forEach((sensor, track) -> track.note().ifPresent(note -> newSequences.put(sensor, note)));
    status.newSequences(newSequences);
    status.backlog(backlog);
    changeStatus(status.backlog() > 0 ? Status.CATCHING_UP : Status.LIVE);
    if (after.isEmpty()) {
      failuresInARow = 0;
    } else {
      long current = attempt;
      ActorRef<Command> self = getContext().getSelf();
      CompletionStage<Done> ended =
          connection.stream(
              after,
              incarnations,
              new ReadingPipeline.Hooks(
                  counter::heard,
                  writeGate::run,
                  batch -> store(batch, current, self),
                  this::acknowledge,
                  ReadingsInHand.get(getContext().getSystem())));
      getContext().pipeToSelf(ended, (done, error) -> new StreamEnded(current, error));
    }
    return deliverNext();
  }

  /**
   * Stores a batch (its turn at the node's write gate came: the store timeout starts now) and tells
   * this link what was committed, even if the connection ended while the store was in flight.
   * Called from the stream, not the actor: {@code self} was taken on the actor.
   */
  private CompletionStage<SensorLog.Appended> store(
      ReadingBatch batch, long storeAttempt, ActorRef<Command> self) {
    return sensorLog()
        .<SensorLog.Appended>askWithStatus(
            replyTo ->
                new SensorLog.Append(
                    batch.getIncarnation(), LinkProtocol.fromProto(batch), replyTo),
            settings.storeTimeout())
        .whenComplete(
            (appended, error) -> {
              if (appended != null) {
                self.tell(new BatchStored(storeAttempt, appended));
              }
            });
  }

  /**
   * Tells the reactor these positions are stored; refused (failing the stream) once this node no
   * longer holds the reactor's lease, so a node resuming from a pause never acknowledges.
   */
  private CompletionStage<Done> acknowledge(Map<String, Long> positions) {
    ReactorConnection current = connection;
    if (current == null) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    Optional<String> refusal = fence.get();
    if (refusal.isPresent()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("not acknowledging to " + reactor.id() + ": " + refusal.get()));
    }
    Map<String, String> streaming = incarnations;
    return current.acknowledge(
        positions.entrySet().stream()
            .filter(e -> streaming.containsKey(e.getKey()) && e.getValue() > 0)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
        streaming);
  }

  /**
   * Counts what a store of this link committed, also when it completed after its connection ended
   * (a store in flight during a cut is committed all the same); only the current connection's
   * stores move its status.
   */
  private Behavior<Command> onBatchStored(BatchStored stored) {
    counter.stored(stored.appended().accepted(), stored.appended().newestTakenAtMicros());
    if (stored.attempt() != attempt) {
      return this;
    }
    failuresInARow = 0;
    leftOutLastTime = false;
    if (status.stored(stored.appended().accepted())) {
      changeStatus(Status.LIVE);
    }
    return this;
  }

  private Behavior<Command> onStreamEnded(StreamEnded ended) {
    if (ended.attempt() != attempt) {
      return this;
    }
    boolean leftOut = ended.error() instanceof ReadingPipeline.SensorsLeftOut;
    if (leftOut && !leftOutLastTime) {
      // sensors were quarantined or cannot be streamed: the others go on at once, without them
      leftOutLastTime = true;
      info("link to {}: {}", reactor.id(), ended.error().getMessage());
      getContext().getSelf().tell(new Connect(attempt));
      return this;
    }
    leftOutLastTime = leftOut;
    return retry(
        ended.error() == null
            ? new IllegalStateException("the reactor ended the stream")
            : ended.error());
  }

  private Behavior<Command> onAttemptFailed(AttemptFailed failed) {
    return failed.attempt() == attempt ? retry(failed.error()) : this;
  }

  private Behavior<Command> retry(Throwable error) {
    failuresInARow++;
    String reason = describe(error);
    status.lost(reason);
    if (status.status() != Status.UNREACHABLE) {
      info("link to {} lost: {}", reactor.id(), reason);
      changeStatus(Status.UNREACHABLE);
    }
    attempt++;
    closeConnection();
    connectAgain =
        getContext()
            .scheduleOnce(
                settings.backoff(failuresInARow, ThreadLocalRandom.current().nextDouble()),
                getContext().getSelf(),
                new Connect(attempt));
    return this;
  }

  private Behavior<Command> onRedescribe() {
    if (connection == null || !connection.streaming()) {
      return this;
    }
    connection.renewCertificateIfDue();
    long current = attempt;
    long askedAt = System.currentTimeMillis();
    getContext()
        .pipeToSelf(
            connection.describe(),
            (description, error) ->
                error == null
                    ? new Redescribed(current, description, askedAt)
                    : new Redescribed(current, null, askedAt));
    return this;
  }

  private Behavior<Command> onRedescribed(Redescribed redescribed) {
    if (redescribed.attempt() != attempt || redescribed.description() == null) {
      return this;
    }
    reportDescribed(redescribed.description(), redescribed.askedAtMillis());
    if (!sensorsOf(redescribed.description()).equals(streamedSensors)) {
      getContext().getSelf().tell(new Connect(attempt));
    }
    return this;
  }

  /**
   * Tells the owner what the reactor said of itself, and checks its clock against ours (asked at
   * {@code askedAtMillis}: the round trip bounds how well the clock's offset is known).
   */
  private void reportDescribed(ReactorDescription description, long askedAtMillis) {
    long now = System.currentTimeMillis();
    long roundTrip = Math.max(0, now - askedAtMillis);
    ReactorInfo info = LinkProtocol.fromProto(description, now, roundTrip);
    owner.tell(new LinkEvent.Described(info));
    String skew =
        ClockCheck.skew(info.clockOffsetMillis(), settings.maxClockSkew(), now, roundTrip / 2);
    if (skew != null && status.clockSkew() == null) {
      warn("reactor {}: {}", reactor.id(), skew);
    }
    status.clock(info.clockOffsetMillis(), skew);
  }

  private Behavior<Command> onDeliver(Deliver deliver) {
    commands.replace(deliver.pending());
    return deliverNext();
  }

  /** Sends the oldest undelivered command, if connected and none is in flight. */
  private Behavior<Command> deliverNext() {
    Optional<PendingCommand> send =
        status.up() && connection != null ? commands.next() : Optional.empty();
    send.ifPresent(
        next ->
            getContext()
                .pipeToSelf(
                    connection.apply(next),
                    (reply, error) -> new CommandAnswered(next.key(), reply, error)));
    return this;
  }

  private Behavior<Command> onCommandAnswered(CommandAnswered answered) {
    if (!commands.answered(answered.key())) {
      return this;
    }
    Optional<String> refused =
        answered.error() == null ? Optional.empty() : CommandRefusal.reason(answered.error());
    if (refused.isPresent()) {
      warn(
          "command {} to {} refused by the reactor as invalid: {}",
          answered.key(),
          reactor.id(),
          refused.get());
      owner.tell(
          new LinkEvent.CommandSettled(
              answered.key(), false, "refused by the reactor as invalid: " + refused.get()));
      commands.settled(answered.key());
      status.commandWaiting(null);
      return deliverNext();
    }
    if (answered.error() != null) {
      info(
          "command {} to {} not delivered yet: {}",
          answered.key(),
          reactor.id(),
          describe(answered.error()));
      status.commandWaiting("command " + answered.key() + ": " + describe(answered.error()));
      deliverAgain.cancel();
      deliverAgain =
          getContext().scheduleOnce(COMMAND_RETRY, getContext().getSelf(), DeliverNext.INSTANCE);
      return this;
    }
    boolean applied = answered.reply().getOutcome() == Outcome.APPLIED;
    owner.tell(new LinkEvent.CommandSettled(answered.key(), applied, answered.reply().getReason()));
    commands.settled(answered.key());
    status.commandWaiting(null);
    if (applied) {
      getContext().getSelf().tell(Redescribe.INSTANCE);
    }
    return deliverNext();
  }

  private Behavior<Command> onGetState(GetState get) {
    get.replyTo()
        .tell(status.snapshot(reactor, counter, getContext().getSystem().address().hostPort()));
    return this;
  }

  /**
   * Stopped or restarted by its supervisor: the connection closed and what was scheduled cancelled
   * (a restarted link starts its own), the monitor handed back.
   */
  private Behavior<Command> onStop() {
    redescribeDue.cancel();
    connectAgain.cancel();
    deliverAgain.cancel();
    closeConnection();
    CoordinatorOps.get(getContext().getSystem()).linkStopped(monitor);
    return this;
  }

  private void changeStatus(Status next) {
    if (next != status.status() && (next == Status.LIVE || next == Status.CATCHING_UP)) {
      info("link to {} {} (backlog {})", reactor.id(), next.name().toLowerCase(), status.backlog());
    }
    status.change(next).ifPresent(owner::tell);
  }

  private static Set<String> sensorsOf(ReactorDescription description) {
    return description.getSensorsList().stream()
        .map(sensor -> LinkProtocol.shared(sensor.getSensorId()))
        .collect(Collectors.toUnmodifiableSet());
  }

  private EntityRef<SensorLog.Command> sensorLog() {
    return sensorLogs.apply(reactor.id());
  }

  private void closeConnection() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  static String describe(Throwable error) {
    for (Throwable tls = error; tls != null; tls = tls.getCause()) {
      if (tls instanceof javax.net.ssl.SSLException) {
        return "TLS handshake failed: "
            + tls.getMessage()
            + (String.valueOf(tls.getMessage()).startsWith("Received fatal alert")
                ? " (the reactor refused this coordinator: its log says why)"
                : "");
      }
    }
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * Logs a line marked with the reactor. Through the class's logger, not the actor's: an actor's
   * logger, once asked for, stays with it (its context, path and address strings: ~0.2 KB a link).
   */
  private void info(String format, Object... args) {
    marked(() -> LOG.info(format, args));
  }

  private void warn(String format, Object... args) {
    marked(() -> LOG.warn(format, args));
  }

  private void marked(Runnable line) {
    MDC.put("reactor", reactor.id());
    try {
      line.run();
    } finally {
      MDC.remove("reactor");
    }
  }
}
