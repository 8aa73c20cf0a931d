package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long GC pause, a frozen VM or a suspended container, from the jars: the coordinator holding
 * reactor-1 is stopped with SIGSTOP for longer than failure detection, the split brain resolver's
 * stable-after and the shard leases' TTL together, so another coordinator takes its reactors over;
 * then it is resumed with SIGCONT and finds it lost them (its writes fenced, its process ended).
 * While it is unreachable the API names it instead of reporting figures of 0. The journal check at
 * the end finds every event number once: there never were two writers.
 */
@ExtendWith(CassandraExtension.class)
class CoordinatorPauseIT {

  static final Duration PAUSE = Duration.ofSeconds(25L * PipelineHarness.SCALE);

  @Test
  void theHolderOfReactorsPausedInAClusterOfTwoIsTakenOverAndNeverWritesAgain(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    pauseTheHolder(cassandra, dir, 2, "_two");
  }

  @Test
  void theHolderOfReactorsPausedInAClusterOfThreeIsTakenOverAndNeverWritesAgain(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    pauseTheHolder(cassandra, dir, 3, "_three");
  }

  private static void pauseTheHolder(
      TestCassandra cassandra, Path dir, int coordinators, String keyspaceSuffix) throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace() + keyspaceSuffix, 2)) {
      List<CoordinatorApi> apis = pipeline.startCoordinators(coordinators);
      pipeline.awaitFlowing(apis.get(0), Duration.ofSeconds(180));
      int holder = pipeline.holderOf(apis.get(0), "reactor-1");
      Set<String> seen = new LinkedHashSet<>();
      AtomicBoolean named = new AtomicBoolean();
      PipelineHarness.Takeover takeover =
          pipeline.takeOver(
              holder,
              paused -> {
                paused.pause();
                named.set(namesUnreachableOwner(apis.get((holder + 1) % coordinators), seen));
              });
      CoordinatorApi survivor = takeover.survivor();
      Await.until(
          PAUSE.plusSeconds(10),
          "the pause has lasted " + PAUSE.toSeconds() + " s",
          () -> System.nanoTime() - takeover.faultAtNanos() > PAUSE.toNanos());
      pipeline.assertKeptSampling(takeover.loggedAtFault());

      NodeProcess paused = pipeline.coordinators.get(holder).process();
      paused.resume();
      assertTrue(
          paused.waitFor(Duration.ofSeconds(60)),
          "the resumed coordinator found it was downed and ended: " + paused.logTail(30));
      String resumedLog = paused.log();
      pipeline.restartAndAwaitRejoined(holder);
      long compared = pipeline.finish(survivor);
      assertTrue(
          named.get(), "the fleet view named reactor-1's unreachable owner; it showed " + seen);
      RecoveryReport.record(
          "coordinator holding "
              + takeover.held()
              + " paused "
              + PAUSE.toSeconds()
              + " s (SIGSTOP) in a"
              + " cluster of "
              + coordinators
              + ", then resumed",
          takeover.failover(),
          compared,
          "from the SIGSTOP until every reactor it held stored a new reading on another node;"
              + " journal: every event once; the resumed node refused "
              + count(resumedLog, "refused events")
              + " journal writes before sending and "
              + count(resumedLog, "refused a write at the socket")
              + " at the socket");
    }
  }

  private static long count(String log, String text) {
    return log.lines().filter(line -> line.contains(text)).count();
  }

  /**
   * Whether the fleet view of {@code api} comes to name reactor-1's owner as unreachable within 20
   * s; what it showed meanwhile is added to {@code seen}.
   */
  private static boolean namesUnreachableOwner(CoordinatorApi api, Set<String> seen) {
    return Await.holds(
        Duration.ofSeconds(20),
        () -> {
          JsonNode reactor = PipelineHarness.fleetEntry(api, "reactor-1");
          seen.add(
              reactor.path("owner").asText()
                  + " "
                  + reactor.path("link").asText()
                  + ": "
                  + reactor.path("lastError").asText());
          return ownerUnreachable(reactor);
        });
  }

  /**
   * The fleet view says the owner is unreachable (or, once downed, removed from the cluster) since
   * a time, with no link figures.
   */
  static boolean ownerUnreachable(JsonNode reactor) {
    String link = reactor.path("link").asText();
    String why = reactor.path("lastError").asText();
    return (link.equals("owner-unreachable") && why.startsWith("owner unreachable since ")
            || link.equals("owner-removed") && why.startsWith("owner removed from the cluster at "))
        && !reactor.path("since").asText().isEmpty()
        && reactor.path("storedReadings").isNull();
  }
}
