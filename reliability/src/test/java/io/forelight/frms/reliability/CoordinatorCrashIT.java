package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.forelight.frms.devkit.Await;
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
      CoordinatorApi survivor = apis.get((oldest + 1) % 3);
      List<String> held = pipeline.heldBy(survivor, oldest);
      assertFalse(held.isEmpty(), "the oldest coordinator holds reactors to take over");

      Map<String, Map<String, Long>> storedAtKill = pipeline.stored(survivor);
      Map<String, Map<String, Long>> atKill = pipeline.logged();
      long killedAt = System.nanoTime();
      pipeline.coordinators.get(oldest).process().kill();
      Duration failover =
          pipeline.awaitIngestionResumed(
              survivor, storedAtKill, held, killedAt, Duration.ofSeconds(60));
      Duration recovery = pipeline.awaitStored(survivor, atKill, Duration.ofSeconds(120));
      pipeline.awaitFlowing(survivor, Duration.ofSeconds(120));
      pipeline.assertKeptSampling(atKill);

      pipeline.restartCoordinator(oldest);
      Await.until(
          Duration.ofSeconds(120),
          "the restarted coordinator rejoined and serves the fleet",
          () ->
              apis.get(oldest)
                  .get("/api/reactors")
                  .map(f -> f.path("reactors").size() == 2)
                  .orElse(false));
      long compared = pipeline.finish(apis.get(oldest));
      RecoveryReport.record(
          "3. oldest of 3 coordinators SIGKILLed (it held " + held + "), later restarted",
          failover,
          compared,
          String.format(
              "from the kill until each reactor it held stored a new reading elsewhere; all logged"
                  + " at the kill stored after %.1f s",
              recovery.toMillis() / 1000.0));
    }
  }
}
