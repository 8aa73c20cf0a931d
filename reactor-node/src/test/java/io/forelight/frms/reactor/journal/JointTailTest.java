package io.forelight.frms.reactor.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JointTailTest {

  private static ActorSystem system;
  private static ExecutorService io;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("joint-tail");
    io = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    io.shutdownNow();
    system.terminate();
  }

  private static JointTail tail(FlashLog log) {
    return new JointTail(
        log,
        io,
        Duration.ofSeconds(1),
        (id, event) ->
            EventEnvelope.apply(
                Offset.sequence(event.seq()),
                id,
                event.seq(),
                new String(event.payload(), StandardCharsets.UTF_8),
                event.timestampMillis()));
  }

  private static void write(FlashLog log, String id, long from, long to) throws Exception {
    List<StoredEvent> events = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      byte[] payload = (id + "#" + seq).getBytes(StandardCharsets.UTF_8);
      events.add(new StoredEvent(seq, seq, 4, "m", "writer", payload));
    }
    log.append(List.of(new LogRecord.Events(id, events))).get(10, TimeUnit.SECONDS);
  }

  /** Collects chunks until every id reached its last seq, checking order and density on the way. */
  private static Map<String, Long> drain(
      TestSubscriber.Probe<List<EventEnvelope>> probe,
      Map<String, Long> positions,
      Map<String, Long> until,
      int maxPerChunk) {
    Map<String, Long> seen = new HashMap<>(positions);
    while (!until.entrySet().stream()
        .allMatch(e -> seen.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
      List<EventEnvelope> chunk = probe.requestNext(Duration.ofSeconds(10));
      assertTrue(chunk.size() <= maxPerChunk, "chunk of " + chunk.size() + " > " + maxPerChunk);
      for (EventEnvelope e : chunk) {
        long expected = seen.getOrDefault(e.persistenceId(), 0L) + 1;
        assertEquals(expected, e.sequenceNr(), "dense and in order for " + e.persistenceId());
        assertEquals(e.persistenceId() + "#" + expected, e.event());
        seen.put(e.persistenceId(), expected);
      }
    }
    return seen;
  }

  @Test
  void replaysEveryIdsBacklogInBoundedChunksThenFollowsNewCommits() throws Exception {
    try (FlashLog log = FlashLog.open(new FlashLogSettings(dir, 4096, 1000))) {
      for (String id : List.of("a", "b", "c")) {
        write(log, id, 1, 60); // more than is kept in memory: the replay reads the segments
      }
      TestSubscriber.Probe<List<EventEnvelope>> probe =
          tail(log)
              .after(Map.of("a", 0L, "b", 10L, "c", 59L), 10)
              .runWith(TestSink.probe(system), system);
      Map<String, Long> at =
          drain(
              probe, Map.of("a", 0L, "b", 10L, "c", 59L), Map.of("a", 60L, "b", 60L, "c", 60L), 10);

      write(log, "b", 61, 63);
      write(log, "a", 61, 61);
      drain(probe, at, Map.of("a", 61L, "b", 63L, "c", 60L), 10);
      probe.cancel();
    }
  }

  @Test
  void withMoreIdsThanEventsPerChunkEveryIdStillGetsItsTurn() throws Exception {
    try (FlashLog log = FlashLog.open(new FlashLogSettings(dir, 1 << 20, 1000))) {
      Map<String, Long> start = new HashMap<>();
      Map<String, Long> end = new HashMap<>();
      for (int i = 1; i <= 5; i++) {
        write(log, "s" + i, 1, 4);
        start.put("s" + i, 0L);
        end.put("s" + i, 4L);
      }
      TestSubscriber.Probe<List<EventEnvelope>> probe =
          tail(log).after(start, 2).runWith(TestSink.probe(system), system);
      drain(probe, start, end, 2);
      probe.cancel();
    }
  }

  @Test
  void aTailWithNothingNewEmitsNothing() throws Exception {
    try (FlashLog log = FlashLog.open(new FlashLogSettings(dir, 1 << 20, 1000))) {
      write(log, "a", 1, 3);
      List<List<EventEnvelope>> chunks =
          tail(log)
              .after(Map.of("a", 3L), 10)
              .takeWithin(Duration.ofMillis(1500))
              .runWith(Sink.seq(), system)
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertEquals(List.of(), chunks, "no chunk, not even an empty one, while nothing is new");
    }
  }
}
