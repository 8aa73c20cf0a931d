package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.NodeProcess;
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
 * Both ends of a link freeze at once (SIGSTOP of reactor-1 and of the coordinator holding it), for
 * longer than failover takes; then both resume. The other coordinator takes reactor-1 over and
 * streams what it logged after it resumed; the resumed coordinator, downed meanwhile, writes
 * nothing and ends.
 */
@ExtendWith(CassandraExtension.class)
class LinkEndsPausedIT {

  @Test
  void bothEndsOfALinkPausedTogetherLoseAndDoubleNothing(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      List<CoordinatorApi> apis = pipeline.startCoordinators(2);
      pipeline.awaitFlowing(apis.get(0), Duration.ofSeconds(180));
      int holder = pipeline.holderOf(apis.get(0), "reactor-1");
      CoordinatorApi survivor = apis.get(1 - holder);
      NodeProcess coordinator = pipeline.coordinators.get(holder).process();
      NodeProcess reactor = pipeline.reactors.get("reactor-1").node.process();

      long pausedAt = System.nanoTime();
      reactor.pause();
      coordinator.pause();
      Await.until(
          CoordinatorPauseIT.PAUSE.plusSeconds(10),
          "the pause has lasted " + CoordinatorPauseIT.PAUSE.toSeconds() + " s",
          () -> System.nanoTime() - pausedAt > CoordinatorPauseIT.PAUSE.toNanos());
      Map<String, Map<String, Long>> storedAtResume = pipeline.stored(survivor);
      long resumedAt = System.nanoTime();
      coordinator.resume();
      reactor.resume();
      Duration resumed =
          pipeline.awaitIngestionResumed(
              survivor, storedAtResume, List.of("reactor-1"), resumedAt, Duration.ofSeconds(60));
      assertTrue(
          coordinator.waitFor(Duration.ofSeconds(60)),
          "the resumed coordinator found it was downed and ended: " + coordinator.logTail(30));
      pipeline.awaitFlowing(survivor, Duration.ofSeconds(60));

      long compared = pipeline.finish(survivor);
      RecoveryReport.record(
          "reactor-1 and its coordinator paused together "
              + CoordinatorPauseIT.PAUSE.toSeconds()
              + " s, then resumed",
          resumed,
          compared,
          "from both resuming until reactor-1 stored a new reading on the other coordinator");
    }
  }
}
