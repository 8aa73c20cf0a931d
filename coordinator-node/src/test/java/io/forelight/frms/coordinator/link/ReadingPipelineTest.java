package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.link.v1.AcknowledgeReply;
import io.forelight.frms.link.v1.AcknowledgeRequest;
import io.forelight.frms.link.v1.CommandReply;
import io.forelight.frms.link.v1.CommandRequest;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkService;
import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reading stream of a link over real gRPC, against a reactor that streams a reading every 20 ms
 * and may leave acknowledgements unanswered: a late acknowledgement does not end the stream (the
 * next one carries the latest positions), a refused one does.
 */
class ReadingPipelineTest {

  private static final Duration CALL_TIMEOUT = Duration.ofMillis(300);
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "pipeline", ConfigFactory.parseString("pekko.http.server.enable-http2 = on"));
  private static final AtomicLong newestStored = new AtomicLong();
  private static SlowReactor reactor;
  private static ServerBinding binding;
  private LinkClient client;

  /** Streams s1 readings 1, 2, 3, ...; answers acknowledgements only once told to. */
  private static final class SlowReactor implements ReactorLinkService {
    final AtomicInteger acknowledgementsAsked = new AtomicInteger();
    final List<AcknowledgeRequest> answered = new CopyOnWriteArrayList<>();
    volatile boolean answering;

    @Override
    public Source<ReadingBatch, NotUsed> streamReadings(StreamReadingsRequest in) {
      AtomicLong seq = new AtomicLong();
      return Source.tick(Duration.ZERO, Duration.ofMillis(20), "tick")
          .map(
              tick ->
                  ReadingBatch.newBuilder()
                      .addReadings(
                          Reading.newBuilder().setSensorId("s1").setSeq(seq.incrementAndGet()))
                      .build())
          .mapMaterializedValue(cancellable -> NotUsed.notUsed());
    }

    @Override
    public CompletionStage<AcknowledgeReply> acknowledge(AcknowledgeRequest in) {
      acknowledgementsAsked.incrementAndGet();
      if (!answering) {
        return new CompletableFuture<>();
      }
      answered.add(in);
      return CompletableFuture.completedFuture(AcknowledgeReply.getDefaultInstance());
    }

    @Override
    public CompletionStage<ReactorDescription> describe(DescribeRequest in) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("describe"));
    }

    @Override
    public CompletionStage<CommandReply> applyCommand(CommandRequest in) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("applyCommand"));
    }
  }

  @BeforeAll
  static void startReactor() throws Exception {
    reactor = new SlowReactor();
    binding = TestReactors.serve(reactor, testKit.system());
  }

  @AfterAll
  static void stop() {
    binding.unbind();
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void connect() {
    reactor.answering = false;
    reactor.answered.clear();
    reactor.acknowledgementsAsked.set(0);
    client = new LinkClient("127.0.0.1", binding.localAddress().getPort(), Optional.empty());
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static LinkSettings settings() {
    return new LinkSettings(
        Duration.ofMillis(200),
        Duration.ofSeconds(3),
        0.3,
        100,
        Duration.ofMillis(20),
        100,
        Duration.ofSeconds(10),
        CALL_TIMEOUT,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMillis(50),
        Duration.ofSeconds(2));
  }

  /** Stores every batch at once: the s1 position is the newest seq stored. */
  private static CompletionStage<SensorLog.Appended> store(ReadingBatch batch) {
    long newest = batch.getReadings(batch.getReadingsCount() - 1).getSeq();
    newestStored.set(newest);
    return CompletableFuture.completedFuture(
        new SensorLog.Appended(
            Map.of("s1", newest), Map.of(), Map.of(), batch.getReadingsCount(), 0, 0));
  }

  /** What ReactorConnection does: the call, failed after the call timeout if unanswered. */
  private CompletionStage<Done> acknowledge(Map<String, Long> positions) {
    return client
        .acknowledge(
            AcknowledgeRequest.newBuilder()
                .setReactorId("reactor-1")
                .addAllStored(LinkProtocol.toProto(positions, Map.of("s1", "log-1")))
                .build())
        .toCompletableFuture()
        .orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(reply -> Done.getInstance());
  }

  private ReadingCall run(
      java.util.function.Function<Map<String, Long>, CompletionStage<Done>> acknowledge) {
    return run(acknowledge, new ReadingsInHand(1000, testKit.system().executionContext()));
  }

  private ReadingCall run(
      java.util.function.Function<Map<String, Long>, CompletionStage<Done>> acknowledge,
      ReadingsInHand inHand) {
    return ReadingPipeline.run(
        client,
        StreamReadingsRequest.newBuilder().setReactorId("reactor-1").build(),
        settings(),
        new ReadingPipeline.Hooks(
            () -> {}, ReadingPipeline.Turn.NONE, ReadingPipelineTest::store, acknowledge, inHand),
        testKit.system());
  }

  @Test
  void aLinkTakesReadingsOnlyWhenTheNodeHasRoomAndGivesItBackWhenTheStreamEnds() throws Exception {
    reactor.answering = true;
    ReadingsInHand room = new ReadingsInHand(5, testKit.system().executionContext());
    room.take(5); // another link holds all of it
    newestStored.set(0);
    ReadingCall ended = run(this::acknowledge, room);
    Await.until(Duration.ofSeconds(10), "the link waiting for room", () -> room.waiting() == 1);
    ended.shutdown();
    Await.until(Duration.ofSeconds(10), "an ended stream asks no more", () -> room.waiting() == 0);

    ReadingCall stream = run(this::acknowledge, room);
    Await.until(Duration.ofSeconds(10), "the link waiting for room", () -> room.waiting() == 1);
    assertEquals(0, newestStored.get(), "nothing stored without room");
    room.release(5);
    Await.until(Duration.ofSeconds(10), "stores once there is room", () -> newestStored.get() > 3);

    stream.shutdown();
    Await.until(Duration.ofSeconds(10), "the stream's room given back", () -> room.held() == 0);
  }

  @Test
  void acknowledgementsThatTimeOutDoNotEndTheStreamAndTheNextCarriesTheLatestPositions() {
    ReadingCall stream = run(this::acknowledge);

    Await.until(
        Duration.ofSeconds(10),
        "acknowledgements left unanswered past the call timeout",
        () -> reactor.acknowledgementsAsked.get() >= 4);
    assertFalse(stream.ended().toCompletableFuture().isDone(), "the stream goes on after timeouts");

    long storedWhileUnanswered = newestStored.get();
    reactor.answering = true;
    Await.until(
        Duration.ofSeconds(10), "an acknowledgement answered", () -> reactor.answered.size() >= 2);
    long acknowledged = reactor.answered.get(1).getStored(0).getSeq();
    assertTrue(
        acknowledged >= storedWhileUnanswered,
        "it carries what was stored while unanswered ("
            + storedWhileUnanswered
            + "), got "
            + acknowledged);

    stream.shutdown();
    Await.until(
        Duration.ofSeconds(5),
        "the stream completed normally",
        () -> stream.ended().toCompletableFuture().isDone());
    assertFalse(stream.ended().toCompletableFuture().isCompletedExceptionally());
  }

  @Test
  void anAcknowledgementRefusedEndsTheStreamNamingWhy() throws Exception {
    ReadingCall stream =
        run(
            positions ->
                CompletableFuture.failedFuture(
                    new IllegalStateException("not acknowledging: this node lost the lease")));
    ExecutionException ended =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () -> stream.ended().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals("not acknowledging: this node lost the lease", ended.getCause().getMessage());
  }
}
