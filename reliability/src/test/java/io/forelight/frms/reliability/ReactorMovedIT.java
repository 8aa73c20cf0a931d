package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.devkit.Await;
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
 * A reactor board moved to a new network address (README, "Moving a reactor board"): the old
 * address goes dark, the fleet file gets the new one, {@code POST /api/fleet/reload}; the link
 * follows and everything the board logged meanwhile is stored, once.
 */
@ExtendWith(CassandraExtension.class)
class ReactorMovedIT {

  @Test
  void aBoardAtANewAddressIsLinkedAgainAfterAFleetReloadAndLosesNothing(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 2, "50ms", List.of())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      String address = pipeline.moveReactor("reactor-2");
      Await.until(
          Duration.ofSeconds(30),
          "the link noticed the old address is gone",
          () -> "unreachable".equals(PipelineHarness.linkStatus(api, "reactor-2")));
      Thread.sleep(2000); // the board logs on while nobody reaches it
      long moved = System.nanoTime();
      // Only now does the fleet file name the new address: written at the move, a registry tick
      // could read it before the link noticed the old address was gone (seen on a busy machine:
      // the link went from live to live elsewhere and never showed "unreachable").
      pipeline.writeFleet(pipeline.reactors.keySet());
      assertEquals(200, api.post("/api/fleet/reload", "").statusCode());
      Await.until(
          Duration.ofSeconds(60),
          () -> "live at " + address + ": " + PipelineHarness.fleetEntry(api, "reactor-2"),
          () ->
              address.equals(PipelineHarness.fleetEntry(api, "reactor-2").path("address").asText())
                  && "live".equals(PipelineHarness.linkStatus(api, "reactor-2")));
      Duration recovery =
          Duration.ofNanos(System.nanoTime() - moved)
              .plus(pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(60)));
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "a reactor board moved to a new address, fleet reloaded",
          recovery,
          compared,
          "from the reload");
    }
  }
}
