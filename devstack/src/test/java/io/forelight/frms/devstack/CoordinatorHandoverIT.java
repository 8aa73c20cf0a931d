package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordinators change while readings flow: a second node joins the cluster, then the first leaves
 * (SIGTERM: a graceful leave that hands its shards over). Afterwards every sensor's readings in
 * Cassandra equal the reactor's log.
 */
class CoordinatorHandoverIT {

  @Test
  void aNodeJoinsAndAnotherLeavesDuringIngestionWithoutLosingOrDuplicatingAReading(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    try (PipelineHarness pipeline = new PipelineHarness(dir, 2, "50ms")) {
      CoordinatorApi first = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(first, Duration.ofSeconds(120));

      CoordinatorApi second = pipeline.startCoordinator("coordinator-2");
      Await.until(
          Duration.ofSeconds(60),
          "coordinator-2 joined and serves the fleet",
          () -> second.get("/api/reactors").map(f -> f.path("reactors").size() == 2).orElse(false));
      Thread.sleep(5000);

      long leaving = System.nanoTime();
      int exit = pipeline.coordinators.get(0).process().stop(Duration.ofSeconds(60));
      assertEquals(143, exit, "coordinator-1 ran its shutdown on SIGTERM (exit 128 + 15)");
      assertTrue(
          pipeline.coordinators.get(0).process().log().contains("hand-over done"),
          "coordinator-1 handed its shards over before it left");
      pipeline.awaitFlowing(second, Duration.ofSeconds(90));
      System.out.printf(
          "CoordinatorHandoverIT: links live on coordinator-2 %.1f s after coordinator-1 was told to leave%n",
          (System.nanoTime() - leaving) / 1e9);
      Thread.sleep(3000);

      pipeline.stopSampling(second);
      pipeline.awaitAllStored(second, Duration.ofSeconds(120));
      long compared = pipeline.stopReactorsAndAssertStoredEqualsLogged(second);
      System.out.println(
          "CoordinatorHandoverIT: " + compared + " readings stored exactly as logged");
    }
  }
}
