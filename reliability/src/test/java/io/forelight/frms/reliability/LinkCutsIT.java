package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 1: links cut and restored again and again, at random (seeded, printed) moments. */
@ExtendWith(CassandraExtension.class)
class LinkCutsIT {

  @Test
  void everyLoggedReadingIsStoredOnceThroughRepeatedLinkCuts(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    long seed = Long.getLong("frms.seed", System.currentTimeMillis());
    System.out.println("LinkCutsIT seed " + seed + " (rerun with -Dfrms.seed=" + seed + ")");
    Random random = new Random(seed);
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      List<PipelineHarness.Reactor> reactors = List.copyOf(pipeline.reactors.values());
      Map<String, Map<String, Long>> beforeFaults = pipeline.logged();
      int rounds = 4 * PipelineHarness.SCALE;
      for (int round = 0; round < rounds; round++) {
        Thread.sleep(1000 + random.nextInt(3000));
        PipelineHarness.Reactor victim = reactors.get(round % reactors.size());
        victim.proxy.cut();
        Thread.sleep(500 + random.nextInt(4000));
        victim.proxy.restore();
      }
      pipeline.assertKeptSampling(beforeFaults);
      Duration recovery = pipeline.awaitStored(api, pipeline.logged(), Duration.ofSeconds(120));
      for (PipelineHarness.Reactor reactor : reactors) {
        assertTrue(
            PipelineHarness.fleetEntry(api, reactor.id).path("reconnects").asLong() >= rounds / 2,
            reactor.id + " was cut off");
      }
      long compared = pipeline.finish(api);
      RecoveryReport.record(
          "1. link cut and restored (x" + rounds + ", seed " + seed + ")", recovery, compared, "");
    }
  }
}
