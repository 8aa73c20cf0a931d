package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * stored a new reading elsewhere); later it is restarted and rejoins the running cluster (it never
 * forms a second one, however late the others answer it).
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

      // it is the first seed node: Pekko lets a first seed that hears from no other seed within
      // seed-node-timeout form a new cluster, which on a busy machine it once did beside the
      // running two. With a timeout far too short to hear from them it must still join them.
      pipeline.restartAndAwaitRejoined(oldest, List.of("-Dpekko.cluster.seed-node-timeout=200ms"));
      pipeline.awaitOneCluster();
      String log = pipeline.coordinators.get(oldest).process().log();
      String restarted = log.substring(log.lastIndexOf("Starting up, Pekko version"));
      assertTrue(
          restarted.contains("a cluster is running (leases renewed by")
              && !restarted.contains("forming new cluster"),
          "the restarted first seed saw the running cluster and joined it");
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
