package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 6: Cassandra stopped during ingestion and started again (on a Cassandra of its own).
 * Meanwhile reactors keep sampling and the coordinator keeps answering.
 */
class CassandraOutageIT {

  @Test
  void nothingIsLostWhileCassandraIsDownAndEverythingIsStoredWhenItReturns(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    try (PipelineHarness pipeline = new PipelineHarness(dir, null, "frms_outage", 2)) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(180));
      Map<String, Map<String, Long>> before = pipeline.logged();
      pipeline.stack.cassandra().stop();
      Thread.sleep(20_000L * PipelineHarness.SCALE);
      assertEquals(
          200,
          api.raw("/api/reactors").statusCode(),
          "the coordinator answers while Cassandra is down");
      pipeline.assertKeptSampling(before);
      pipeline.stack.restartCassandra();
      Duration recovery = pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(180));
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "6. Cassandra stopped " + 20 * PipelineHarness.SCALE + " s during ingestion",
          recovery,
          compared,
          "from Cassandra answering CQL again");
    }
  }
}
