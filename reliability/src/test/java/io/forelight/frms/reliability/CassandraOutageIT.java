package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.HealthProbe;
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
      int management = pipeline.managementPorts.get(0);
      assertTrue(HealthProbe.ask(management, "/ready").ok(), "ready before the outage");
      Map<String, Map<String, Long>> before = pipeline.logged();
      long stopped = System.nanoTime();
      pipeline.stack.cassandra().stop();
      Await.until(
          Duration.ofSeconds(30),
          () -> "not ready, naming Cassandra: " + HealthProbe.ask(management, "/ready"),
          () -> {
            HealthProbe.Answer ready = HealthProbe.ask(management, "/ready");
            return ready.status() == 500 && ready.body().contains("Cassandra does not answer");
          });
      assertTrue(HealthProbe.ask(management, "/alive").ok(), "alive while Cassandra is down");
      Thread.sleep(
          Math.max(0, 20_000L * PipelineHarness.SCALE - (System.nanoTime() - stopped) / 1_000_000));
      assertEquals(
          200,
          api.raw("/api/reactors").statusCode(),
          "the coordinator answers while Cassandra is down");
      pipeline.assertKeptSampling(before);
      pipeline.stack.restartCassandra();
      Await.until(
          Duration.ofSeconds(120),
          () -> "ready again: " + HealthProbe.ask(management, "/ready"),
          () -> HealthProbe.ask(management, "/ready").ok());
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
