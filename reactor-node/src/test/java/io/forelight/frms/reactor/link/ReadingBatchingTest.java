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
 * Batches of a reading stream: a chunk goes as soon as the link asks unless the last batch left
 * less than a linger ago; what arrives while it waits, or while the link is busy, joins it, up to
 * the batch size.
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
  void withALingerTheFirstChunkGoesAtOnceAndTheNextJoinWhatArrivesUntilTheLingerEnds() {
    var streams = batching(1000, Duration.ofSeconds(2));
    streams.second().request(2);
    streams.first().sendNext(chunk(8));
    assertEquals(List.of(chunk(8)), streams.second().expectNext(Duration.ofSeconds(1)));

    streams.first().sendNext(chunk(3)).sendNext(chunk(4));
    streams.second().expectNoMessage(Duration.ofMillis(700));
    assertEquals(List.of(chunk(3), chunk(4)), streams.second().expectNext(Duration.ofSeconds(3)));
  }

  @Test
  void aFullBatchDoesNotWaitForTheLinger() {
    var streams = batching(10, Duration.ofSeconds(30));
    streams.second().request(3);
    streams.first().sendNext(chunk(2));
    assertEquals(List.of(chunk(2)), streams.second().expectNext(Duration.ofSeconds(5)));

    streams.first().sendNext(chunk(6)).sendNext(chunk(4)).sendNext(chunk(6));
    assertEquals(List.of(chunk(6), chunk(4)), streams.second().expectNext(Duration.ofSeconds(5)));
    streams.first().sendNext(chunk(5));
    assertEquals(List.of(chunk(6)), streams.second().expectNext(Duration.ofSeconds(5)));
  }

  @Test
  void whatIsLeftGoesWhenTheLogEnds() {
    var streams = batching(1000, Duration.ofSeconds(1));
    streams.first().sendNext(chunk(2)).sendNext(chunk(3)).sendComplete();
    streams.second().request(5);
    assertEquals(List.of(chunk(2), chunk(3)), streams.second().expectNext(Duration.ofSeconds(5)));
    streams.second().expectComplete();
  }
}
