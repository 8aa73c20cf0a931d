package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.link.v1.SensorDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reactor whose flash was wiped (or a new board given the old one's id) comes back with a log
 * that is not the one stored: its readings must not be mixed into the stored history, and its own
 * log must not be deleted by acknowledgements meant for the old one.
 */
@ExtendWith(CassandraExtension.class)
class ReplacedReactorIT {

  @Test
  void aReactorWithADifferentLogUnderTheSameIdIsRefusedAndKeepsItsReadings(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 1, "20ms", List.of())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(60));
      pipeline.killReactor("reactor-1");
      Await.until(
          Duration.ofSeconds(30),
          "the link noticed the reactor is gone",
          () -> "unreachable".equals(PipelineHarness.linkStatus(api, "reactor-1")));
      Map<String, Long> stored = storedSeqs(api);

      wipe(pipeline.stack.reactorDataDir("reactor-1"));
      pipeline.restartReactor("reactor-1");
      Await.until(
          Duration.ofSeconds(90),
          () -> "the link refuses the new log: " + PipelineHarness.fleetEntry(api, "reactor-1"),
          () ->
              PipelineHarness.fleetEntry(api, "reactor-1")
                  .path("lastError")
                  .asText()
                  .contains("differs from the stored readings"));

      assertEquals(stored, storedSeqs(api), "nothing of the new log was stored");
      for (Map.Entry<String, Long> sensor : stored.entrySet()) {
        JsonNode journal =
            StoredReadings.completeness(api, "reactor-1", sensor.getKey(), "journal");
        assertEquals(sensor.getValue(), journal.path("count").asLong(), journal.toString());
        assertTrue(journal.path("complete").asBoolean(), journal.toString());
      }
      JsonNode events = StoredReadings.journalEvents(api, "reactor-1");
      assertTrue(events.path("complete").asBoolean(), "every journal event once: " + events);
      for (SensorDescription sensor :
          pipeline.reactors.get("reactor-1").probe.describe().getSensorsList()) {
        assertEquals(
            0,
            sensor.getAcknowledgedSeq(),
            sensor.getSensorId() + ": nothing of the new log was acknowledged, so nothing deleted");
      }
    }
  }

  private static Map<String, Long> storedSeqs(CoordinatorApi api) {
    Map<String, Long> seqs = new TreeMap<>();
    api.latest("reactor-1")
        .orElseThrow()
        .path("sensors")
        .forEach(s -> seqs.put(s.path("sensorId").asText(), s.path("seq").asLong()));
    return seqs;
  }

  private static void wipe(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
