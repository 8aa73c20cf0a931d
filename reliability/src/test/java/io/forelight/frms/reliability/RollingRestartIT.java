package io.forelight.frms.reliability;

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

/** Scenario 4: a rolling restart of all three coordinators, one at a time, during ingestion. */
@ExtendWith(CassandraExtension.class)
class RollingRestartIT {

  @Test
  void aRollingRestartOfEveryCoordinatorLosesNothing(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      List<CoordinatorApi> apis = pipeline.startCoordinators(3);
      pipeline.awaitFlowing(apis.get(0), Duration.ofSeconds(180));
      Duration longest = Duration.ZERO;
      for (int i = 0; i < 3; i++) {
        CoordinatorApi other = apis.get((i + 1) % 3);
        pipeline.coordinators.get(i).process().stop(Duration.ofSeconds(60));
        long stopped = System.nanoTime();
        var atStop = pipeline.logged();
        pipeline.awaitStored(other, atStop, Duration.ofSeconds(120));
        Duration caughtUp = Duration.ofNanos(System.nanoTime() - stopped);
        longest = caughtUp.compareTo(longest) > 0 ? caughtUp : longest;
        pipeline.restartCoordinator(i);
        CoordinatorApi restarted = apis.get(i);
        Await.until(
            Duration.ofSeconds(120),
            "coordinator-" + (i + 1) + " back in the cluster",
            () ->
                restarted
                    .get("/api/reactors")
                    .map(f -> f.path("reactors").size() == 2)
                    .orElse(false));
        pipeline.awaitFlowing(restarted, Duration.ofSeconds(120));
      }
      long compared = pipeline.finish(apis.get(2));
      RecoveryReport.record(
          "4. rolling restart of 3 coordinators",
          longest,
          compared,
          "longest time from one node's SIGTERM until all logged by then was stored");
    }
  }
}
