package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7: reactors whose clocks are minutes off the coordinator's, one ahead, one behind.
 * Readings keep the reactor's own time; the coordinator reports the offset; nothing is lost.
 */
@ExtendWith(CassandraExtension.class)
class ClockSkewIT {

  @Test
  void readingsOfReactorsWithSkewedClocksAreStoredOnceWithTheirOwnTime(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir,
            cassandra.contactPoint(),
            cassandra.keyspace(),
            2,
            "100ms",
            List.of("simulation.clock-offset = 7m", "simulation.clock-offset = -5m"))) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      long ahead = pipeline.reactors.get("reactor-1").probe.clockOffsetMillis();
      long behind = pipeline.reactors.get("reactor-2").probe.clockOffsetMillis();
      assertTrue(Math.abs(ahead - 420_000) < 5_000, "reactor-1 runs 7 min ahead: " + ahead);
      assertTrue(Math.abs(behind + 300_000) < 5_000, "reactor-2 runs 5 min behind: " + behind);
      long reported =
          api.get("/api/reactors/reactor-1")
              .orElseThrow()
              .path("state")
              .path("info")
              .path("clockOffsetMillis")
              .asLong();
      assertTrue(
          Math.abs(reported - 420_000) < 5_000, "the coordinator reports the offset: " + reported);
      String skew = PipelineHarness.fleetEntry(api, "reactor-2").path("clockSkew").asText();
      assertTrue(skew.contains("5 min behind this coordinator's"), "reported as skew: " + skew);
      JsonNode points =
          api.get(
                  "/api/reactors/reactor-1/sensors/ph/history?from="
                      + java.time.Instant.now().minusSeconds(3600)
                      + "&to="
                      + java.time.Instant.now().plusSeconds(3600))
              .orElseThrow()
              .path("points");
      JsonNode raw = points.get(points.size() - 1); // a live one: received about when taken
      long receivedMinusTaken =
          java.time.Instant.parse(raw.path("receivedAt").asText()).toEpochMilli()
              - java.time.Instant.parse(raw.path("takenAt").asText()).toEpochMilli();
      assertTrue(
          Math.abs(receivedMinusTaken + 420_000) < 10_000,
          "each reading keeps when it was received, on the coordinator's clock: " + raw);
      Thread.sleep(5000);
      reactorsCut(pipeline, true);
      Thread.sleep(3000);
      reactorsCut(pipeline, false);
      Duration recovery = pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(120));
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "7. reactor clocks 7 min ahead and 5 min behind (and a cut)", recovery, compared, "");
    }
  }

  private static void reactorsCut(PipelineHarness pipeline, boolean cut) {
    pipeline
        .reactors
        .values()
        .forEach(
            r -> {
              if (cut) {
                r.proxy.cut();
              } else {
                r.proxy.restore();
              }
            });
  }
}
