package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.coordinator.storage.WriteGate;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A link's reading call against a reactor without a network ({@link FakeReadingCall}): batches
 * joined while a store is in flight (never past the bound), one store at a time, acknowledgements
 * at most once per interval carrying the latest positions, a gap or a failed store ending the
 * stream with its reason, and silence ending it only while the link asks.
 */
class ReadingCallTest {

  private static final ActorTestKit testKit = ActorTestKit.create("reading-call");
  private static final Duration SILENCE = Duration.ofMillis(300);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Three readings of s1 per batch, numbered on from {@code first}. */
  private static ReadingBatch batch(long first) {
    ReadingBatch.Builder batch = ReadingBatch.newBuilder();
    for (long seq = first; seq < first + 3; seq++) {
      batch.addReadings(Reading.newBuilder().setSensorId("s1").setSeq(seq));
    }
    return batch.build();
  }

  private static List<ReadingBatch> batches(int count) {
    return IntStream.range(0, count).mapToObj(i -> batch(1 + 3L * i)).toList();
  }

  private static SensorLog.Appended stored(ReadingBatch batch) {
    long newest = batch.getReadings(batch.getReadingsCount() - 1).getSeq();
    return new SensorLog.Appended(
        Map.of("s1", newest), Map.of(), Map.of(), batch.getReadingsCount(), 0, 0);
  }

  private static LinkSettings settings(int maxReadingsPerStore, Duration acknowledgeInterval) {
    return new LinkSettings(
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        0.2,
        100,
        Duration.ZERO,
        maxReadingsPerStore,
        SILENCE,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        acknowledgeInterval,
        Duration.ofMinutes(1));
  }

  private static ReadingCall run(
      FakeReadingCall reactor,
      int maxReadingsPerStore,
      Duration acknowledgeInterval,
      Function<ReadingBatch, CompletionStage<SensorLog.Appended>> store,
      Function<Map<String, Long>, CompletionStage<Done>> acknowledge,
      ReadingsInHand room) {
    return run(
        reactor,
        maxReadingsPerStore,
        acknowledgeInterval,
        ReadingPipeline.Turn.NONE,
        store,
        acknowledge,
        room);
  }

  private static ReadingCall run(
      FakeReadingCall reactor,
      int maxReadingsPerStore,
      Duration acknowledgeInterval,
      ReadingPipeline.Turn turn,
      Function<ReadingBatch, CompletionStage<SensorLog.Appended>> store,
      Function<Map<String, Long>, CompletionStage<Done>> acknowledge,
      ReadingsInHand room) {
    ReadingCall call =
        new ReadingCall(
            reactor,
            settings(maxReadingsPerStore, acknowledgeInterval),
            new ReadingPipeline.Hooks(() -> {}, turn, store, acknowledge, room),
            testKit.system().classicSystem().scheduler(),
            testKit.system().executionContext());
    call.start(StreamReadingsRequest.newBuilder().setReactorId("r1").build());
    return call;
  }

  private static ReadingsInHand room() {
    return new ReadingsInHand(1000, testKit.system().executionContext());
  }

  private static CompletionStage<Done> acknowledged() {
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Test
  void joinsTheBatchesThatArriveWhileAStoreIsInFlightNeverPastTheBound() throws Exception {
    List<CompletableFuture<SensorLog.Appended>> inFlight = new CopyOnWriteArrayList<>();
    List<Integer> storeSizes = new CopyOnWriteArrayList<>();
    List<Map<String, Long>> acknowledgements = new CopyOnWriteArrayList<>();
    ReadingsInHand room = room();
    FakeReadingCall reactor = FakeReadingCall.sending(batches(5), Duration.ZERO);
    ReadingCall call =
        run(
            reactor,
            7,
            Duration.ZERO,
            batch -> {
              storeSizes.add(batch.getReadingsCount());
              CompletableFuture<SensorLog.Appended> store = new CompletableFuture<>();
              inFlight.add(store);
              return store.thenApply(done -> stored(batch));
            },
            positions -> {
              acknowledgements.add(positions);
              return acknowledged();
            },
            room);

    // store 1 holds batch 1; batches 2 and 3 join (6), batch 4 would pass 7: it waits, unjoined
    Await.until(
        Duration.ofSeconds(5),
        "store 1 in flight, batches 2-4 admitted",
        () -> inFlight.size() == 1 && room.held() == 12);
    assertEquals(4, reactor.asked.get(), "no batch asked for while one waits unjoined");
    inFlight.get(0).complete(null);
    // store 2 takes batches 2 and 3; batch 5 joins batch 4
    Await.until(
        Duration.ofSeconds(5),
        "store 2 in flight, batch 5 admitted",
        () -> inFlight.size() == 2 && room.held() == 12);
    inFlight.get(1).complete(null);
    Await.until(Duration.ofSeconds(5), "store 3 in flight", () -> inFlight.size() == 3);
    inFlight.get(2).complete(null);

    call.ended().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(3, 6, 6), storeSizes);
    assertEquals(Map.of("s1", 15L), acknowledgements.get(acknowledgements.size() - 1));
    assertEquals(0, room.held(), "room given back once stored");
    assertEquals("r1", reactor.request.get(5, TimeUnit.SECONDS).getReactorId());
  }

  @Test
  void aStoreWaitingForItsTurnTakesTheBatchesThatArrivedMeanwhile() throws Exception {
    WriteGate gate = new WriteGate(1, 10, testKit.system().executionContext());
    CompletableFuture<Void> otherWrite = new CompletableFuture<>();
    gate.run(() -> otherWrite); // another link's write holds the only permit
    List<Integer> storeSizes = new CopyOnWriteArrayList<>();
    ReadingsInHand room = room();
    ReadingCall call =
        run(
            FakeReadingCall.sending(batches(3), Duration.ZERO),
            100,
            Duration.ZERO,
            gate::run,
            batch -> {
              storeSizes.add(batch.getReadingsCount());
              return CompletableFuture.completedFuture(stored(batch));
            },
            positions -> acknowledged(),
            room);

    Await.until(
        Duration.ofSeconds(5),
        "all three batches admitted while the store waits for its turn",
        () -> room.held() == 9 && gate.waiting() == 1);
    assertEquals(List.of(), storeSizes, "nothing stored before the turn came");
    otherWrite.complete(null);

    call.ended().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(9), storeSizes, "one store of everything that arrived while it waited");
    assertEquals(0, room.held(), "room given back once stored");
  }

  @Test
  void aStoreRefusedATurnEndsTheStreamNamingWhy() {
    WriteGate gate = new WriteGate(1, 0, testKit.system().executionContext());
    gate.run(CompletableFuture::new); // holds the only permit; no write may wait
    ReadingsInHand room = room();
    ReadingCall call =
        run(
            FakeReadingCall.sending(batches(1), Duration.ZERO),
            100,
            Duration.ZERO,
            gate::run,
            batch -> CompletableFuture.completedFuture(stored(batch)),
            positions -> acknowledged(),
            room);

    ExecutionException ended =
        assertThrows(
            ExecutionException.class,
            () -> call.ended().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertInstanceOf(WriteGate.Overloaded.class, ended.getCause());
    Await.until(Duration.ofSeconds(5), "the room given back", () -> room.held() == 0);
  }

  @Test
  void acknowledgesAtMostOncePerIntervalAndTheLastCarriesTheNewestPosition() throws Exception {
    Duration interval = Duration.ofMillis(100);
    List<Long> askedAtNanos = new CopyOnWriteArrayList<>();
    List<Map<String, Long>> acknowledgements = new CopyOnWriteArrayList<>();
    ReadingCall call =
        run(
            FakeReadingCall.sending(batches(40), Duration.ofMillis(10)),
            100,
            interval,
            batch -> CompletableFuture.completedFuture(stored(batch)),
            positions -> {
              askedAtNanos.add(System.nanoTime());
              acknowledgements.add(positions);
              return acknowledged();
            },
            room());

    call.ended().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(askedAtNanos.size() >= 2, "acknowledged while streaming: " + askedAtNanos.size());
    assertTrue(askedAtNanos.size() < 40, "conflated, not one per batch: " + askedAtNanos.size());
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < askedAtNanos.size(); i++) {
      gaps.add(askedAtNanos.get(i) - askedAtNanos.get(i - 1));
    }
    assertTrue(
        gaps.stream().allMatch(gap -> gap >= interval.toNanos()),
        "at least " + interval + " apart, got gaps (ns) " + gaps);
    assertEquals(Map.of("s1", 120L), acknowledgements.get(acknowledgements.size() - 1));
  }

  /** Why three batches stored by {@code store} ended the stream. */
  private static Throwable endOf(
      Function<ReadingBatch, CompletionStage<SensorLog.Appended>> store, ReadingsInHand room) {
    ReadingCall call =
        run(
            FakeReadingCall.sending(batches(3), Duration.ZERO),
            100,
            Duration.ZERO,
            store,
            positions -> acknowledged(),
            room);
    return assertThrows(
            ExecutionException.class,
            () -> call.ended().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .getCause();
  }

  @Test
  void aGapReportedByTheStoreEndsTheStreamNamingIt() {
    Throwable ended =
        endOf(
            batch ->
                CompletableFuture.completedFuture(
                    new SensorLog.Appended(Map.of(), Map.of("s1", 1L), Map.of(), 0, 0, 0)),
            room());
    assertInstanceOf(ReadingPipeline.GapFound.class, ended);
    assertTrue(ended.getMessage().contains("s1=1"), ended.getMessage());
  }

  @Test
  void aFailedStoreEndsTheStreamWithItsCauseAndGivesBackTheRoom() {
    ReadingsInHand room = room();
    Throwable ended =
        endOf(
            batch ->
                CompletableFuture.<SensorLog.Appended>failedFuture(
                        new IllegalStateException("Cassandra is down"))
                    .thenApply(appended -> appended),
            room);
    assertEquals("Cassandra is down", ended.getMessage());
    Await.until(Duration.ofSeconds(5), "the room given back", () -> room.held() == 0);
  }

  @Test
  void aSilentReactorFailsTheStreamWhileAskedAndTheCallIsCancelled() throws Exception {
    FakeReadingCall reactor = FakeReadingCall.silent();
    ReadingCall call =
        run(
            reactor,
            100,
            Duration.ZERO,
            batch -> CompletableFuture.completedFuture(stored(batch)),
            positions -> acknowledged(),
            room());

    Throwable error =
        assertThrows(
                ExecutionException.class,
                () -> call.ended().toCompletableFuture().get(5, TimeUnit.SECONDS))
            .getCause();
    assertInstanceOf(TimeoutException.class, error);
    assertTrue(error.getMessage().contains("while asked for more"), error.getMessage());
    assertTrue(reactor.cancelled.get(5, TimeUnit.SECONDS).contains("sent nothing"));
  }

  @Test
  void timeSpentStoringIsNotSilence() throws Exception {
    CompletableFuture<SensorLog.Appended> slowStore = new CompletableFuture<>();
    FakeReadingCall reactor = FakeReadingCall.sending(batches(1), Duration.ZERO);
    ReadingCall call =
        run(
            reactor,
            1, // a second batch would not join: nothing asked while the first is stored
            Duration.ZERO,
            batch -> slowStore,
            positions -> acknowledged(),
            room());

    // the store takes five silences (the link waiting its turn to store): the stream lives on
    assertThrows(
        TimeoutException.class,
        () ->
            call.ended().toCompletableFuture().get(SILENCE.toMillis() * 5, TimeUnit.MILLISECONDS));
    slowStore.complete(stored(batch(1)));
    call.ended().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void shuttingDownCancelsTheCallAndFinishesWhatWasAdmitted() throws Exception {
    CompletableFuture<SensorLog.Appended> store = new CompletableFuture<>();
    List<Map<String, Long>> acknowledgements = new CopyOnWriteArrayList<>();
    ReadingsInHand room = room();
    FakeReadingCall reactor = FakeReadingCall.sending(batches(100), Duration.ofMillis(20));
    ReadingCall call =
        run(
            reactor,
            100,
            Duration.ZERO,
            batch -> store.thenApply(done -> stored(batch)),
            positions -> {
              acknowledgements.add(positions);
              return acknowledged();
            },
            room);
    Await.until(Duration.ofSeconds(5), "a batch admitted", () -> room.held() > 0);

    call.shutdown();
    reactor.cancelled.get(5, TimeUnit.SECONDS);
    store.complete(null);

    call.ended().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertTrue(acknowledgements.size() >= 1, "what was stored is acknowledged");
    Await.until(Duration.ofSeconds(5), "the room given back", () -> room.held() == 0);
  }
}
