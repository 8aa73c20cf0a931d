package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinators change while readings flow: a second node joins the cluster, then the first leaves
 * (SIGTERM: a graceful leave that hands its shards and the fleet singleton over).
 */
@ExtendWith(CassandraExtension.class)
class CoordinatorHandoverIT {

  @Test
  void aNodeJoinsAndAnotherLeavesDuringIngestionWithoutLosingOrDuplicatingAReading(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      CoordinatorApi first = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(first, Duration.ofSeconds(120));
      CoordinatorApi second = pipeline.startCoordinator("coordinator-2");
      pipeline.awaitServesFleet(second, "joined", Duration.ofSeconds(120));
      Thread.sleep(5000);

      var atLeave = pipeline.logged();
      int exit = pipeline.coordinators.get(0).process().stop(Duration.ofSeconds(60));
      assertEquals(143, exit, "coordinator-1 ran its shutdown on SIGTERM (exit 128 + 15)");
      assertTrue(
          pipeline.coordinators.get(0).process().log().contains("hand-over done"),
          "coordinator-1 handed its shards over before it left");
      Duration recovery = pipeline.awaitStored(second, atLeave, Duration.ofSeconds(90));
      pipeline.awaitFlowing(second, Duration.ofSeconds(90));
      long compared = pipeline.finish(second);
      RecoveryReport.record(
          "coordinator joins, another leaves (SIGTERM)",
          recovery,
          compared,
          "from the SIGTERM until all logged by then was stored");
    }
  }
}
