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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reactor's card restored from a backup while only its temperature sensor had run on: the
 * restored log of temperature takes numbers already stored with other readings. Only temperature is
 * quarantined; dissolved oxygen and pH go on being stored and acknowledged; an admin accepts the
 * conflicting log as a new sequence and it is stored beside the old one.
 */
@ExtendWith(CassandraExtension.class)
class SensorQuarantineIT {

  private static final String REACTOR = "reactor-1";
  private static final String DIVERGING = "temperature";

  @Test
  void aConflictingSensorIsQuarantinedAndTheOthersGoOn(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 1, "20ms", List.of())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      PipelineHarness.Reactor reactor = pipeline.reactors.get(REACTOR);

      // the card's backup, then a run with only temperature sampling, stored past the backup
      pipeline.stopReactor(REACTOR);
      Path data = pipeline.stack.reactorDataDir(REACTOR);
      Path backup = dir.resolve("backup");
      copy(data, backup);
      long backedUp = lastLogged(data, DIVERGING);
      Path config = reactor.node.config();
      String original = Files.readString(config);
      Files.writeString(
          config,
          original
              + "frms.reactor.sensors.ph.enabled = false\n"
              + "frms.reactor.sensors.dissolved-oxygen.enabled = false\n");
      pipeline.restartReactor(REACTOR);
      Await.until(
          Duration.ofSeconds(60),
          "temperature stored past the backup",
          () -> stored(api, DIVERGING) > backedUp + 200);

      // the coordinator goes down; the card is restored and the reactor logs past what was stored
      pipeline.stopReactor(REACTOR);
      long loggedInThatRun = lastLogged(data, DIVERGING);
      pipeline.coordinators.get(0).process().kill();
      wipe(data);
      copy(backup, data);
      Files.writeString(config, original);
      pipeline.restartReactor(REACTOR);
      Await.until(
          Duration.ofSeconds(60),
          "the restored log of temperature runs past what was stored",
          () -> logged(reactor, DIVERGING) > loggedInThatRun + 100);

      pipeline.restartAndAwaitRejoined(0);
      Await.until(
          Duration.ofSeconds(120),
          () ->
              "temperature quarantined: "
                  + PipelineHarness.fleetEntry(api, REACTOR)
                  + "; "
                  + pipeline.explain(api, "/api/reactors/" + REACTOR + "/latest"),
          () ->
              PipelineHarness.fleetEntry(api, REACTOR)
                  .path("quarantined")
                  .path(DIVERGING)
                  .asText()
                  .contains("differs from the stored one"));
      assertEquals(1, PipelineHarness.fleetEntry(api, REACTOR).path("quarantined").size());

      long storedBefore =
          StoredReadings.completeness(api, REACTOR, DIVERGING, "journal").path("count").asLong();
      assertTrue(storedBefore > backedUp + 200, "stored past the backup: " + storedBefore);

      // the others go on: stored, acknowledged, their unacknowledged readings bounded
      long phStored = stored(api, "ph");
      Await.until(
          Duration.ofSeconds(30),
          "pH goes on being stored",
          () -> stored(api, "ph") > phStored + 200);
      // once the backlog of the coordinator's restart is drained (a busy machine takes seconds)
      Await.until(
          Duration.ofSeconds(60),
          "the others' backlog drained",
          () -> {
            Map<String, SensorDescription> now = describe(reactor);
            return List.of("ph", "dissolved-oxygen").stream()
                .allMatch(o -> now.get(o).getLastSeq() - now.get(o).getAcknowledgedSeq() < 500);
          });
      for (int i = 0; i < 5; i++) {
        Map<String, SensorDescription> sensors = describe(reactor);
        for (String other : List.of("ph", "dissolved-oxygen")) {
          long unacknowledged =
              sensors.get(other).getLastSeq() - sensors.get(other).getAcknowledgedSeq();
          assertTrue(unacknowledged < 500, other + " unacknowledged: " + unacknowledged);
        }
        assertTrue(
            sensors.get(DIVERGING).getAcknowledgedSeq() <= backedUp,
            "nothing of the conflicting log is acknowledged (so nothing of it deleted)");
        Thread.sleep(1000); // sampling the bound over a few seconds of flow
      }
      JsonNode journal = StoredReadings.completeness(api, REACTOR, DIVERGING, "journal");
      assertEquals(storedBefore, journal.path("count").asLong(), "nothing more stored: " + journal);
      assertTrue(journal.path("note").asText().startsWith("quarantined since"), journal.toString());

      // bad decisions are refused and change nothing
      String path = "/api/reactors/" + REACTOR + "/sensors/" + DIVERGING + "/quarantine";
      assertEquals(400, api.post(path, "{\"decision\":\"maybe\",\"reason\":\"x\"}").statusCode());
      assertEquals(400, api.post(path, "{\"decision\":\"accept\"}").statusCode());
      assertEquals(
          404,
          api.post(
                  "/api/reactors/" + REACTOR + "/sensors/ph/quarantine",
                  "{\"decision\":\"accept\",\"reason\":\"x\"}")
              .statusCode());

      // an admin accepts the restored log: stored as sequence 2, beside the old readings
      var accepted =
          api.post(
              path,
              "{\"decision\":\"accept\",\"reason\":\"card restored from a backup; keep both\"}");
      assertEquals(200, accepted.statusCode(), accepted.body());
      Await.until(
          Duration.ofSeconds(60),
          () ->
              "the restored log is stored as sequence 2: "
                  + StoredReadings.completeness(api, REACTOR, DIVERGING, "journal"),
          () -> {
            JsonNode now = StoredReadings.completeness(api, REACTOR, DIVERGING, "journal");
            return now.path("sequence").asInt() == 2 && now.path("last").asLong() > storedBefore;
          });
      JsonNode after = StoredReadings.completeness(api, REACTOR, DIVERGING, "journal");
      assertTrue(after.path("complete").asBoolean(), after.toString());
      assertTrue(after.path("note").asText().contains("accepted by admin"), after.toString());
      assertEquals(storedBefore, after.path("earlierSequences").get(0).path("count").asLong());
      assertEquals(0, PipelineHarness.fleetEntry(api, REACTOR).path("quarantined").size());
      Await.until(
          Duration.ofSeconds(30),
          "the restored log of temperature is acknowledged now",
          () -> describe(reactor).get(DIVERGING).getAcknowledgedSeq() > storedBefore);
    }
  }

  private static long stored(CoordinatorApi api, String sensor) {
    return api.latest(REACTOR)
        .map(
            latest -> {
              for (JsonNode reading : latest.path("sensors")) {
                if (reading.path("sensorId").asText().equals(sensor)) {
                  return reading.path("seq").asLong();
                }
              }
              return 0L;
            })
        .orElse(0L);
  }

  /** The last number the running reactor logged for the sensor; 0 while it does not answer yet. */
  private static long logged(PipelineHarness.Reactor reactor, String sensor) {
    try {
      return reactor.probe.lastSeqs().get(sensor);
    } catch (IllegalStateException starting) {
      return 0;
    }
  }

  private static long lastLogged(Path data, String sensor) throws Exception {
    List<LoggedReading> logged = ReactorLogAudit.readings(data, sensor);
    return logged.get(logged.size() - 1).seq();
  }

  private static Map<String, SensorDescription> describe(PipelineHarness.Reactor reactor) {
    return reactor.probe.describe().getSensorsList().stream()
        .collect(Collectors.toMap(SensorDescription::getSensorId, sensor -> sensor));
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void wipe(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
