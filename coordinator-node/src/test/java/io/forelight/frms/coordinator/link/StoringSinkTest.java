package io.forelight.frms.coordinator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.link.v1.Reading;
import io.forelight.frms.link.v1.ReadingBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The end of a link's stream without gRPC: batches joined while a store is in flight (never past
 * the bound), one store at a time, acknowledgements at most once per interval carrying the latest
 * positions, and a gap or a failed store ending the stream with its reason.
 */
class StoringSinkTest {

  private static final ActorTestKit testKit = ActorTestKit.create("storing-sink");

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

  private static Pair<KillSwitch, CompletionStage<Done>> run(
      Source<ReadingBatch, ?> batches,
      int maxReadingsPerStore,
      Duration acknowledgeInterval,
      Function<ReadingBatch, CompletionStage<SensorLog.Appended>> store,
      Function<Map<String, Long>, CompletionStage<Done>> acknowledge,
      ReadingsInHand room) {
    ReadingPipeline.Hooks hooks = new ReadingPipeline.Hooks(() -> {}, store, acknowledge, room);
    return batches
        .toMat(
            new StoringSink(maxReadingsPerStore, acknowledgeInterval, hooks, room.share()),
            Keep.right())
        .run(testKit.system());
  }

  private static ReadingsInHand room() {
    return new ReadingsInHand(1000, testKit.system().executionContext());
  }

  @Test
  void joinsTheBatchesThatArriveWhileAStoreIsInFlightNeverPastTheBound() throws Exception {
    List<CompletableFuture<SensorLog.Appended>> inFlight = new CopyOnWriteArrayList<>();
    List<Integer> storeSizes = new CopyOnWriteArrayList<>();
    List<Map<String, Long>> acknowledged = new CopyOnWriteArrayList<>();
    ReadingsInHand room = room();
    Pair<KillSwitch, CompletionStage<Done>> stream =
        run(
            Source.from(batches(5)),
            7,
            Duration.ZERO,
            batch -> {
              storeSizes.add(batch.getReadingsCount());
              CompletableFuture<SensorLog.Appended> store = new CompletableFuture<>();
              inFlight.add(store);
              return store.thenApply(done -> stored(batch));
            },
            positions -> {
              acknowledged.add(positions);
              return CompletableFuture.completedFuture(Done.getInstance());
            },
            room);

    // store 1 holds batch 1; batches 2 and 3 join (6), batch 4 would pass 7: it waits, unjoined
    Await.until(
        Duration.ofSeconds(5),
        "store 1 in flight, batches 2-4 admitted",
        () -> inFlight.size() == 1 && room.held() == 12);
    inFlight.get(0).complete(null);
    // store 2 takes batches 2 and 3; batch 5 joins batch 4
    Await.until(
        Duration.ofSeconds(5),
        "store 2 in flight, batch 5 admitted",
        () -> inFlight.size() == 2 && room.held() == 12);
    inFlight.get(1).complete(null);
    Await.until(Duration.ofSeconds(5), "store 3 in flight", () -> inFlight.size() == 3);
    inFlight.get(2).complete(null);

    stream.second().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(3, 6, 6), storeSizes);
    assertEquals(Map.of("s1", 15L), acknowledged.get(acknowledged.size() - 1));
    assertEquals(0, room.held(), "room given back once stored");
  }

  @Test
  void acknowledgesAtMostOncePerIntervalAndTheLastCarriesTheNewestPosition() throws Exception {
    Duration interval = Duration.ofMillis(100);
    List<Long> askedAtNanos = new CopyOnWriteArrayList<>();
    List<Map<String, Long>> acknowledged = new CopyOnWriteArrayList<>();
    Pair<KillSwitch, CompletionStage<Done>> stream =
        run(
            Source.from(batches(40)).throttle(1, Duration.ofMillis(10)),
            100,
            interval,
            batch -> CompletableFuture.completedFuture(stored(batch)),
            positions -> {
              askedAtNanos.add(System.nanoTime());
              acknowledged.add(positions);
              return CompletableFuture.completedFuture(Done.getInstance());
            },
            room());

    stream.second().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(askedAtNanos.size() >= 2, "acknowledged while streaming: " + askedAtNanos.size());
    assertTrue(askedAtNanos.size() < 40, "conflated, not one per batch: " + askedAtNanos.size());
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < askedAtNanos.size(); i++) {
      gaps.add(askedAtNanos.get(i) - askedAtNanos.get(i - 1));
    }
    assertTrue(
        gaps.stream().allMatch(gap -> gap >= interval.toNanos()),
        "at least " + interval + " apart, got gaps (ns) " + gaps);
    assertEquals(Map.of("s1", 120L), acknowledged.get(acknowledged.size() - 1));
  }

  /** Why three batches stored by {@code store} ended the stream. */
  private static Throwable endOf(
      Function<ReadingBatch, CompletionStage<SensorLog.Appended>> store, ReadingsInHand room) {
    Pair<KillSwitch, CompletionStage<Done>> stream =
        run(
            Source.from(batches(3)),
            100,
            Duration.ZERO,
            store,
            positions -> CompletableFuture.completedFuture(Done.getInstance()),
            room);
    return assertThrows(
            ExecutionException.class,
            () -> stream.second().toCompletableFuture().get(5, TimeUnit.SECONDS))
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
}
