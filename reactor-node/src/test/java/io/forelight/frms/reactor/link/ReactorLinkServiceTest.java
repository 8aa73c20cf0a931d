package io.forelight.frms.reactor.link;

import static io.forelight.frms.reactor.link.LinkTestNode.REACTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.link.v1.AcknowledgeReply;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.Outcome;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.SensorProblem;
import io.forelight.frms.link.v1.SensorSeq;
import io.forelight.frms.link.v1.SetSensorEnabled;
import io.forelight.frms.link.v1.SetSensorInterval;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reactor's link over real gRPC, against a whole node on its real flash log: describe, replay
 * then live streaming (also to two coordinators at once), acknowledgement and retention, idempotent
 * commands. Sensor a is streamed, b is acknowledged, c is commanded.
 */
class ReactorLinkServiceTest {

  @TempDir static Path dataDir;
  private static LinkTestNode node;

  @BeforeAll
  static void start() throws Exception {
    node =
        new LinkTestNode(
            dataDir,
            "a { kind = temperature, driver = simulated, interval = 20ms }\n"
                + "b { kind = ph, driver = simulated, interval = 20ms }\n"
                + "c { kind = dissolved-oxygen, driver = simulated, interval = 20ms }");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static StreamReadingsRequest after(String sensor, long seq) {
    return StreamReadingsRequest.newBuilder()
        .setReactorId(REACTOR)
        .addAfter(SensorSeq.newBuilder().setSensorId(sensor).setSeq(seq))
        .build();
  }

  private static CompletableFuture<List<Reading>> take(StreamReadingsRequest request, int count) {
    return node.client
        .streamReadings(request)
        .mapConcat(batch -> batch.getReadingsList())
        .take(count)
        .runWith(Sink.seq(), node.clientSystem)
        .toCompletableFuture();
  }

  @Test
  void describesSensorsLogVersionAndClock() throws Exception {
    node.awaitLogged("a", 1);
    ReactorDescription description = node.describe();
    assertEquals(REACTOR, description.getReactorId());
    assertEquals(
        List.of("a", "b", "c"),
        description.getSensorsList().stream().map(s -> s.getSensorId()).toList());
    assertEquals("°C", node.sensor("a").getUnit());
    long skewMicros = Math.abs(description.getClockMicros() - System.currentTimeMillis() * 1000);
    assertTrue(skewMicros < 5_000_000, "reactor clock is its own wall clock");
    assertTrue(description.getLog().getUnacknowledgedReadings() > 0);
    assertTrue(description.getLog().getBytesOnDisk() > 0);
  }

  @Test
  void streamsTheBacklogThenLiveReadingsDenseAndInOrder() throws Exception {
    node.awaitLogged("a", 50);
    long logged = node.sensor("a").getLastSeq();
    List<Reading> readings = take(after("a", 0), (int) logged + 30).get(30, TimeUnit.SECONDS);
    for (int i = 0; i < readings.size(); i++) {
      assertEquals(i + 1, readings.get(i).getSeq(), "dense sequence from 1");
      assertEquals("a", readings.get(i).getSensorId());
    }
    assertTrue(readings.get(readings.size() - 1).getSeq() > logged, "went on live past the replay");
  }

  @Test
  void twoCoordinatorsStreamingAtOnceEachGetEveryReading() throws Exception {
    node.awaitLogged("a", 100);
    CompletableFuture<List<Reading>> first = take(after("a", 10), 150);
    CompletableFuture<List<Reading>> second = take(after("a", 10), 150);
    List<Reading> one = first.get(30, TimeUnit.SECONDS);
    assertEquals(one, second.get(30, TimeUnit.SECONDS));
    assertEquals(11, one.get(0).getSeq());
    assertEquals(160, one.get(149).getSeq());
  }

  @Test
  void acknowledgedReadingsAreDroppedFromTheLogAndNotStreamedAgain() throws Exception {
    node.awaitLogged("b", 40);
    long before = node.readings.status().unacknowledgedEvents();
    AcknowledgeReply reply =
        node.client
            .acknowledge(
                AcknowledgeRequest.newBuilder()
                    .setReactorId(REACTOR)
                    .addStored(SensorSeq.newBuilder().setSensorId("b").setSeq(40))
                    .build())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertTrue(reply.getLog().getUnacknowledgedReadings() < before);
    assertEquals(40, node.sensor("b").getAcknowledgedSeq());
    assertEquals(41, take(after("b", 40), 1).get(10, TimeUnit.SECONDS).get(0).getSeq());
    assertEquals(
        40,
        take(after("b", 39), 1).get(10, TimeUnit.SECONDS).get(0).getSeq(),
        "the last acknowledged reading can be read again");
    SensorProblem deleted = firstProblem(after("b", 38));
    assertEquals(SensorProblem.Kind.ALREADY_DELETED, deleted.getKind());
    assertTrue(deleted.getReason().contains("acknowledged as stored"), deleted.getReason());
  }

  @Test
  void aSensorThatCannotBeStreamedIsReportedAndTheOthersStreamOn() throws Exception {
    node.awaitLogged("a", 5);
    StreamReadingsRequest request =
        after("a", 0).toBuilder()
            .addAfter(SensorSeq.newBuilder().setSensorId("c").setSeq(Long.MAX_VALUE - 1))
            .addAfter(SensorSeq.newBuilder().setSensorId("nope"))
            .build();
    List<ReadingBatch> batches =
        node.client
            .streamReadings(request)
            .filter(batch -> batch.getProblemsCount() > 0 || batch.getReadingsCount() > 0)
            .take(3)
            .runWith(Sink.seq(), node.clientSystem)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    List<SensorProblem> problems = batches.get(0).getProblemsList();
    assertEquals(
        List.of(SensorProblem.Kind.LOG_ENDS_BEFORE, SensorProblem.Kind.UNKNOWN_SENSOR),
        problems.stream().map(SensorProblem::getKind).toList());
    assertEquals("c", problems.get(0).getSensorId());
    assertTrue(problems.get(0).getReason().contains("log ends at"), problems.get(0).getReason());
    assertTrue(
        batches.stream()
            .skip(1)
            .flatMap(batch -> batch.getReadingsList().stream())
            .allMatch(reading -> reading.getSensorId().equals("a")),
        "a streams on");
    assertTrue(batches.get(1).getReadingsCount() > 0);
  }

  @Test
  void everySensorAndBatchNamesTheLogIncarnationAndAnotherIsRefused() throws Exception {
    node.awaitLogged("a", 3);
    String incarnation = node.sensor("a").getIncarnation();
    assertEquals(node.readings.incarnation(), incarnation);
    assertEquals(36, incarnation.length(), "a random UUID");
    assertTrue(
        node.describe().getSensorsList().stream()
            .allMatch(sensor -> sensor.getIncarnation().equals(incarnation)));
    ReadingBatch batch =
        node.client
            .streamReadings(after("a", 0))
            .filter(b -> b.getReadingsCount() > 0)
            .runWith(Sink.head(), node.clientSystem)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals(incarnation, batch.getIncarnation());

    SensorSeq.Builder other = SensorSeq.newBuilder().setSensorId("a").setIncarnation("old-card");
    SensorProblem problem =
        firstProblem(
            StreamReadingsRequest.newBuilder().setReactorId(REACTOR).addAfter(other).build());
    assertEquals(SensorProblem.Kind.OTHER_INCARNATION, problem.getKind());
    assertStatus(
        node.client.acknowledge(
            AcknowledgeRequest.newBuilder()
                .setReactorId(REACTOR)
                .addStored(other.clone().setSeq(1))
                .build()),
        Status.Code.FAILED_PRECONDITION,
        "incarnation old-card");
    assertEquals(0, node.sensor("a").getAcknowledgedSeq(), "nothing acknowledged");
  }

  private static SensorProblem firstProblem(StreamReadingsRequest request) throws Exception {
    return node.client
        .streamReadings(request)
        .filter(batch -> batch.getProblemsCount() > 0)
        .runWith(Sink.head(), node.clientSystem)
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .getProblems(0);
  }

  @Test
  void appliesACommandOncePerKeyAndPersistsIt() throws Exception {
    CommandReply applied =
        command(
            "key-1",
            CommandRequest.newBuilder()
                .setSetSensorInterval(
                    SetSensorInterval.newBuilder().setSensorId("c").setIntervalMillis(500)));
    assertEquals(Outcome.APPLIED, applied.getOutcome());
    CommandReply repeated =
        command(
            "key-1",
            CommandRequest.newBuilder()
                .setSetSensorInterval(
                    SetSensorInterval.newBuilder().setSensorId("c").setIntervalMillis(40)));
    assertEquals(applied, repeated);
    assertEquals(500, node.sensor("c").getIntervalMillis());

    CommandReply unknown =
        command(
            "key-2",
            CommandRequest.newBuilder()
                .setSetSensorEnabled(
                    SetSensorEnabled.newBuilder().setSensorId("zz").setEnabled(false)));
    assertEquals(Outcome.REJECTED, unknown.getOutcome());
    assertEquals("sensor zz does not exist", unknown.getReason());

    CommandReply removeUnstored =
        command(
            "key-3",
            CommandRequest.newBuilder()
                .setRemoveSensor(
                    io.forelight.frms.link.v1.RemoveSensor.newBuilder().setSensorId("c")));
    assertEquals(Outcome.REJECTED, removeUnstored.getOutcome());
    assertTrue(removeUnstored.getReason().contains("not yet stored centrally"));
  }

  @Test
  void commandsChangeWhatTheNodeSamples() throws Exception {
    node.awaitLogged("c", 5);
    command(
        "rate",
        CommandRequest.newBuilder()
            .setSetSensorInterval(
                SetSensorInterval.newBuilder().setSensorId("c").setIntervalMillis(400)));
    long from = node.sensor("c").getLastSeq() + 1;
    node.awaitLogged("c", from);
    List<Reading> slow = take(after("c", from), 3).get(20, TimeUnit.SECONDS);
    for (int i = 1; i < slow.size(); i++) {
      long gapMicros = slow.get(i).getTakenAtMicros() - slow.get(i - 1).getTakenAtMicros();
      assertTrue(gapMicros > 300_000, "sampled every 400 ms now, gap " + gapMicros + " µs");
    }

    command(
        "off",
        CommandRequest.newBuilder()
            .setSetSensorEnabled(SetSensorEnabled.newBuilder().setSensorId("c").setEnabled(false)));
    io.forelight.frms.devkit.Await.until(
        java.time.Duration.ofSeconds(10),
        "sensor c disabled",
        () -> {
          try {
            return !node.sensor("c").getEnabled();
          } catch (Exception e) {
            return false;
          }
        });
    long stopped = node.sensor("c").getLastSeq();
    Thread.sleep(1000);
    assertTrue(node.sensor("c").getLastSeq() <= stopped + 1, "a disabled sensor logs nothing more");

    CommandReply added =
        command(
            "add-d",
            CommandRequest.newBuilder()
                .setAddSensor(
                    io.forelight.frms.link.v1.AddSensor.newBuilder()
                        .setSensorId("d")
                        .setKind("ph")
                        .setDriver("simulated")
                        .setIntervalMillis(50)));
    assertEquals(Outcome.APPLIED, added.getOutcome(), added.getReason());
    node.awaitLogged("d", 5);
    assertEquals("pH", node.sensor("d").getUnit());
  }

  @Test
  void answersBadRequestsWithAStatusThatNamesTheProblem() throws Exception {
    assertStatus(
        node.client.describe(
            io.forelight.frms.link.v1.DescribeRequest.newBuilder().setReactorId("other").build()),
        Status.Code.NOT_FOUND,
        "not other");
    assertStatus(
        take(after("a", 0).toBuilder().setReactorId("").build(), 1),
        Status.Code.INVALID_ARGUMENT,
        "reactor_id is required");
    assertEquals(SensorProblem.Kind.UNKNOWN_SENSOR, firstProblem(after("nope", 0)).getKind());
    assertStatus(take(after("a", -5), 1), Status.Code.INVALID_ARGUMENT, "got -5");
    assertStatus(
        take(
            after("a", 0).toBuilder().addAfter(SensorSeq.newBuilder().setSensorId("a")).build(), 1),
        Status.Code.INVALID_ARGUMENT,
        "named twice");
    assertStatus(
        take(StreamReadingsRequest.newBuilder().setReactorId(REACTOR).build(), 1),
        Status.Code.INVALID_ARGUMENT,
        "at least one sensor");
    assertStatus(
        node.client.acknowledge(
            AcknowledgeRequest.newBuilder()
                .setReactorId(REACTOR)
                .addStored(SensorSeq.newBuilder().setSensorId("a").setSeq(1L << 40))
                .build()),
        Status.Code.INVALID_ARGUMENT,
        "cannot acknowledge");
    assertStatus(
        node.client.applyCommand(
            CommandRequest.newBuilder().setReactorId(REACTOR).setIdempotencyKey("k").build()),
        Status.Code.INVALID_ARGUMENT,
        "names no command");
    assertStatus(
        node.client.applyCommand(
            CommandRequest.newBuilder()
                .setReactorId(REACTOR)
                .setSetSensorEnabled(SetSensorEnabled.newBuilder().setSensorId("a"))
                .build()),
        Status.Code.INVALID_ARGUMENT,
        "idempotency_key is required");
    assertStatus(
        node.client.applyCommand(
            CommandRequest.newBuilder()
                .setReactorId(REACTOR)
                .setIdempotencyKey("k-mode")
                .setSetLoopMode(
                    io.forelight.frms.link.v1.SetLoopMode.newBuilder()
                        .setLoopId("temperature")
                        .setMode("fast"))
                .build()),
        Status.Code.INVALID_ARGUMENT,
        "mode must be one of off, manual, auto, got 'fast'");
    assertEquals(3, take(after("a", 0), 3).get(10, TimeUnit.SECONDS).size(), "still serving");
  }

  @Test
  void refusesRequestsItCannotReadWithAStatusSayingWhy() throws Exception {
    assertRaw(
        "Describe",
        new byte[] {(byte) 0xFF, 0x13, 0x37},
        Status.Code.INVALID_ARGUMENT,
        "malformed request");
    assertRaw(
        "Describe",
        new byte[6 * 1024 * 1024],
        Status.Code.RESOURCE_EXHAUSTED,
        "larger than the link accepts");
    assertEquals(3, take(after("a", 0), 3).get(10, TimeUnit.SECONDS).size(), "still serving");
  }

  private static void assertRaw(String method, byte[] body, Status.Code code, String text)
      throws Exception {
    io.grpc.ManagedChannel channel =
        io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", node.port)
            .usePlaintext()
            .build();
    try {
      io.grpc.MethodDescriptor<byte[], byte[]> descriptor =
          io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName("frms.link.v1.ReactorLinkService/" + method)
              .setRequestMarshaller(RawBytes.INSTANCE)
              .setResponseMarshaller(RawBytes.INSTANCE)
              .build();
      CompletableFuture<Status> closed = new CompletableFuture<>();
      io.grpc.ClientCall<byte[], byte[]> call =
          channel.newCall(
              descriptor, io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
      call.start(
          new io.grpc.ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, io.grpc.Metadata trailers) {
              closed.complete(status);
            }
          },
          new io.grpc.Metadata());
      call.request(1);
      call.sendMessage(body);
      call.halfClose();
      Status status = closed.get(20, TimeUnit.SECONDS);
      if (code == Status.Code.RESOURCE_EXHAUSTED && status.getCode() == Status.Code.CANCELLED) {
        return; // refused while the client still sent: the reset can overtake the status
      }
      assertEquals(code, status.getCode(), String.valueOf(status.getDescription()));
      assertTrue(status.getDescription().contains(text), status.getDescription());
    } finally {
      channel.shutdownNow();
    }
  }

  private static CommandReply command(String key, CommandRequest.Builder request) throws Exception {
    return node.client
        .applyCommand(
            request.setReactorId(REACTOR).setIdempotencyKey(key).setIssuedBy("test").build())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static void assertStatus(
      java.util.concurrent.CompletionStage<?> call, Status.Code code, String text) {
    try {
      call.toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected " + code);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      assertTrue(cause instanceof StatusRuntimeException, "a gRPC status, got " + cause);
      Status status = ((StatusRuntimeException) cause).getStatus();
      assertEquals(code, status.getCode(), String.valueOf(status.getDescription()));
      assertTrue(status.getDescription().contains(text), status.getDescription());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
