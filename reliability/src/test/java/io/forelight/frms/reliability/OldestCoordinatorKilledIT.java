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
      PipelineHarness.Takeover takeover = pipeline.takeOver(pipeline.oldest(1), NodeProcess::kill);
      CoordinatorApi survivor = takeover.survivor();
      pipeline.awaitStored(survivor, takeover.loggedAtFault(), Duration.ofSeconds(60));
      pipeline.awaitFlowing(survivor, Duration.ofSeconds(60));
      pipeline.assertKeptSampling(takeover.loggedAtFault());

      long compared = pipeline.finish(survivor);
      RecoveryReport.record(
          "oldest of 2 coordinators SIGKILLed (it held " + takeover.held() + ")",
          takeover.failover(),
          compared,
          "from the kill until every reactor it held stored a new reading on the survivor");
    }
  }
}
