package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.HealthProbe;
import io.forelight.frms.devkit.RemoteJmx;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator started from its jar, watched the way operators do: readiness through Pekko
 * Management, and the fleet and link MBeans through a remote JMX connection, compared with what the
 * HTTP API says while a link is cut and after everything is stored.
 */
@ExtendWith(CassandraExtension.class)
class CoordinatorOpsIT {

  private static final String LATENCY = "io.forelight.frms:type=IngestLatency";
  private static final String FLEET = "io.forelight.frms:type=Fleet";

  private static String link(String reactorId) {
    return "io.forelight.frms:type=ReactorLink,reactor=" + reactorId;
  }

  @Test
  void theMBeansFollowTheLinksAndCountWhatIsStored(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    int jmxPort = FreePorts.pick();
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1", RemoteJmx.flags(jmxPort));
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      int management = pipeline.managementPorts.get(0);
      Await.until(
          Duration.ofSeconds(30),
          () -> "ready: " + HealthProbe.ask(management, "/ready"),
          () -> HealthProbe.ask(management, "/ready").ok());
      assertTrue(
          HealthProbe.ask(management, "/cluster/members").body().contains("Up"),
          "cluster management answers, read-only");

      try (RemoteJmx jmx = RemoteJmx.connect(jmxPort)) {
        assertEquals(2, jmx.get(FLEET, "ReactorsKnown"));
        assertEquals(2, jmx.get(FLEET, "LinksHosted"));
        assertEquals(2, jmx.get(FLEET, "Connected"));
        assertEquals(0, jmx.get(FLEET, "Unreachable"));
        Await.until(
            Duration.ofSeconds(30),
            "a storage rate",
            () -> (Double) jmx.get(FLEET, "ReadingsStoredPerSecond") > 0);
        assertEquals("LIVE", jmx.get(link("reactor-1"), "State"));
        assertTrue(!((String) jmx.get(link("reactor-1"), "LastSeen")).isEmpty());
        long lag = (Long) jmx.get(link("reactor-1"), "LagMillis");
        assertTrue(lag >= 0 && lag < 30_000, "lag while live: " + lag);

        PipelineHarness.Reactor victim = pipeline.reactors.get("reactor-2");
        victim.proxy.cut();
        Await.until(
            Duration.ofSeconds(30),
            "reactor-2's link unreachable in JMX",
            () ->
                "UNREACHABLE".equals(jmx.get(link("reactor-2"), "State"))
                    && (Integer) jmx.get(FLEET, "Unreachable") == 1
                    && (Integer) jmx.get(FLEET, "Connected") == 1);
        assertTrue((Long) jmx.get(link("reactor-2"), "Reconnects") >= 1);
        assertEquals(
            PipelineHarness.fleetEntry(api, "reactor-2").path("lastError").asText(),
            jmx.get(link("reactor-2"), "LastError"));
        victim.proxy.restore();
        pipeline.awaitFlowing(api, Duration.ofSeconds(60));

        pipeline.stopSampling(api);
        pipeline.awaitAllStored(api, Duration.ofSeconds(120));
        long storedByAll = 0;
        for (String reactor : List.of("reactor-1", "reactor-2")) {
          long stored = 0;
          for (JsonNode sensor : api.latest(reactor).orElseThrow().path("sensors")) {
            stored += sensor.path("seq").asLong();
          }
          storedByAll += stored;
          assertEquals(
              stored,
              jmx.get(link(reactor), "StoredReadings"),
              reactor + ": the link stored every reading, once");
          assertEquals(0L, jmx.get(link(reactor), "Backlog"));
        }
        assertEquals(
            storedByAll,
            jmx.get(LATENCY, "Readings"),
            "this coordinator committed every reading once, and timed each");
        double p50 = (Double) jmx.get(LATENCY, "P50Millis");
        double p99 = (Double) jmx.get(LATENCY, "P99Millis");
        double max = (Double) jmx.get(LATENCY, "MaxMillis");
        assertTrue(0 < p50 && p50 <= p99 && p99 <= max, p50 + " <= " + p99 + " <= " + max);
        jmx.invoke(LATENCY, "reset");
        assertEquals(0L, jmx.get(LATENCY, "Readings"));
      }
      pipeline.stopReactorsAndAssertStoredEqualsLogged(api);
    }
  }
}
