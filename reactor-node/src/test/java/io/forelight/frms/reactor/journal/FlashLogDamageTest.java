package io.forelight.frms.reactor.journal;

import static io.forelight.frms.reactor.journal.FlashLogTest.await;
import static io.forelight.frms.reactor.journal.FlashLogTest.events;
import static io.forelight.frms.reactor.journal.FlashLogTest.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage is reported and stepped over, never silently cut; power cuts lose only unforced writes.
 */
class FlashLogDamageTest {

  @TempDir Path dir;

  private FlashLog open(long segmentBytes) throws IOException {
    return FlashLog.open(new FlashLogSettings(dir, segmentBytes, 1000));
  }

  private static List<Long> seqs(FlashLog log, String id) throws IOException {
    return log.readRetained(id, 1, 10_000).stream().map(StoredEvent::seq).toList();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }

  /** Writes a and b interleaved, one record per event: a1 b1 a2 b2 ... */
  private void writeInterleaved(FlashLog log, long count) throws Exception {
    for (long seq = 1; seq <= count; seq++) {
      await(log.append(List.of(events("a", seq, seq))));
      await(log.append(List.of(events("b", seq, seq))));
    }
  }

  /** Flips a byte in the body of the record of {@code id} that starts at {@code seq}. */
  private static void corruptRecord(Path segment, String id, long seq) throws IOException {
    flip(segment, recordPosition(segment, id, seq) + LogRecord.FRAME_HEADER_BYTES + 3);
  }

  private static long recordPosition(Path segment, String id, long seq) throws IOException {
    long position = -1;
    try (SegmentFile file = SegmentFile.open(LogDisk.REAL, segment.getParent(), idOf(segment))) {
      SegmentFile.Reader reader = file.reader(file.firstRecord(), file.size());
      for (SegmentFile.Frame frame = reader.next(); frame != null; frame = reader.next()) {
        if (frame.record() instanceof Events events
            && events.persistenceId().equals(id)
            && events.firstSeq() == seq) {
          position = frame.position();
        }
      }
    }
    assertTrue(position >= 0, "record " + id + "#" + seq + " found in " + segment);
    return position;
  }

  private static long idOf(Path segment) {
    return Long.parseLong(segment.getFileName().toString().substring(0, 20));
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0xFF);
    }
  }

  @Test
  void aDamagedRecordInTheMiddleOfTheLastSegmentLosesOnlyItself() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      writeInterleaved(log, 10);
    }
    corruptRecord(segments().get(0), "a", 5);
    List<Long> withoutFive = new ArrayList<>(range(1, 10));
    withoutFive.remove(Long.valueOf(5));
    try (FlashLog log = open(1 << 20)) {
      assertEquals(withoutFive, seqs(log, "a"), "every valid record before and after is kept");
      assertEquals(range(1, 10), seqs(log, "b"));
      assertEquals(1, log.damage().size());
      LogDamage damage = log.damage().get(0);
      assertTrue(damage.describe().contains("checksum mismatch"), damage.describe());
      assertNotNull(damage.movedTo());
      assertEquals(damage.to() - damage.from(), Files.size(damage.movedTo()), "bytes copied aside");
      await(log.append(List.of(events("a", 11, 11))));
    }
    try (FlashLog log = open(1 << 20)) {
      assertEquals(List.of(), log.damage(), "the damage was padded over: not reported again");
      List<Long> expected = new ArrayList<>(withoutFive);
      expected.add(11L);
      assertEquals(expected, seqs(log, "a"));
    }
  }

  @Test
  void aDamagedRecordInAnOlderSegmentNoLongerStopsTheLog() throws Exception {
    try (FlashLog log = open(4096)) {
      writeInterleaved(log, 100);
    }
    List<Path> segments = segments();
    assertTrue(segments.size() > 2, "several segments: " + segments.size());
    Path first = segments.get(0);
    corruptRecord(first, "a", 2);
    try (FlashLog log = open(4096)) {
      List<Long> a = seqs(log, "a");
      assertEquals(99, a.size(), "only the damaged record is missing: " + a);
      assertTrue(!a.contains(2L));
      assertEquals(range(1, 100), seqs(log, "b"));
      assertEquals(1, log.damage().size());
      assertEquals(first, log.damage().get(0).segment());
    }
  }

  @Test
  void theSequenceNumbersOfADamagedLastRecordAreNeverUsedAgain() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      await(log.append(List.of(events("a", 1, 4))));
      await(log.append(List.of(events("a", 5, 7))));
      await(log.append(List.of(events("b", 1, 1))));
    }
    corruptRecord(segments().get(0), "a", 5);
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 4), seqs(log, "a"));
      assertEquals(7, log.highestSeq("a"), "the record after the damaged one names its last seq");
      ExecutionException reuse =
          assertThrows(
              ExecutionException.class, () -> await(log.append(List.of(events("a", 5, 5)))));
      assertTrue(reuse.getCause().getMessage().contains("not above 7"), reuse.getMessage());
      await(log.append(List.of(events("a", 8, 8))));
    }
  }

  @Test
  void aLogThatLosesWholeRecordsOffItsTailNeverReusesANumberItSent() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      for (long seq = 1; seq <= 50; seq++) {
        await(log.append(List.of(events("a", seq, seq))));
      }
      await(log.markSent(Map.of("a", 50L)));
    }
    Path segment = segments().get(0);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(recordPosition(segment, "a", 41)); // ten whole records gone, no torn byte
    }
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 40), seqs(log, "a"));
      assertEquals(50, log.highestSeq("a"), "the checkpoint remembers what was sent");
      ExecutionException reuse =
          assertThrows(
              ExecutionException.class, () -> await(log.append(List.of(events("a", 41, 41)))));
      assertTrue(reuse.getCause().getMessage().contains("not above 50"), reuse.getMessage());
      await(log.append(List.of(events("a", 51, 51))));
    }
  }

  @Test
  void markingWhatIsAlreadyCheckpointedWritesNothing() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      await(log.append(List.of(events("a", 1, 5))));
      await(log.markSent(Map.of("a", 5L)));
      Path checkpoint = dir.resolve(CheckpointFile.NAME);
      byte[] before = Files.readAllBytes(checkpoint);
      assertTrue(log.markSent(Map.of("a", 3L)).isDone(), "covered: done at once");
      await(log.markSent(Map.of("a", 5L)));
      assertTrue(Arrays.equals(before, Files.readAllBytes(checkpoint)));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aDamagedCheckpointSlotFallsBackToTheOtherAndReusesNothing(int slot) throws Exception {
    try (FlashLog log = open(4096)) {
      writeInterleaved(log, 60);
      await(log.acknowledge("a", 20));
      await(log.acknowledge("a", 40));
    }
    flip(dir.resolve(CheckpointFile.NAME), (long) slot * CheckpointFile.FIRST_SLOT_BYTES + 50);
    try (FlashLog log = open(4096)) {
      assertEquals(60, log.highestSeq("a"));
      assertEquals(60, log.highestSeq("b"));
      List<Long> a = seqs(log, "a");
      assertTrue(a.containsAll(range(41, 60)), "every unacknowledged event is kept: " + a);
      assertEquals(range(1, 60), seqs(log, "b"));
      await(log.append(List.of(events("a", 61, 61))));
    }
  }

  @Test
  void newSegmentsStartWithMagicAndVersionAndANewerFormatIsRefused() throws Exception {
    try (FlashLog log = open(1 << 20)) {
      await(log.append(List.of(events("a", 1, 3))));
    }
    Path segment = segments().get(0);
    ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(segment), 0, 8);
    assertEquals(SegmentFile.MAGIC, header.getInt());
    assertEquals(SegmentFile.FORMAT_VERSION, header.getInt());
    try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
      raf.seek(4);
      raf.writeInt(SegmentFile.FORMAT_VERSION + 1);
    }
    IOException error = assertThrows(IOException.class, () -> open(1 << 20));
    assertTrue(error.getMessage().contains("format version 2"), error.getMessage());
    assertTrue(error.getMessage().contains(segment.getFileName().toString()), error.getMessage());
  }

  @Test
  void aSegmentWrittenBeforeHeadersExistedIsStillRead() throws Exception {
    byte[] first = LogRecord.frame(events("a", 1, 2));
    byte[] second = LogRecord.frame(events("a", 3, 3));
    ByteBuffer legacy = ByteBuffer.allocate(first.length + second.length).put(first).put(second);
    Files.createDirectories(dir);
    Files.write(dir.resolve(SegmentFile.fileName(1)), legacy.array());
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 3), seqs(log, "a"));
      await(log.append(List.of(events("a", 4, 4))));
    }
    try (FlashLog log = open(1 << 20)) {
      assertEquals(range(1, 4), seqs(log, "a"));
    }
  }

  @Test
  void aPowerCutLosesNoConfirmedWrite() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    assertEquals(range(1, 100), afterPowerCut(disk), "every confirmed write survives");
  }

  @Test
  void withoutForceAPowerCutLosesConfirmedWritesSoTheTestAboveWouldFail() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    disk.ignoreForce = true;
    assertNotEquals(range(1, 100), afterPowerCut(disk), "the power cut harness catches no-force");
  }

  /** Confirms 100 writes (across segments and an acknowledgement), cuts power, reads them back. */
  private List<Long> afterPowerCut(FaultyDisk disk) throws Exception {
    FlashLog log = FlashLog.open(new FlashLogSettings(dir, 4096, 1000), disk);
    for (long seq = 1; seq <= 100; seq++) {
      await(log.append(List.of(events("a", seq, seq))));
    }
    await(log.acknowledge("b", 0));
    log.close();
    disk.powerCut();
    try (FlashLog reopened = open(4096)) {
      return seqs(reopened, "a");
    }
  }
}
