package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reactor taken out of the fleet file: its link stops within a registry tick of the reload
 * (nothing more is stored or acknowledged, the reactor keeps logging and keeps every reading), its
 * stored readings stay readable through the API, and when it is put back everything it logged
 * meanwhile is stored, once.
 */
@ExtendWith(CassandraExtension.class)
class ReactorRemovedIT {

  @Test
  void aRemovedReactorIsNoLongerLinkedButStaysReadableAndLosesNothing(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 2, "50ms", List.of())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));

      pipeline.writeFleet(List.of("reactor-1"));
      long removedAt = System.nanoTime();
      assertEquals(200, api.post("/api/fleet/reload", "").statusCode());
      Await.until(
          Duration.ofSeconds(5),
          () -> "reactor-2's link stopped: " + status(api),
          () -> "REMOVED".equals(status(api).path("link").path("status").asText()));
      Duration stopped = Duration.ofNanos(System.nanoTime() - removedAt);

      Map<String, Long> storedAtStop = pipeline.stored(api).get("reactor-2");
      Await.until(
          Duration.ofSeconds(30),
          "reactor-2 logged 40 more readings of each sensor than were stored",
          () ->
              pipeline.logged().get("reactor-2").entrySet().stream()
                  .allMatch(e -> e.getValue() > storedAtStop.get(e.getKey()) + 40));
      assertEquals(
          storedAtStop,
          pipeline.stored(api).get("reactor-2"),
          "nothing of reactor-2 was stored after its link stopped");
      for (String sensor : storedAtStop.keySet()) {
        assertEquals(
            200,
            api.raw("/api/reactors/reactor-2/sensors/" + sensor + "/history?buckets=10")
                .statusCode(),
            "the history of a removed reactor stays readable");
      }
      assertEquals(
          200, api.raw("/api/reactors/reactor-2/completeness?source=journal").statusCode());
      assertEquals(404, api.raw("/api/reactors/reactor-9/latest").statusCode());

      pipeline.writeFleet(List.of("reactor-1", "reactor-2"));
      long addedAt = System.nanoTime();
      assertEquals(200, api.post("/api/fleet/reload", "").statusCode());
      Duration caughtUp =
          Duration.ofNanos(System.nanoTime() - addedAt)
              .plus(pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(60)));
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "a reactor removed from the fleet (link stopped "
              + stopped.toMillis()
              + " ms after the reload), later put back",
          caughtUp,
          compared,
          "from putting it back");
    }
  }

  private static JsonNode status(CoordinatorApi api) {
    return api.get("/api/reactors/reactor-2")
        .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
  }
}
