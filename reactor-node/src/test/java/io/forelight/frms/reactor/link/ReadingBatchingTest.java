package io.forelight.frms.reactor.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.link.v1.Reading;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.testkit.TestPublisher;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.apache.pekko.stream.testkit.javadsl.TestSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Batches of a reading stream: without a linger a chunk goes as soon as the link asks and what
 * arrives while it is busy joins the next batch, up to the batch size; with one, a batch waits.
 */
class ReadingBatchingTest {

  private static final ActorTestKit testKit = ActorTestKit.create("reading-batching");

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Pair<TestPublisher.Probe<List<Reading>>, TestSubscriber.Probe<List<List<Reading>>>>
      batching(int batchSize, Duration linger) {
    return TestSource.<List<Reading>>probe(testKit.system().classicSystem())
        .via(ReadingBatching.of(batchSize, linger))
        .toMat(TestSink.probe(testKit.system().classicSystem()), Keep.both())
        .run(testKit.system());
  }

  private static List<Reading> chunk(int readings) {
    return java.util.stream.LongStream.rangeClosed(1, readings)
        .mapToObj(seq -> Reading.newBuilder().setSensorId("s1").setSeq(seq).build())
        .toList();
  }

  @Test
  void withoutLingerAChunkGoesAsSoonAsTheLinkAsks() {
    var streams = batching(1000, Duration.ZERO);
    streams.second().request(1);
    streams.first().sendNext(chunk(8));

    assertEquals(List.of(chunk(8)), streams.second().expectNext(Duration.ofMillis(100)));
  }

  @Test
  void whileTheLinkIsBusyChunksJoinUpToTheBatchSize() {
    var streams = batching(20, Duration.ZERO);
    streams.first().sendNext(chunk(8)).sendNext(chunk(8)).sendNext(chunk(8));

    streams.second().request(1);
    assertEquals(List.of(chunk(8), chunk(8)), streams.second().expectNext());
    streams.second().request(1);
    assertEquals(List.of(chunk(8)), streams.second().expectNext());
  }

  @Test
  void aLingerHoldsTheBatchOpenToFillIt() {
    var streams = batching(1000, Duration.ofMillis(500));
    streams.second().request(1);
    streams.first().sendNext(chunk(8));

    streams.second().expectNoMessage(Duration.ofMillis(300));
    assertEquals(List.of(chunk(8)), streams.second().expectNext(Duration.ofSeconds(2)));
  }
}
