package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.link.v1.LogStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reactor whose log reaches its quota while no coordinator runs (a full card, exactly): it stops
 * logging with a clear status, keeps what it holds, counts what it could not take, and resumes by
 * itself once a coordinator acknowledges; the loss is stored as lost-at-source, with no gap.
 */
@ExtendWith(CassandraExtension.class)
class ReactorLogFullIT {

  private static final long QUOTA = 256 * 1024;

  @Test
  void aFullLogResumesByItselfAndItsLossIsStoredNotSilent(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir,
            cassandra.contactPoint(),
            cassandra.keyspace(),
            1,
            "20ms",
            List.of("readings-journal.max-bytes = " + QUOTA))) {
      ReactorProbe reactor = pipeline.reactors.get("reactor-1").probe;
      Await.until(
          Duration.ofSeconds(120),
          () -> "the log fills up: " + logFull(reactor),
          () -> !logFull(reactor).isEmpty());
      LogStatus full = reactor.describe().getLog();
      assertTrue(full.getFull().startsWith("log full: "), full.toString());
      assertTrue(
          full.getFull().endsWith("(quota of " + QUOTA + " bytes reached)"), full.toString());
      assertTrue(full.getBytesOnDisk() <= QUOTA, "the quota holds: " + full);
      Map<String, Long> whileFull = reactor.lastSeqs();
      Thread.sleep(1000); // readings come every 20 ms: about 50 per sensor are not logged now
      assertEquals(whileFull, reactor.lastSeqs(), "nothing is logged while the log is full");

      long started = System.nanoTime();
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      Await.until(
          Duration.ofSeconds(120),
          () -> "logging resumes after acknowledgements: " + logFull(reactor),
          () ->
              reactor.describe().getLog().getFull().isEmpty()
                  && reactor.lastSeqs().entrySet().stream()
                      .allMatch(e -> e.getValue() > whileFull.get(e.getKey()) + 1));
      Duration resumed = Duration.ofNanos(System.nanoTime() - started);

      pipeline.stopSampling(api);
      pipeline.awaitAllStored(api, Duration.ofSeconds(180));
      long compared = 0;
      for (String sensor : pipeline.reactors.get("reactor-1").sensors()) {
        JsonNode completeness = StoredReadings.completeness(api, "reactor-1", sensor);
        assertTrue(completeness.path("complete").asBoolean(), "no gap: " + completeness);
        assertTrue(completeness.path("lostAtSource").asLong() > 0, "loss stored: " + completeness);
        assertEquals(
            "lost at source: "
                + completeness.path("lostAtSource").asLong()
                + " (quota of "
                + QUOTA
                + " bytes reached)",
            completeness.path("lostSummary").asText());
        long lostSeq = completeness.path("lostRanges").get(0).path("seq").asLong();
        assertEquals(whileFull.get(sensor) + 1, lostSeq, "the range follows the last reading");
        List<LoggedReading> stored = StoredReadings.readings(api, "reactor-1", sensor);
        LoggedReading standIn =
            stored.stream().filter(r -> r.seq() == lostSeq).findFirst().orElseThrow();
        assertEquals("BAD", standIn.quality());
        assertEquals(completeness.path("last").asLong(), stored.size(), "each seq stored once");
        compared += stored.size();
      }
      RecoveryReport.record(
          "14. reactor log full (quota " + QUOTA / 1024 + " KiB), coordinator started late",
          resumed,
          compared,
          "time from coordinator start until every sensor logs again; loss stored as"
              + " lost-at-source, no gap");
    }
  }

  /** The reactor's "log full" status ("" while it takes readings, or before it answers). */
  private static String logFull(ReactorProbe reactor) {
    try {
      return reactor.describe().getLog().getFull();
    } catch (IllegalStateException notUpYet) {
      return "";
    }
  }
}
