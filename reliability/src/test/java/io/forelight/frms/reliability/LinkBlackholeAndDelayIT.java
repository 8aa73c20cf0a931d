package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2: one link blackholed (bytes vanish, no reset) for longer than the idle timeout,
 * another slowed by added latency; meanwhile the other reactor's readings keep being stored.
 */
@ExtendWith(CassandraExtension.class)
class LinkBlackholeAndDelayIT {

  @Test
  void everyLoggedReadingIsStoredOnceThroughABlackholeAndALatencyStorm(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      PipelineHarness.Reactor dark = pipeline.reactors.get("reactor-1");
      PipelineHarness.Reactor slow = pipeline.reactors.get("reactor-2");

      Map<String, Map<String, Long>> before = pipeline.logged();
      long slowStoredBefore =
          PipelineHarness.fleetEntry(api, slow.id).path("storedReadings").asLong();
      dark.proxy.blackhole();
      slow.proxy.delay(Duration.ofMillis(200));
      Thread.sleep(15_000L * PipelineHarness.SCALE);
      pipeline.assertKeptSampling(before);
      assertTrue(
          PipelineHarness.fleetEntry(api, slow.id).path("storedReadings").asLong()
              > slowStoredBefore,
          "the slowed link kept storing while the other was dark");
      assertTrue(
          PipelineHarness.linkStatus(api, dark.id).equals("unreachable"),
          "the blackhole was noticed without any reset: "
              + PipelineHarness.fleetEntry(api, dark.id));
      dark.proxy.restore();
      slow.proxy.restore();
      Duration recovery = pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(120));
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "2. link blackholed " + 15 * PipelineHarness.SCALE + " s, another delayed 200 ms",
          recovery,
          compared,
          "");
    }
  }
}
