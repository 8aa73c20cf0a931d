package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record in the middle of a reactor's log is damaged while nothing of it is stored centrally yet:
 * the reactor starts anyway, keeps every valid record before and after it, copies the damaged bytes
 * aside, and sends the lost sequence numbers as one lost-at-source reading; the coordinator stores
 * everything else with no gap and says what was lost.
 */
@ExtendWith(CassandraExtension.class)
class DamagedLogIT {

  @Test
  void aDamagedRecordIsReportedAndSteppedOverNeverSilentlyCut(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 1)) {
      PipelineHarness.Reactor reactor = pipeline.reactors.get("reactor-1");
      Await.until(
          Duration.ofSeconds(120),
          () -> "every sensor logs 40 readings: " + reactor.probe.lastSeqsOnceUp(),
          () -> {
            Map<String, Long> seqs = reactor.probe.lastSeqsOnceUp();
            return !seqs.isEmpty() && seqs.values().stream().allMatch(seq -> seq >= 40);
          });
      String damagedSensor = reactor.sensors().get(0);
      pipeline.stopReactor("reactor-1");
      Path readings = pipeline.reactorDataDir("reactor-1").resolve("readings");
      long[] damaged = corruptARecordInTheMiddle(readings, "Sensor|" + damagedSensor);
      long damagedSeq = damaged[0];
      long damagedCount = damaged[1];

      pipeline.restartReactor("reactor-1");
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      pipeline.stopSampling(api);
      pipeline.awaitAllStored(api, Duration.ofSeconds(180));
      pipeline.stopReactor("reactor-1");

      try (Stream<Path> copies = Files.list(readings.resolve("damaged"))) {
        assertEquals(1, copies.count(), "the damaged bytes were copied aside");
      }
      long compared = 0;
      for (String sensor : reactor.sensors()) {
        List<LoggedReading> logged =
            ReactorLogAudit.readings(pipeline.reactorDataDir("reactor-1"), sensor);
        List<LoggedReading> stored = StoredReadings.readings(api, "reactor-1", sensor);
        JsonNode completeness = StoredReadings.completeness(api, "reactor-1", sensor);
        assertTrue(completeness.path("complete").asBoolean(), "no gap: " + completeness);
        if (!sensor.equals(damagedSensor)) {
          assertEquals(logged, stored, sensor + ": stored equals logged");
          compared += stored.size();
          continue;
        }
        assertTrue(
            logged.stream()
                .noneMatch(r -> r.seq() >= damagedSeq && r.seq() < damagedSeq + damagedCount),
            "the damaged readings are gone from the log");
        assertEquals(
            "lost at source: " + damagedCount + " (log damaged)",
            completeness.path("lostSummary").asText(),
            completeness.toString());
        assertEquals(damagedSeq, completeness.path("lostRanges").get(0).path("seq").asLong());
        List<LoggedReading> storedReadings = new ArrayList<>(stored);
        LoggedReading standIn =
            stored.stream().filter(r -> r.seq() == damagedSeq).findFirst().orElseThrow();
        assertEquals("BAD", standIn.quality());
        storedReadings.remove(standIn);
        assertEquals(logged, storedReadings, "every reading before and after the damage is stored");
        compared += stored.size();
      }
      RecoveryReport.record(
          "15. a damaged record in the middle of a reactor's log (nothing stored yet)",
          Duration.ZERO,
          compared,
          "the reactor starts; one reading lost at source (log damaged), stored; no gap");
    }
  }

  /**
   * Flips a byte in the body of a record of this persistence id in the middle of the newest segment
   * holding it; returns the first sequence number of that record and how many readings it held.
   */
  private static long[] corruptARecordInTheMiddle(Path readings, String persistenceId)
      throws IOException {
    List<Path> segments;
    try (Stream<Path> files = Files.list(readings)) {
      segments = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
    Path segment = segments.get(segments.size() - 1);
    byte[] bytes = Files.readAllBytes(segment);
    ByteBuffer view = ByteBuffer.wrap(bytes);
    List<long[]> records = new ArrayList<>(); // position, first seq, events
    int at = view.getInt(0) == 0x46524C47 ? 8 : 0; // after the segment header
    while (at + 8 <= bytes.length) {
      int length = view.getInt(at);
      if (length <= 0 || at + 8 + length > bytes.length) {
        break;
      }
      DataInputStream body = new DataInputStream(new ByteArrayInputStream(bytes, at + 8, length));
      if (body.readByte() == 1 && body.readUTF().equals(persistenceId)) {
        int events = body.readInt();
        records.add(new long[] {at, body.readLong(), events});
      }
      at += 8 + length;
    }
    assertTrue(records.size() > 10, "records of " + persistenceId + " in " + segment);
    long[] middle = records.get(records.size() / 2);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.seek(middle[0] + 8 + length(bytes, (int) middle[0]) - 1);
      int b = file.read();
      file.seek(middle[0] + 8 + length(bytes, (int) middle[0]) - 1);
      file.write(b ^ 0xFF);
    }
    return new long[] {middle[1], middle[2]};
  }

  private static int length(byte[] bytes, int at) {
    return ByteBuffer.wrap(bytes).getInt(at);
  }
}
