package io.forelight.frms.coordinator.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.forelight.frms.coordinator.live.LiveReadings.LiveBatch;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LiveReadingsTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aReactorsLiveBatchesCarryItsReadingsOnlyThoughItSharesItsTopic() throws Exception {
    LiveReadings live = new LiveReadings(testKit.system());
    String watched = "reactor-1";
    String neighbour = sharingTopicWith(watched);
    var received =
        live.batchesOf(watched, 10)
            .take(2)
            .runWith(Sink.seq(), testKit.system())
            .toCompletableFuture();

    live.publish(watched, List.of(reading(1)));
    live.publish(neighbour, List.of(reading(7)));
    live.publish(watched, List.of(reading(2)));

    List<LiveBatch> batches = received.get(10, TimeUnit.SECONDS);
    assertEquals(List.of(watched, watched), batches.stream().map(LiveBatch::reactorId).toList());
    assertEquals(List.of(1L, 2L), batches.stream().map(b -> b.readings().get(0).seq()).toList());
  }

  /**
   * Pinned: every node must place a reactor in the same topic, so a change of the function splits
   * the live views of a cluster running both versions (say so in the release notes).
   */
  @Test
  void aReactorsTopicIsFixedAndAFleetSpreadsOverAllOfThem() {
    assertEquals(46, LiveReadings.topicOf("reactor-1"));
    assertEquals(28, LiveReadings.topicOf("r-042"));
    assertEquals(
        LiveReadings.TOPICS,
        IntStream.range(0, 1000).map(i -> LiveReadings.topicOf("reactor-" + i)).distinct().count());
  }

  private static String sharingTopicWith(String reactorId) {
    String other =
        IntStream.range(0, 10_000)
            .mapToObj(i -> "other-" + i)
            .filter(id -> LiveReadings.topicOf(id) == LiveReadings.topicOf(reactorId))
            .findFirst()
            .orElseThrow();
    assertNotEquals(reactorId, other);
    return other;
  }

  private static Reading reading(long seq) {
    return new Reading("temperature", seq, seq * 1_000_000, 37.0, "°C", Quality.GOOD, "");
  }
}
