package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.Stack;
import io.forelight.frms.devstack.StackCa;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second coordinator cluster of another fleet (its own CA and keyspace) pointed at a reactor of
 * the first: the mutual TLS handshake fails (it does not trust the reactor's certificate, and the
 * reactor would not trust its own), so it stores nothing and its command never reaches the reactor,
 * while the reactor's own fleet stores every reading.
 */
@ExtendWith(CassandraExtension.class)
class ForeignFleetIT {

  @Test
  void aCoordinatorOfAnotherFleetIsRefused(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 1, "20ms", List.of())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      String fleetId = api.get("/api/fleet").orElseThrow().path("fleetId").asText();
      assertEquals(StackCa.FLEET, fleetId, "the fleet is its CA's");
      assertEquals(
          fleetId,
          pipeline.reactors.get("reactor-1").probe.describe().getFleetId(),
          "the reactor belongs to the CA's fleet");

      StackCa otherCa = new StackCa(dir.resolve("other-ca"), "other-lab");
      Stack.RunningNode foreignNode =
          startForeignCluster(pipeline, cassandra.keyspace() + "_other", otherCa);
      CoordinatorApi foreign = new CoordinatorApi(foreignNode.port());
      // its keyspace is new: its tables are made while the first cluster ingests on the same cores
      Await.until(
          Duration.ofSeconds(240),
          () ->
              "the other cluster serves its API; its start:\n  "
                  + NodeStartLog.summary(foreignNode.process().log()),
          () -> foreign.get("/api/reactors").isPresent());
      var queued =
          foreign.post(
              "/api/reactors/reactor-1/commands",
              "{\"command\": {\"type\": \"set-sensor-interval\", \"sensorId\": \"ph\","
                  + " \"intervalMillis\": 5000}, \"reason\": \"intruder\"}");
      assertEquals(202, queued.statusCode(), queued.body());
      Await.until(
          Duration.ofSeconds(120),
          () -> "the other fleet is refused: " + PipelineHarness.fleetEntry(foreign, "reactor-1"),
          () ->
              PipelineHarness.fleetEntry(foreign, "reactor-1")
                  .path("lastError")
                  .asText()
                  .contains("TLS handshake failed: the peer's certificate"));
      String lastError =
          PipelineHarness.fleetEntry(foreign, "reactor-1").path("lastError").asText();
      assertTrue(lastError.contains("is not issued by the CA of fleet other-lab"), lastError);
      assertEquals("other-lab", foreign.get("/api/fleet").orElseThrow().path("fleetId").asText());
      assertTrue(
          foreign.latest("reactor-1").map(l -> l.path("sensors").isEmpty()).orElse(true),
          "the other fleet stored nothing");

      long reconnects =
          PipelineHarness.fleetEntry(foreign, "reactor-1").path("reconnects").asLong();
      Await.until(
          Duration.ofSeconds(60),
          "the other fleet tried three more times",
          () ->
              PipelineHarness.fleetEntry(foreign, "reactor-1").path("reconnects").asLong()
                  >= reconnects + 3);
      assertEquals(
          20,
          pipeline.reactors.get("reactor-1").probe.describe().getSensorsList().stream()
              .filter(sensor -> sensor.getSensorId().equals("ph"))
              .findFirst()
              .orElseThrow()
              .getIntervalMillis(),
          "the other fleet's command never reached the reactor");
      long applied = pipeline.finish(api);
      assertTrue(applied > 0, "its own fleet stored every reading the reactor logged: " + applied);
    }
  }

  /**
   * A coordinator that is a cluster of its own, of another fleet (another CA), in another keyspace,
   * with the same fleet file.
   */
  private static Stack.RunningNode startForeignCluster(
      PipelineHarness pipeline, String keyspace, StackCa otherCa) {
    int httpPort = FreePorts.pick();
    int clusterPort = FreePorts.pick();
    return pipeline.stack.startCoordinator(
        new CoordinatorSpec(
            "coordinator-other",
            httpPort,
            FreePorts.pick(),
            clusterPort,
            List.of("pekko://frms@127.0.0.1:" + clusterPort),
            pipeline.stack.cassandraContactPoint(),
            keyspace,
            pipeline.fleetFile,
            PipelineHarness.COORDINATOR_TUNING
                + "\nfrms.coordinator.tls.ca-dir = \""
                + otherCa.dir()
                + "\""));
  }
}
