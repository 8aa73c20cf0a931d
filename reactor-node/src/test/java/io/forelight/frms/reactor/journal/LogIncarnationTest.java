package io.forelight.frms.reactor.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.forelight.frms.reactor.journal.LogRecord.Checkpoint;
import io.forelight.frms.reactor.journal.LogRecord.Events;
import io.forelight.frms.reactor.journal.LogRecord.Position;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log's incarnation: made with the log, the same after every reopen, new when the log is made
 * afresh or no checkpoint slot can be read; a log from before incarnations gets one once.
 */
class LogIncarnationTest {

  @TempDir Path dir;

  private FlashLog open() throws IOException {
    return FlashLog.open(new FlashLogSettings(dir, 4096, 1000));
  }

  private static void write(FlashLog log, String id, long seq) throws Exception {
    byte[] payload = (id + "#" + seq).getBytes(StandardCharsets.UTF_8);
    log.append(List.of(new Events(id, List.of(new StoredEvent(seq, seq, 4, "m", "w", payload)))))
        .get(10, TimeUnit.SECONDS);
  }

  private String incarnationAfterReopen() throws IOException {
    try (FlashLog log = open()) {
      return log.incarnation();
    }
  }

  @Test
  void staysTheSameAcrossReopensAndAcknowledgements() throws Exception {
    String first;
    try (FlashLog log = open()) {
      first = log.incarnation();
      write(log, "a", 1);
      log.acknowledge("a", 1).get(10, TimeUnit.SECONDS);
    }
    assertEquals(first, incarnationAfterReopen());
    assertEquals(first, incarnationAfterReopen());
  }

  @Test
  void aWipedLogIsANewIncarnation() throws Exception {
    String first;
    try (FlashLog log = open()) {
      first = log.incarnation();
      write(log, "a", 1);
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    assertNotEquals(first, incarnationAfterReopen());
  }

  @Test
  void aCheckpointFileWithNoReadableSlotIsANewIncarnationAndKeepsTheSegments() throws Exception {
    String first;
    try (FlashLog log = open()) {
      first = log.incarnation();
      write(log, "a", 1);
      write(log, "a", 2);
    }
    Path file = dir.resolve(CheckpointFile.NAME);
    Files.write(file, new byte[(int) Files.size(file)]);
    String second;
    try (FlashLog log = open()) {
      second = log.incarnation();
      assertEquals(2, log.highestSeq("a"), "the segments still count");
    }
    assertNotEquals(first, second);
    assertEquals(second, incarnationAfterReopen(), "the new incarnation was written at once");
  }

  @Test
  void aLogFromBeforeIncarnationsKeepsItsPositionsAndGetsOneOnce() throws Exception {
    try (FlashLog log = open()) {
      write(log, "a", 1);
    }
    writeVersion1Slot(dir.resolve(CheckpointFile.NAME), List.of(new Position("a", 7, 5)));
    String adopted;
    try (FlashLog log = open()) {
      adopted = log.incarnation();
      assertEquals(7, log.highestSeq("a"), "the version 1 slot was read");
      assertEquals(5, log.acknowledgedSeq("a"));
    }
    assertEquals(adopted, incarnationAfterReopen());
  }

  /** A slot as version 1 wrote it (no incarnation), as generation 9 in a fresh file. */
  private static void writeVersion1Slot(Path file, List<Position> positions) throws IOException {
    byte[] frame = LogRecord.frame(new Checkpoint(positions));
    long generation = 9;
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(0, generation));
    crc.update(frame);
    ByteBuffer slot = ByteBuffer.allocate(24 + frame.length);
    slot.putInt(CheckpointFile.MAGIC).putInt(1).putLong(generation).putInt(frame.length);
    slot.putInt((int) crc.getValue()).put(frame);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(0);
      out.setLength(2L * CheckpointFile.FIRST_SLOT_BYTES);
      out.seek(CheckpointFile.FIRST_SLOT_BYTES); // generation 9 is odd: the second slot
      out.write(slot.array());
    }
  }
}
