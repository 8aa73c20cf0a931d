package io.forelight.frms.reactor.link;

import io.forelight.frms.link.CommandRules;
import io.forelight.frms.link.v1.AcknowledgeReply;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.LogStatus;
import io.forelight.frms.link.v1.Outcome;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkService;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.SensorDescription;
import io.forelight.frms.link.v1.SensorProblem;
import io.forelight.frms.link.v1.SensorSeq;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import io.forelight.frms.reactor.ReactorNode;
import io.forelight.frms.reactor.calibration.CalibrationRequest;
import io.forelight.frms.reactor.calibration.ProbeCalibration;
import io.forelight.frms.reactor.calibration.ProbeCalibrations;
import io.forelight.frms.reactor.config.LinkSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.control.Controller;
import io.forelight.frms.reactor.control.LoopChange;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashReadJournal;
import io.forelight.frms.reactor.layout.Layout;
import io.forelight.frms.reactor.layout.LayoutChange;
import io.forelight.frms.reactor.layout.SensorLayout;
import io.forelight.frms.reactor.ops.ReactorOps;
import io.forelight.frms.reactor.sensor.Clock;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.grpc.GrpcServiceException;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The reactor's side of the link. Readings of the asked sensors are streamed from the local log
 * (replay, then live) by one tail for all of them and cut into bounded batches; acknowledgements
 * let the log drop what the coordinator stored; commands go to the sensor layout, which applies
 * each key at most once. Every request is checked first: a bad one gets a gRPC status naming what
 * is wrong, and disturbs nothing else.
 */
public final class ReactorLinkServiceImpl implements ReactorLinkService {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  /** A point takes the probe 1-2 s; the device itself may take up to its timeout. */
  private static final Duration CALIBRATION_TIMEOUT =
      ProbeCalibration.DEVICE_TIMEOUT.plusSeconds(5);

  private static final int MAX_BATCH_SIZE = 10_000;
  private static final Duration MAX_LINGER = Duration.ofSeconds(5);

  /** An empty batch is sent after this much silence, so the coordinator can tell idle from dead. */
  private static final Duration HEARTBEAT = Duration.ofSeconds(2);

  private final String reactorId;
  private final FleetBinding fleet;
  private final String softwareVersion;
  private final LinkSettings link;
  private final ControlBoard control;
  private final ReactorOps ops;
  private final FlashLog readings;
  private final FlashReadJournal query;
  private final ActorRef<ReactorNode.Command> node;
  private final Scheduler scheduler;

  public ReactorLinkServiceImpl(
      String reactorId,
      FleetBinding fleet,
      String softwareVersion,
      LinkSettings link,
      ControlBoard control,
      ReactorOps ops,
      FlashLog readings,
      FlashReadJournal query,
      ActorRef<ReactorNode.Command> node,
      Scheduler scheduler) {
    this.reactorId = reactorId;
    this.fleet = fleet;
    this.softwareVersion = softwareVersion;
    this.link = link;
    this.control = control;
    this.ops = ops;
    this.readings = readings;
    this.query = query;
    this.node = node;
    this.scheduler = scheduler;
  }

  @Override
  public CompletionStage<ReactorDescription> describe(DescribeRequest in) {
    try {
      checkReactor(in.getReactorId());
    } catch (GrpcServiceException e) {
      return CompletableFuture.failedFuture(e);
    }
    return layout()
        .thenApply(
            layout -> {
              ReactorDescription.Builder description =
                  ReactorDescription.newBuilder()
                      .setReactorId(reactorId)
                      .setSoftwareVersion(softwareVersion)
                      .setClockMicros(Clock.nowMicros())
                      .setFleetId(fleet.fleetId().orElse(""))
                      .setLog(logStatus());
              for (SensorSpec spec : layout.sensors().values()) {
                String pid = SensorSpec.persistenceId(spec.id());
                SensorDescription sensor =
                    LinkProtocol.toProto(
                        spec,
                        readings.highestSeq(pid),
                        readings.acknowledgedSeq(pid),
                        readings.incarnation());
                description.addSensors(
                    ops.calibration(spec.id())
                        .map(c -> sensor.toBuilder().setCalibration(CalibrationProtocol.toProto(c)))
                        .map(SensorDescription.Builder::build)
                        .orElse(sensor));
              }
              control.actuators().values().stream()
                  .sorted(Comparator.comparing(a -> a.spec().id()))
                  .forEach(a -> description.addActuators(ControlProtocol.toProto(a)));
              control.loops().values().stream()
                  .sorted(Comparator.comparing(v -> v.spec().id()))
                  .forEach(v -> description.addLoops(ControlProtocol.toProto(v)));
              return description.build();
            });
  }

  @Override
  public Source<ReadingBatch, NotUsed> streamReadings(StreamReadingsRequest in) {
    try {
      checkReactor(in.getReactorId());
      fleet.check(in.getFleetId());
      if (in.getAfterCount() == 0) {
        throw invalid("name at least one sensor in 'after'");
      }
      if (in.getMaxBatchSize() < 0 || in.getMaxLingerMillis() < 0) {
        throw invalid("max_batch_size and max_linger_millis must not be negative");
      }
    } catch (GrpcServiceException e) {
      return Source.failed(e);
    }
    int batchSize =
        in.getMaxBatchSize() == 0
            ? link.maxBatchSize()
            : Math.min(in.getMaxBatchSize(), MAX_BATCH_SIZE);
    Duration linger =
        in.getMaxLingerMillis() == 0
            ? link.maxLinger()
            : min(Duration.ofMillis(in.getMaxLingerMillis()), MAX_LINGER);
    CompletionStage<Source<ReadingBatch, NotUsed>> stream =
        layout().thenApply(layout -> mergedReadings(layout, in.getAfterList(), batchSize, linger));
    return Source.completionStageSource(stream).mapMaterializedValue(ignored -> NotUsed.notUsed());
  }

  private Source<ReadingBatch, NotUsed> mergedReadings(
      Layout layout, List<SensorSeq> cursors, int batchSize, Duration linger) {
    Map<String, Long> after = new HashMap<>();
    Map<String, String> sensorOf = new HashMap<>();
    Set<String> seen = new HashSet<>();
    ReadingBatch.Builder problems = ReadingBatch.newBuilder().setIncarnation(incarnation());
    try {
      for (SensorSeq cursor : cursors) {
        checkRequest(cursor, seen);
        Optional<SensorProblem> problem = cursorProblem(layout, cursor);
        if (problem.isPresent()) {
          problems.addProblems(problem.get());
          continue;
        }
        String pid = SensorSpec.persistenceId(cursor.getSensorId());
        after.put(pid, cursor.getSeq());
        sensorOf.put(pid, cursor.getSensorId());
      }
    } catch (GrpcServiceException e) {
      return Source.failed(e);
    }
    Source<ReadingBatch, NotUsed> first =
        problems.getProblemsCount() == 0 ? Source.empty() : Source.single(problems.build());
    Source<ReadingBatch, NotUsed> streamed =
        after.isEmpty()
            ? Source.never()
            : query
                .eventsAfter(after, batchSize)
                .map(new SequenceJumps(after, sensorOf)::readings)
                .via(ReadingBatching.of(batchSize, linger))
                .map(this::batch)
                .mapAsync(1, this::marked);
    String incarnation = incarnation();
    return first
        .concat(streamed)
        .keepAlive(HEARTBEAT, () -> ReadingBatch.newBuilder().setIncarnation(incarnation).build());
  }

  private String incarnation() {
    return readings.incarnation();
  }

  /**
   * The batch, once the log's checkpoint holds every number in it: a coordinator may store what it
   * is sent, so a log that later loses its tail must still know those numbers are taken.
   */
  private CompletionStage<ReadingBatch> marked(ReadingBatch batch) {
    Map<String, Long> highest = new HashMap<>();
    for (io.forelight.frms.link.v1.Reading reading : batch.getReadingsList()) {
      long last = Math.max(reading.getSeq(), reading.getLost().getThroughSeq());
      highest.merge(SensorSpec.persistenceId(reading.getSensorId()), last, Math::max);
    }
    return readings.markSent(highest).thenApply(marked -> batch);
  }

  private ReadingBatch batch(List<List<io.forelight.frms.link.v1.Reading>> chunks) {
    ReadingBatch.Builder batch = ReadingBatch.newBuilder().setIncarnation(incarnation());
    chunks.forEach(batch::addAllReadings);
    return batch.build();
  }

  /** A malformed cursor fails the whole request: the caller is broken, not one sensor. */
  private void checkRequest(SensorSeq after, Set<String> seen) {
    if (!seen.add(after.getSensorId())) {
      throw invalid("sensor " + after.getSensorId() + " is named twice");
    }
    if (after.getSeq() < 0) {
      throw invalid(
          "sequence numbers start at 1; got " + after.getSeq() + " for " + after.getSensorId());
    }
  }

  /** Why this one sensor cannot be streamed from where the caller asks, if it cannot. */
  private Optional<SensorProblem> cursorProblem(Layout layout, SensorSeq after) {
    String sensorId = after.getSensorId();
    String pid = SensorSpec.persistenceId(sensorId);
    long highest = readings.highestSeq(pid);
    long acknowledged = readings.acknowledgedSeq(pid);
    if (layout.sensor(sensorId).isEmpty() && highest == 0) {
      return problem(
          sensorId,
          SensorProblem.Kind.UNKNOWN_SENSOR,
          "sensor '" + sensorId + "' is not on reactor " + reactorId);
    }
    if (!after.getIncarnation().isEmpty() && !after.getIncarnation().equals(incarnation())) {
      return problem(
          sensorId,
          SensorProblem.Kind.OTHER_INCARNATION,
          "asked for readings of log incarnation "
              + after.getIncarnation()
              + " but this reactor's log is incarnation "
              + incarnation());
    }
    if (after.getSeq() > highest) {
      return problem(
          sensorId,
          SensorProblem.Kind.LOG_ENDS_BEFORE,
          "asked for readings of "
              + sensorId
              + " after "
              + after.getSeq()
              + " but this reactor's log ends at "
              + highest
              + ": the log and the central store disagree");
    }
    if (after.getSeq() < acknowledged - 1) {
      return problem(
          sensorId,
          SensorProblem.Kind.ALREADY_DELETED,
          "readings of "
              + sensorId
              + " up to "
              + acknowledged
              + " were acknowledged as stored and may be deleted here (only the last can be"
              + " read again); cannot stream from "
              + (after.getSeq() + 1));
    }
    return Optional.empty();
  }

  private static Optional<SensorProblem> problem(
      String sensorId, SensorProblem.Kind kind, String reason) {
    return Optional.of(
        SensorProblem.newBuilder().setSensorId(sensorId).setKind(kind).setReason(reason).build());
  }

  @Override
  public CompletionStage<AcknowledgeReply> acknowledge(AcknowledgeRequest in) {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    try {
      checkReactor(in.getReactorId());
      fleet.check(in.getFleetId());
      for (SensorSeq stored : in.getStoredList()) {
        String pid = SensorSpec.persistenceId(stored.getSensorId());
        long highest = readings.highestSeq(pid);
        if (!stored.getIncarnation().isEmpty() && !stored.getIncarnation().equals(incarnation())) {
          throw new GrpcServiceException(
              Status.FAILED_PRECONDITION.withDescription(
                  "cannot acknowledge readings of log incarnation "
                      + stored.getIncarnation()
                      + ": this reactor's log is incarnation "
                      + incarnation()));
        }
        if (stored.getSeq() < 0 || stored.getSeq() > highest) {
          throw invalid(
              "cannot acknowledge "
                  + stored.getSeq()
                  + " for sensor '"
                  + stored.getSensorId()
                  + "': its log holds 1.."
                  + highest);
        }
      }
    } catch (GrpcServiceException e) {
      return CompletableFuture.failedFuture(e);
    }
    for (SensorSeq stored : in.getStoredList()) {
      acks.add(
          readings.acknowledge(SensorSpec.persistenceId(stored.getSensorId()), stored.getSeq()));
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .thenApply(done -> AcknowledgeReply.newBuilder().setLog(logStatus()).build());
  }

  @Override
  public CompletionStage<CommandReply> applyCommand(CommandRequest in) {
    LayoutChange change;
    Optional<LoopChange> loopChange;
    Optional<CalibrationRequest> calibration;
    try {
      checkReactor(in.getReactorId());
      fleet.check(in.getFleetId());
      if (in.getIdempotencyKey().isBlank()) {
        throw invalid("idempotency_key is required");
      }
      CommandRules.problem(in)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException(problem);
              });
      loopChange = ControlProtocol.loopChange(in);
      calibration = CalibrationProtocol.request(in);
      change =
          loopChange.isPresent() || calibration.isPresent() ? null : LinkProtocol.fromProto(in);
    } catch (GrpcServiceException e) {
      return CompletableFuture.failedFuture(e);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(invalid(e.getMessage()));
    }
    String key = in.getIdempotencyKey();
    String issuedBy = in.getIssuedBy().isBlank() ? "unknown" : in.getIssuedBy();
    if (calibration.isPresent()) {
      return calibrate(key, issuedBy, calibration.get());
    }
    return AskPattern.<ReactorNode.Command, SensorLayout.Outcome>ask(
            node,
            replyTo ->
                loopChange.isPresent()
                    ? new ReactorNode.ApplyLoopChange(
                        new Controller.Apply(key, issuedBy, loopChange.get(), replyTo))
                    : new ReactorNode.ApplyChange(
                        new SensorLayout.Apply(key, issuedBy, change, replyTo)),
            ASK_TIMEOUT,
            scheduler)
        .thenApply(
            outcome ->
                CommandReply.newBuilder()
                    .setIdempotencyKey(key)
                    .setOutcome(outcome.applied() ? Outcome.APPLIED : Outcome.REJECTED)
                    .setReason(outcome.reason())
                    .build());
  }

  /**
   * A calibration point: answered once the probe took it or refused it; while its reading settles,
   * the call fails UNAVAILABLE with how settled it is, and the coordinator asks again.
   */
  private CompletionStage<CommandReply> calibrate(
      String key, String issuedBy, CalibrationRequest request) {
    return AskPattern.<ReactorNode.Command, ProbeCalibration.Reply>ask(
            node,
            replyTo ->
                new ReactorNode.Calibrate(
                    new ProbeCalibrations.Request(key, issuedBy, request, replyTo)),
            CALIBRATION_TIMEOUT,
            scheduler)
        .thenApply(
            reply -> {
              if (!reply.settled()) {
                throw new GrpcServiceException(
                    Status.UNAVAILABLE.withDescription(
                        "waiting for a settled reading of "
                            + request.sensorId()
                            + ": "
                            + reply.waiting()));
              }
              return CommandReply.newBuilder()
                  .setIdempotencyKey(key)
                  .setOutcome(reply.outcome().applied() ? Outcome.APPLIED : Outcome.REJECTED)
                  .setReason(reply.outcome().reason())
                  .build();
            });
  }

  private CompletionStage<Layout> layout() {
    return AskPattern.ask(node, ReactorNode.GetLayout::new, ASK_TIMEOUT, scheduler);
  }

  private LogStatus logStatus() {
    FlashLog.Status status = readings.status();
    return LogStatus.newBuilder()
        .setUnacknowledgedReadings(status.unacknowledgedEvents())
        .setBytesOnDisk(status.bytesOnDisk())
        .setFull(readings.full().orElse(""))
        .build();
  }

  private void checkReactor(String requested) {
    if (requested.isBlank()) {
      throw invalid("reactor_id is required");
    }
    if (!requested.equals(reactorId)) {
      throw new GrpcServiceException(
          Status.NOT_FOUND.withDescription("this is reactor " + reactorId + ", not " + requested));
    }
  }

  private static GrpcServiceException invalid(String message) {
    return new GrpcServiceException(Status.INVALID_ARGUMENT.withDescription(message));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
