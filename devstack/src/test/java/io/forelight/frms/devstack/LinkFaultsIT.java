package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links cut, blackholed and slowed at random moments while two reactors sample at 20 Hz per sensor:
 * afterwards every sensor's readings in Cassandra equal the reactor's log.
 */
class LinkFaultsIT {

  @Test
  void everyLoggedReadingIsStoredOnceAfterCutsBlackholesAndDelays(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    long seed = Long.getLong("frms.seed", System.currentTimeMillis());
    System.out.println("LinkFaultsIT seed " + seed + " (rerun with -Dfrms.seed=" + seed + ")");
    Random random = new Random(seed);
    try (PipelineHarness pipeline = new PipelineHarness(dir, 2, "50ms")) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      List<FaultProxy> proxies =
          pipeline.reactors.values().stream().map(PipelineHarness.Reactor::proxy).toList();

      for (int round = 0; round < 4; round++) {
        Thread.sleep(1000 + random.nextInt(3000));
        FaultProxy victim = proxies.get(round % proxies.size());
        victim.cut();
        Thread.sleep(500 + random.nextInt(2500));
        victim.restore();
      }
      proxies.get(0).delay(Duration.ofMillis(150));
      Thread.sleep(4000);
      proxies.get(0).restore();
      proxies.get(1).blackhole();
      Thread.sleep(12_000);
      proxies.get(1).restore();

      long restored = System.nanoTime();
      Await.until(
          Duration.ofSeconds(60),
          "both links live again",
          () ->
              pipeline.reactors.keySet().stream()
                  .allMatch(id -> "live".equals(PipelineHarness.linkStatus(api, id))));
      System.out.printf(
          "LinkFaultsIT: links live %.1f s after the last fault%n",
          (System.nanoTime() - restored) / 1e9);
      for (var reactor : api.get("/api/reactors").orElseThrow().path("reactors")) {
        System.out.println(
            "LinkFaultsIT: "
                + reactor.path("id").asText()
                + " reconnected "
                + reactor.path("reconnects").asLong()
                + " times");
        assertTrue(reactor.path("reconnects").asLong() >= 2, "the faults broke both links");
      }

      pipeline.stopSampling(api);
      pipeline.awaitAllStored(api, Duration.ofSeconds(120));
      long compared = pipeline.stopReactorsAndAssertStoredEqualsLogged(api);
      System.out.println("LinkFaultsIT: " + compared + " readings stored exactly as logged");
    }
  }
}
