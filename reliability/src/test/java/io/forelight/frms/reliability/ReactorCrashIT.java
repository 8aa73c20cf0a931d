package io.forelight.frms.reliability;

import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5: a reactor node killed with SIGKILL (even rounds) or stopped with SIGTERM (odd rounds)
 * while it samples and streams, then restarted.
 */
@ExtendWith(CassandraExtension.class)
class ReactorCrashIT {

  @Test
  void aReactorKilledMidBatchLosesNothingAndDuplicatesNothing(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    Random random = new Random(Long.getLong("frms.seed", 5));
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 2, "20ms", java.util.List.of())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      Duration recovery = Duration.ZERO;
      for (int round = 0; round < 2 * PipelineHarness.SCALE; round++) {
        Thread.sleep(2000 + random.nextInt(2000));
        if (round % 2 == 0) {
          pipeline.killReactor("reactor-1");
        } else {
          pipeline.stopReactor("reactor-1");
        }
        Thread.sleep(1000 + random.nextInt(2000));
        long restarted = System.nanoTime();
        pipeline.restartReactor("reactor-1");
        pipeline.awaitFlowing(api, Duration.ofSeconds(120));
        recovery =
            Duration.ofNanos(System.nanoTime() - restarted)
                .plus(pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(120)));
      }
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "5. reactor SIGKILL or SIGTERM mid-batch, restarted (x" + 2 * PipelineHarness.SCALE + ")",
          recovery,
          compared,
          "time from restart to all stored, jar start included");
    }
  }
}
