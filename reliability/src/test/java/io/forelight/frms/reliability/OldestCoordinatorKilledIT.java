package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * The oldest of two coordinators (the singletons' host) is killed with SIGKILL: the survivor, alone
 * and not the oldest, takes the split brain resolver's lease, keeps serving and takes over the
 * killed node's reactors. (With keep-oldest or keep-majority it downed itself.)
 */
@ExtendWith(CassandraExtension.class)
class OldestCoordinatorKilledIT {

  @Test
  void theYoungerOfTwoSurvivesTheOldestsCrashAndTakesItsReactorsOver(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 3)) {
      List<CoordinatorApi> apis = pipeline.startCoordinatorsOldestFirst(2);
      pipeline.awaitFlowing(apis.get(1), Duration.ofSeconds(180));
      int oldest = pipeline.oldest(1);
      CoordinatorApi survivor = apis.get(1 - oldest);
      List<String> held = pipeline.heldBy(survivor, oldest);
      assertFalse(held.isEmpty(), "the oldest coordinator holds reactors to take over");

      Map<String, Map<String, Long>> storedAtKill = pipeline.stored(survivor);
      Map<String, Map<String, Long>> loggedAtKill = pipeline.logged();
      long killedAt = System.nanoTime();
      pipeline.coordinators.get(oldest).process().kill();
      Duration failover =
          pipeline.awaitIngestionResumed(
              survivor, storedAtKill, held, killedAt, Duration.ofSeconds(60));
      pipeline.awaitStored(survivor, loggedAtKill, Duration.ofSeconds(60));
      pipeline.awaitFlowing(survivor, Duration.ofSeconds(60));
      pipeline.assertKeptSampling(loggedAtKill);

      long compared = pipeline.finish(survivor);
      RecoveryReport.record(
          "oldest of 2 coordinators SIGKILLed (it held " + held + ")",
          failover,
          compared,
          "from the kill until every reactor it held stored a new reading on the survivor");
    }
  }
}
