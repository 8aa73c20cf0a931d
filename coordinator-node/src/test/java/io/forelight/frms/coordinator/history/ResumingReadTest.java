package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import io.forelight.frms.coordinator.readings.Quality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ResumingReadTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Points 1..10 at times 10, 20, 20, 30, ... (two at time 20). */
  private static final List<HistoryStore.Point> STORED = stored();

  private static List<HistoryStore.Point> stored() {
    List<HistoryStore.Point> points = new ArrayList<>();
    for (long seq = 1; seq <= 10; seq++) {
      long at = seq <= 2 ? seq * 10 : (seq - 1) * 10;
      points.add(new HistoryStore.Point(seq, at, seq, "u", Quality.GOOD, "", 0, 0));
    }
    return points;
  }

  /** Reads from a time; the first {@code failures} reads fail after giving three points. */
  private static final class FlakyStore {
    final List<Long> readsFrom = new ArrayList<>();
    int failures;

    FlakyStore(int failures) {
      this.failures = failures;
    }

    synchronized Source<HistoryStore.Point, NotUsed> from(long micros) {
      readsFrom.add(micros);
      Source<HistoryStore.Point, NotUsed> points =
          Source.from(STORED).filter(p -> p.takenAtMicros() >= micros);
      if (failures-- > 0) {
        return points
            .take(3)
            .concat(
                // after the points are taken (a failure would overtake points not yet taken)
                Source.single(0)
                    .initialDelay(Duration.ofMillis(100))
                    .flatMapConcat(
                        x ->
                            Source.failed(
                                new DriverTimeoutException("Query timed out after PT2S"))));
      }
      return points;
    }
  }

  private static List<Long> seqs(FlakyStore store, int attempts) throws Exception {
    return ResumingRead.of(store::from, 0, attempts, Duration.ofMillis(10))
        .map(HistoryStore.Point::seq)
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFailedReadResumesAfterTheLastPointGivenWithoutRepeatingOrSkippingOne() throws Exception {
    FlakyStore store = new FlakyStore(2);

    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seqs(store, 5));
    // 1, 2, 3 (at 10, 20, 20) then a failure: again from 20, where 2 and 3 are skipped and 4
    // (at 30) comes, then a failure: again from 30
    assertEquals(List.of(0L, 20L, 30L), store.readsFrom);
  }

  @Test
  void whenEveryTryFailsTheStreamFails() {
    FlakyStore store = new FlakyStore(10);

    ExecutionException failed = assertThrows(ExecutionException.class, () -> seqs(store, 2));
    assertEquals(DriverTimeoutException.class, failed.getCause().getClass());
    assertEquals(3, store.readsFrom.size(), "the first read and two more");
  }
}
