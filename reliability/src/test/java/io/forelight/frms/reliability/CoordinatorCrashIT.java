package io.forelight.frms.reliability;

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
 * Scenario 3: the oldest of three coordinators (the singleton's host and first seed) is killed with
 * SIGKILL during ingestion; the others take its reactors over; later it is restarted and rejoins.
 */
@ExtendWith(CassandraExtension.class)
class CoordinatorCrashIT {

  @Test
  void aCoordinatorKilledDuringIngestionLosesNothingAndRejoinsWhenRestarted(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      List<CoordinatorApi> apis = pipeline.startCoordinators(3);
      CoordinatorApi survivor = apis.get(1);
      pipeline.awaitFlowing(survivor, Duration.ofSeconds(180));
      Thread.sleep(3000);

      Map<String, Map<String, Long>> atKill = pipeline.logged();
      pipeline.coordinators.get(0).process().kill();
      Duration recovery = pipeline.awaitStored(survivor, atKill, Duration.ofSeconds(120));
      pipeline.awaitFlowing(survivor, Duration.ofSeconds(120));
      pipeline.assertKeptSampling(atKill);

      pipeline.restartCoordinator(0);
      Await.until(
          Duration.ofSeconds(120),
          "the restarted coordinator rejoined and serves the fleet",
          () ->
              apis.get(0)
                  .get("/api/reactors")
                  .map(f -> f.path("reactors").size() == 2)
                  .orElse(false));
      long compared = pipeline.finish(apis.get(0));
      RecoveryReport.record(
          "3. oldest of 3 coordinators SIGKILLed, later restarted",
          recovery,
          compared,
          "from the kill until all logged at the kill was stored (failure detection and split brain resolver included)");
    }
  }
}
