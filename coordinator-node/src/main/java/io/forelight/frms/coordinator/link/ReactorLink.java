package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkState.Status;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.SensorDescription;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The coordinator's link to one reactor (child of its Reactor entity): the gRPC client side of the
 * reading pipeline. It describes the reactor, asks the SensorLog what is stored, streams every
 * sensor from there, has each batch stored by the SensorLog and only then acknowledges it to the
 * reactor. Any failure (link cut, silence past the idle timeout, a gap) ends the stream and it
 * starts over from what is stored, after a jittered backoff capped at a few seconds.
 */
public final class ReactorLink extends AbstractBehavior<ReactorLink.Command> {

  public sealed interface Command
      permits Connect,
          Described,
          PositionsKnown,
          BatchStored,
          StreamEnded,
          AttemptFailed,
          Redescribe,
          GetState {}

  private enum Connect implements Command {
    INSTANCE
  }

  private enum Redescribe implements Command {
    INSTANCE
  }

  private record Described(long attempt, ReactorDescription description) implements Command {}

  private record PositionsKnown(long attempt, Map<String, Long> positions) implements Command {}

  private record BatchStored(long attempt, SensorLog.Appended appended) implements Command {}

  private record StreamEnded(long attempt, Throwable error) implements Command {}

  private record AttemptFailed(long attempt, Throwable error) implements Command {}

  public record GetState(ActorRef<LinkState> replyTo) implements Command {}

  /** Thrown into the stream when the SensorLog found a gap: start over from what is stored. */
  static final class GapFound extends RuntimeException {
    GapFound(Map<String, Long> gaps) {
      super("gap in the stream, expected next " + gaps);
    }
  }

  private final ReactorEntry reactor;
  private final LinkSettings settings;
  private final Function<String, EntityRef<SensorLog.Command>> sensorLogs;
  private final TimerScheduler<Command> timers;
  private ReactorLinkServiceClient client;
  private UniqueKillSwitch running;
  private Set<String> streamedSensors = Set.of();
  private long attempt;
  private int failuresInARow;
  private Status status = Status.CONNECTING;
  private long sinceMillis = System.currentTimeMillis();
  private long backlog;
  private long reconnects;
  private long storedReadings;
  private long lastStoredAtMillis;
  private long loggedStored;
  private long loggedAtMillis;
  private String lastError = "";

  private ReactorLink(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ReactorEntry reactor,
      LinkSettings settings,
      Function<String, EntityRef<SensorLog.Command>> sensorLogs) {
    super(context);
    this.timers = timers;
    this.reactor = reactor;
    this.settings = settings;
    this.sensorLogs = sensorLogs;
    context.getSelf().tell(Connect.INSTANCE);
    timers.startTimerWithFixedDelay(Redescribe.INSTANCE, settings.redescribeInterval());
  }

  public static Behavior<Command> create(
      ReactorEntry reactor,
      LinkSettings settings,
      Function<String, EntityRef<SensorLog.Command>> sensorLogs) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new ReactorLink(context, timers, reactor, settings, sensorLogs)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Connect.class, c -> onConnect())
        .onMessage(Described.class, this::onDescribed)
        .onMessage(PositionsKnown.class, this::onPositionsKnown)
        .onMessage(BatchStored.class, this::onBatchStored)
        .onMessage(StreamEnded.class, this::onStreamEnded)
        .onMessage(AttemptFailed.class, this::onAttemptFailed)
        .onMessage(Redescribe.class, r -> onRedescribe())
        .onMessage(GetState.class, this::onGetState)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onConnect() {
    stopStream();
    closeClient();
    attempt++;
    client = LinkClients.create(reactor, getContext().getSystem());
    long current = attempt;
    getContext()
        .pipeToSelf(
            describe(),
            (description, error) ->
                error == null
                    ? new Described(current, description)
                    : new AttemptFailed(current, error));
    return this;
  }

  private Behavior<Command> onDescribed(Described described) {
    if (described.attempt() != attempt) {
      return this;
    }
    ReactorDescription description = described.description();
    streamedSensors = sensorsOf(description);
    long current = attempt;
    getContext()
        .pipeToSelf(
            sensorLog()
                .<SensorLog.Positions>ask(SensorLog.GetPositions::new, settings.storeTimeout()),
            (positions, error) ->
                error == null
                    ? new PositionsKnown(current, positions.positions())
                    : new AttemptFailed(current, error));
    backlog = 0;
    for (SensorDescription sensor : description.getSensorsList()) {
      backlog += sensor.getLastSeq();
    }
    return this;
  }

  private Behavior<Command> onPositionsKnown(PositionsKnown known) {
    if (known.attempt() != attempt) {
      return this;
    }
    Map<String, Long> after = new HashMap<>();
    for (String sensor : streamedSensors) {
      long stored = known.positions().getOrDefault(sensor, 0L);
      after.put(sensor, stored);
      backlog -= Math.min(stored, backlog);
    }
    acknowledge(known.positions());
    if (after.isEmpty()) {
      changeStatus(Status.LIVE);
      failuresInARow = 0;
      return this;
    }
    changeStatus(backlog > 0 ? Status.CATCHING_UP : Status.LIVE);
    startStream(after);
    return this;
  }

  private void startStream(Map<String, Long> after) {
    long current = attempt;
    ActorRef<Command> self = getContext().getSelf();
    StreamReadingsRequest request =
        StreamReadingsRequest.newBuilder()
            .setReactorId(reactor.id())
            .addAllAfter(LinkProtocol.toProto(after))
            .setMaxBatchSize(settings.maxBatchSize())
            .setMaxLingerMillis((int) settings.maxLinger().toMillis())
            .build();
    Pair<UniqueKillSwitch, CompletionStage<Done>> stream =
        client
            .streamReadings(request)
            .idleTimeout(settings.idleTimeout())
            .viaMat(KillSwitches.single(), Keep.right())
            .filter(batch -> batch.getReadingsCount() > 0)
            .mapAsync(1, this::store)
            .map(
                appended -> {
                  self.tell(new BatchStored(current, appended));
                  if (!appended.gaps().isEmpty()) {
                    throw new GapFound(appended.gaps());
                  }
                  return appended.positions();
                })
            .conflate((older, newer) -> newer)
            .mapAsync(1, this::acknowledge)
            .toMat(Sink.ignore(), Keep.both())
            .run(getContext().getSystem());
    running = stream.first();
    getContext().pipeToSelf(stream.second(), (done, error) -> new StreamEnded(current, error));
  }

  private CompletionStage<SensorLog.Appended> store(ReadingBatch batch) {
    return sensorLog()
        .askWithStatus(
            replyTo -> new SensorLog.Append(LinkProtocol.fromProto(batch), replyTo),
            settings.storeTimeout());
  }

  private CompletionStage<Done> acknowledge(Map<String, Long> positions) {
    AcknowledgeRequest request =
        AcknowledgeRequest.newBuilder()
            .setReactorId(reactor.id())
            .addAllStored(
                LinkProtocol.toProto(
                    positions.entrySet().stream()
                        .filter(e -> streamedSensors.contains(e.getKey()) && e.getValue() > 0)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
            .build();
    if (request.getStoredCount() == 0) {
      return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
    }
    return client
        .acknowledge(request)
        .toCompletableFuture()
        .orTimeout(settings.callTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .thenApply(reply -> Done.getInstance());
  }

  private Behavior<Command> onBatchStored(BatchStored stored) {
    if (stored.attempt() != attempt) {
      return this;
    }
    failuresInARow = 0;
    storedReadings += stored.appended().accepted();
    lastStoredAtMillis = System.currentTimeMillis();
    backlog = Math.max(0, backlog - stored.appended().accepted());
    if (status == Status.CATCHING_UP && backlog == 0) {
      changeStatus(Status.LIVE);
    }
    if (lastStoredAtMillis - loggedAtMillis >= 10_000) {
      getContext()
          .getLog()
          .info(
              "reactor {}: stored {} readings in Cassandra ({} in all)",
              reactor.id(),
              storedReadings - loggedStored,
              storedReadings);
      loggedStored = storedReadings;
      loggedAtMillis = lastStoredAtMillis;
    }
    return this;
  }

  private Behavior<Command> onStreamEnded(StreamEnded ended) {
    if (ended.attempt() != attempt) {
      return this;
    }
    running = null;
    return retry(
        ended.error() == null
            ? new IllegalStateException("the reactor ended the stream")
            : ended.error());
  }

  private Behavior<Command> onAttemptFailed(AttemptFailed failed) {
    if (failed.attempt() != attempt) {
      return this;
    }
    return retry(failed.error());
  }

  private Behavior<Command> retry(Throwable error) {
    failuresInARow++;
    reconnects++;
    lastError = describe(error);
    if (status != Status.UNREACHABLE) {
      getContext().getLog().info("link to {} lost: {}", reactor.id(), lastError);
      changeStatus(Status.UNREACHABLE);
    }
    attempt++;
    timers.startSingleTimer(
        Connect.INSTANCE,
        settings.backoff(failuresInARow, ThreadLocalRandom.current().nextDouble()));
    return this;
  }

  private Behavior<Command> onRedescribe() {
    if (running == null || client == null) {
      return this;
    }
    ActorRef<Command> self = getContext().getSelf();
    Set<String> streaming = streamedSensors;
    describe()
        .thenAccept(
            description -> {
              if (!sensorsOf(description).equals(streaming)) {
                self.tell(Connect.INSTANCE);
              }
            });
    return this;
  }

  private static Set<String> sensorsOf(ReactorDescription description) {
    return description.getSensorsList().stream()
        .map(SensorDescription::getSensorId)
        .collect(Collectors.toUnmodifiableSet());
  }

  private Behavior<Command> onGetState(GetState get) {
    get.replyTo().tell(state());
    return this;
  }

  private LinkState state() {
    return new LinkState(
        reactor.id(),
        reactor.address(),
        status,
        sinceMillis,
        backlog,
        reconnects,
        storedReadings,
        lastStoredAtMillis,
        lastError);
  }

  private Behavior<Command> onPostStop() {
    stopStream();
    closeClient();
    return this;
  }

  private void changeStatus(Status next) {
    if (next != status) {
      if (next == Status.LIVE || next == Status.CATCHING_UP) {
        getContext()
            .getLog()
            .info("link to {} {} (backlog {})", reactor.id(), next.name().toLowerCase(), backlog);
      }
      status = next;
      sinceMillis = System.currentTimeMillis();
    }
  }

  private CompletionStage<ReactorDescription> describe() {
    return client
        .describe(DescribeRequest.newBuilder().setReactorId(reactor.id()).build())
        .toCompletableFuture()
        .orTimeout(settings.callTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private EntityRef<SensorLog.Command> sensorLog() {
    return sensorLogs.apply(reactor.id());
  }

  private void stopStream() {
    if (running != null) {
      running.shutdown();
      running = null;
    }
  }

  private void closeClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
