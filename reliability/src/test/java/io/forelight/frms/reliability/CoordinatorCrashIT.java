package io.forelight.frms.reliability;

import io.forelight.frms.devkit.NodeProcess;
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
 * Scenario 3: the oldest of three coordinators (the singletons' host and first seed) is killed with
 * SIGKILL during ingestion; the others take its reactors over (failover: until each reactor it held
 * stored a new reading elsewhere); later it is restarted and rejoins.
 */
@ExtendWith(CassandraExtension.class)
class CoordinatorCrashIT {

  @Test
  void aCoordinatorKilledDuringIngestionLosesNothingAndRejoinsWhenRestarted(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      List<CoordinatorApi> apis = pipeline.startCoordinatorsOldestFirst(3);
      pipeline.awaitFlowing(apis.get(1), Duration.ofSeconds(180));
      int oldest = pipeline.oldest(1);
      PipelineHarness.Takeover takeover = pipeline.takeOver(oldest, NodeProcess::kill);
      Duration recovery =
          pipeline.awaitStored(
              takeover.survivor(), takeover.loggedAtFault(), Duration.ofSeconds(120));
      pipeline.awaitFlowing(takeover.survivor(), Duration.ofSeconds(120));
      pipeline.assertKeptSampling(takeover.loggedAtFault());

      pipeline.restartAndAwaitRejoined(oldest);
      long compared = pipeline.finish(apis.get(oldest));
      RecoveryReport.record(
          "3. oldest of 3 coordinators SIGKILLed (it held "
              + takeover.held()
              + "), later restarted",
          takeover.failover(),
          compared,
          String.format(
              "from the kill until each reactor it held stored a new reading elsewhere; all logged"
                  + " at the kill stored after %.1f s",
              recovery.toMillis() / 1000.0));
    }
  }
}
