package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
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
 * A reactor whose flash was wiped (or a new board given the old one's id) comes back with a new log
 * incarnation: its readings are stored as a sequence of their own beside the old one, nothing of
 * the old history is overwritten, no operator step is needed, and completeness says so.
 */
@ExtendWith(CassandraExtension.class)
class ReplacedReactorIT {

  @Test
  void aWipedReactorIsANewLogIncarnationStoredBesideTheOld(
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
          () -> "the new log is stored as sequence 2: " + completeness(api),
          () ->
              stored.keySet().stream()
                  .allMatch(
                      sensor -> {
                        JsonNode journal =
                            StoredReadings.completeness(api, "reactor-1", sensor, "journal");
                        return journal.path("sequence").asInt() == 2
                            && journal.path("count").asLong() >= 20;
                      }));

      for (Map.Entry<String, Long> sensor : stored.entrySet()) {
        JsonNode journal =
            StoredReadings.completeness(api, "reactor-1", sensor.getKey(), "journal");
        assertTrue(journal.path("complete").asBoolean(), journal.toString());
        assertEquals(1, journal.path("first").asLong(), "the new log starts at 1: " + journal);
        assertTrue(
            journal.path("note").asText().startsWith("new log incarnation"), journal.toString());
        JsonNode old = journal.path("earlierSequences").get(0);
        assertEquals(1, old.path("sequence").asInt(), journal.toString());
        assertEquals(sensor.getValue(), old.path("count").asLong(), "the old history is whole");
        assertTrue(old.path("complete").asBoolean(), journal.toString());
      }
      JsonNode events = StoredReadings.journalEvents(api, "reactor-1");
      assertTrue(events.path("complete").asBoolean(), "every journal event once: " + events);
      Await.until(
          Duration.ofSeconds(30),
          "the new log is acknowledged as it is stored",
          () ->
              pipeline.reactors.get("reactor-1").probe.describe().getSensorsList().stream()
                  .allMatch(sensor -> sensor.getAcknowledgedSeq() > 0));
      pipeline.stopSampling(api);
      pipeline.awaitAllStored(api, Duration.ofSeconds(60));
    }
  }

  private static String completeness(CoordinatorApi api) {
    return api.get("/api/reactors/reactor-1/completeness?source=journal")
        .map(JsonNode::toString)
        .orElse("(no answer)");
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
