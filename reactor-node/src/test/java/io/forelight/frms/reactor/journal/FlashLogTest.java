package io.forelight.frms.reactor.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlashLogTest {

  @TempDir Path dir;

  private FlashLog open(long segmentBytes) throws IOException {
    return FlashLog.open(new FlashLogSettings(dir, segmentBytes, 1000));
  }

  static Events events(String id, long from, long to) {
    List<StoredEvent> list = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      byte[] payload = (id + "#" + seq).getBytes(StandardCharsets.UTF_8);
      list.add(new StoredEvent(seq, 1000 + seq, 4, "m", "writer", payload));
    }
    return new Events(id, list);
  }

  static void await(CompletableFuture<?> future) throws Exception {
    future.get(10, TimeUnit.SECONDS);
  }

  private static List<Long> seqs(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::seq).toList();
  }

  static List<Long> range(long from, long to) {
    List<Long> list = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      list.add(seq);
    }
    return list;
  }

  @Test
  void readsBackInterleavedIdsInOrderAcrossManySegments() throws Exception {
    try (FlashLog log = open(4096)) {
      for (long seq = 1; seq <= 300; seq++) {
        await(log.append(List.of(events("a", seq, seq), events("b", seq, seq))));
      }
      assertTrue(log.status().segments() > 3, "small segments roll over");
      assertEquals(range(1, 300), seqs(log.read("a", 1, Long.MAX_VALUE, 1000)));
      assertEquals(range(137, 300), seqs(log.read("b", 137, Long.MAX_VALUE, 1000)));
      assertEquals(range(50, 59), seqs(log.read("a", 50, Long.MAX_VALUE, 10)));
      assertEquals(range(50, 60), seqs(log.read("a", 50, 60, 1000)));
      StoredEvent one = log.read("b", 42, 42, 1).get(0);
      assertArrayEquals("b#42".getBytes(StandardCharsets.UTF_8), one.payload());
      assertEquals(1042, one.timestampMillis());
    }
  }

  @Test
  void theLatestEventsOfEachIdAreReadFromMemoryAndOlderOnesFromTheSegments() throws Exception {
    int kept = LogState.RECENT_PER_ID;
    try (FlashLog log = open(4096)) {
      for (long seq = 1; seq <= 100; seq++) {
        await(log.append(List.of(events("a", seq, seq), events("b", seq, seq))));
      }
      long oldestKept = 100 - kept + 1;
      List<StoredEvent> fromMemory =
          log.readRecentFromLastAcknowledged("a", oldestKept, Long.MAX_VALUE, 1000).orElseThrow();
      assertEquals(range(oldestKept, 100), seqs(fromMemory));
      assertArrayEquals(
          "a#100".getBytes(StandardCharsets.UTF_8), fromMemory.get(kept - 1).payload());
      assertEquals(
          range(90, 94), seqs(log.readRecentFromLastAcknowledged("b", 90, 94, 10).orElseThrow()));
      assertEquals(List.of(), log.readRecentFromLastAcknowledged("a", 101, 200, 10).orElseThrow());
      assertTrue(
          log.readRecentFromLastAcknowledged("a", oldestKept - 1, Long.MAX_VALUE, 1000).isEmpty(),
          "a read from before what is kept must go to the disk");
      assertEquals(range(10, 100), seqs(log.read("a", 10, Long.MAX_VALUE, 1000)));

      await(log.acknowledge("a", 95));
      assertEquals(
          range(95, 100),
          seqs(log.readRecentFromLastAcknowledged("a", 1, Long.MAX_VALUE, 1000).orElseThrow()),
          "from memory too, a tail starts at the last acknowledged event");
    }
    try (FlashLog reopened = open(4096)) {
      assertTrue(reopened.readRecentFromLastAcknowledged("b", 99, 100, 10).isEmpty());
      assertEquals(range(99, 100), seqs(reopened.readFromLastAcknowledged("b", 99, 100, 10)));
    }
  }

  @Test
  void aWriteOfSeveralIdsAtOnceAppendsEachIdsEventsInOrder() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      for (long seq = 1; seq <= 5; seq++) {
        await(
            log.append(
                Map.of(
                    "a",
                    events("a", seq, seq).events(),
                    "b",
                    events("b", 2 * seq - 1, 2 * seq).events())));
      }
      assertEquals(range(1, 5), seqs(log.read("a", 1, Long.MAX_VALUE, 100)));
      assertEquals(range(1, 10), seqs(log.read("b", 1, Long.MAX_VALUE, 100)));
      assertEquals(10, log.highestSeq("b"));
    }
  }

  @Test
  void readsOnlyTheAskedIdWhenOneIdIsThePrefixOfAnother() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      for (long seq = 1; seq <= 20; seq++) {
        await(log.append(List.of(events("sensor|s1", seq, seq), events("sensor|s10", seq, seq))));
        await(log.append(List.of(events("sensor|s", seq, seq))));
      }
      for (String id : List.of("sensor|s1", "sensor|s10", "sensor|s")) {
        List<StoredEvent> read = log.read(id, 5, Long.MAX_VALUE, 1000);
        assertEquals(range(5, 20), seqs(read), id);
        assertArrayEquals((id + "#5").getBytes(StandardCharsets.UTF_8), read.get(0).payload());
      }
    }
  }

  @Test
  void keepsEverythingAcrossReopen() throws Exception {
    try (FlashLog log = open(4096)) {
      await(log.append(List.of(events("a", 1, 100))));
      await(log.append(List.of(events("b", 1, 5))));
    }
    try (FlashLog log = open(4096)) {
      assertEquals(100, log.highestSeq("a"));
      assertEquals(5, log.highestSeq("b"));
      assertEquals(range(1, 100), seqs(log.read("a", 1, Long.MAX_VALUE, 1000)));
      await(log.append(List.of(events("a", 101, 101))));
      assertEquals(101, log.highestSeq("a"));
    }
  }

  @Test
  void cutsOffATornTailAndKeepsEveryEarlierRecord() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      for (long seq = 1; seq <= 10; seq++) {
        await(log.append(List.of(events("a", seq, seq))));
      }
    }
    Path segment = onlySegment();
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 3); // the last record loses its end, as in a power cut mid-write
    }
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 9), seqs(log.read("a", 1, Long.MAX_VALUE, 100)));
      assertEquals(9, log.highestSeq("a"));
      await(log.append(List.of(events("a", 10, 12))));
      assertEquals(range(1, 12), seqs(log.read("a", 1, Long.MAX_VALUE, 100)));
    }
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 12), seqs(log.read("a", 1, Long.MAX_VALUE, 100)));
    }
  }

  @Test
  void cutsOffGarbageAfterTheLastRecord() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      await(log.append(List.of(events("a", 1, 3))));
    }
    Files.write(
        onlySegment(), new byte[] {0, 0, 0, 40, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 3), seqs(log.read("a", 1, Long.MAX_VALUE, 100)));
    }
  }

  @Test
  void dropsAcknowledgedSegmentsAndNeverReusesASequenceNumber() throws Exception {
    try (FlashLog log = open(4096)) {
      for (long seq = 1; seq <= 400; seq++) {
        await(log.append(List.of(events("a", seq, seq))));
      }
      int before = log.status().segments();
      assertEquals(400, log.status().unacknowledgedEvents());
      await(log.acknowledge("a", 400));
      assertEquals(0, log.status().unacknowledgedEvents());
      assertTrue(log.status().segments() < before, "acknowledged segments are deleted");
      assertEquals(List.of(), log.read("a", 1, Long.MAX_VALUE, 1000));
    }
    try (FlashLog log = open(4096)) {
      assertEquals(400, log.highestSeq("a"));
      assertEquals(400, log.acknowledgedSeq("a"));
      ExecutionException reuse =
          assertThrows(
              ExecutionException.class, () -> await(log.append(List.of(events("a", 5, 5)))));
      assertTrue(reuse.getCause().getMessage().contains("not above 400"));
      await(log.append(List.of(events("a", 401, 401))));
      assertEquals(range(401, 401), seqs(log.read("a", 1, Long.MAX_VALUE, 10)));
    }
  }

  @Test
  void keepsUnacknowledgedEventsOfOneIdWhileAnotherIsAcknowledged() throws Exception {
    try (FlashLog log = open(4096)) {
      for (long seq = 1; seq <= 200; seq++) {
        await(log.append(List.of(events("a", seq, seq), events("b", seq, seq))));
      }
      await(log.acknowledge("a", 200));
      await(log.acknowledge("b", 50));
      assertEquals(150, log.status().unacknowledgedEvents());
      assertEquals(range(51, 200), seqs(log.read("b", 1, Long.MAX_VALUE, 1000)));
    }
    try (FlashLog log = open(4096)) {
      assertEquals(range(51, 200), seqs(log.read("b", 1, Long.MAX_VALUE, 1000)));
      assertEquals(List.of(), log.read("a", 1, Long.MAX_VALUE, 1000));
      assertEquals(
          range(50, 200),
          seqs(log.readFromLastAcknowledged("b", 1, Long.MAX_VALUE, 1000)),
          "the last acknowledged event is still on disk and can be read again");
      assertEquals(range(200, 200), seqs(log.readFromLastAcknowledged("a", 200, 200, 10)));
    }
  }

  @Test
  void acknowledgingBeyondTheHighestIsCappedToIt() throws Exception {
    try (FlashLog log = open(4096)) {
      await(log.append(List.of(events("a", 1, 3))));
      await(log.acknowledge("a", 1_000_000));
      assertEquals(3, log.acknowledgedSeq("a"));
      await(log.append(List.of(events("a", 4, 4))));
      assertEquals(range(4, 4), seqs(log.read("a", 1, Long.MAX_VALUE, 10)));
    }
  }

  @Test
  void groupCommitsConcurrentWritersAndSignalsEachCommit() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      CompletableFuture<Void> signal = log.nextCommit();
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int sensor = 0; sensor < 32; sensor++) {
        for (long seq = 1; seq <= 20; seq++) {
          writes.add(log.append(List.of(events("s" + sensor, seq, seq))));
        }
      }
      await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
      await(signal);
      for (int sensor = 0; sensor < 32; sensor++) {
        assertEquals(range(1, 20), seqs(log.read("s" + sensor, 1, Long.MAX_VALUE, 100)));
      }
    }
  }

  @Test
  void closingCommitsEveryWriteAlreadyQueued() throws Exception {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    FlashLog log = open(1 << 20);
    for (long seq = 1; seq <= 500; seq++) {
      writes.add(log.append(List.of(events("a", seq, seq))));
    }
    log.close();
    await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
    try (FlashLog reopened = open(1 << 20)) {
      assertEquals(range(1, 500), seqs(reopened.read("a", 1, Long.MAX_VALUE, 1000)));
    }
  }

  @Test
  void anAtomicWriteIsOneRecordSoItSurvivesWholeOrNotAtAll() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      await(log.append(List.of(events("a", 1, 1))));
      await(log.append(List.of(events("a", 2, 6))));
    }
    Path segment = onlySegment();
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(Files.size(segment) - 1);
    }
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 1), seqs(log.read("a", 1, Long.MAX_VALUE, 100)));
    }
  }

  private Path onlySegment() throws IOException {
    List<Path> files = segmentFiles();
    assertEquals(1, files.size());
    return files.get(0);
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }
}
