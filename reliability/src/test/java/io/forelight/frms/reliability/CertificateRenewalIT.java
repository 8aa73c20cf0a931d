package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates renew during ingestion and nothing is lost, from the jars. The coordinator's
 * certificate and the reactors' are short-lived here (90 s; production: 30 and 90 days). Each
 * reactor is given a certificate with 25 s left (as a board that was off for months would come back
 * with); once its link shows it, the coordinator has the CA sign it again and hands it over the
 * link, with no admin. After both the reactors' first certificates and the coordinator's first one
 * have expired, every link is cut: the new handshakes succeed only on renewed certificates on both
 * sides. Renewals go on while the reactors stream; every logged reading is stored once.
 */
@ExtendWith(CassandraExtension.class)
class CertificateRenewalIT {

  private static final String RENEWED_BY_COORDINATOR = "renewed its certificate";
  private static final String TAKEN_BY_REACTOR = "renewed: certificate of";

  @Test
  void certificatesRenewWhileReadingsFlowAndNoneIsLost(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      Instant coordinatorStart = Instant.now();
      CoordinatorApi api =
          pipeline.startCoordinator(
              "coordinator-1",
              List.of(
                  "-Dfrms.coordinator.tls.validity=90s",
                  "-Dfrms.coordinator.tls.reactor-validity=90s",
                  "-Dfrms.coordinator.tls.renewal-check=5s"));
      pipeline.awaitFlowing(api, Duration.ofSeconds(120));
      Map<String, Map<String, Long>> before = pipeline.logged();

      List<X509Certificate> shortLived = new ArrayList<>();
      for (PipelineHarness.Reactor reactor : pipeline.reactors.values()) {
        Instant now = Instant.now();
        shortLived.add(
            pipeline
                .stack
                .ca()
                .issue(
                    reactor.id,
                    pipeline.stack.reactorTlsDir(reactor.id),
                    now.minusSeconds(60),
                    now.plusSeconds(25)));
        awaitLogged(reactor, TAKEN_BY_REACTOR, 1);
        reactor.proxy.cut(); // the link's next handshake shows the short-lived certificate
        reactor.proxy.restore();
      }
      for (PipelineHarness.Reactor reactor : pipeline.reactors.values()) {
        awaitLogged(reactor, TAKEN_BY_REACTOR, 2); // the coordinator's renewal, taken
        // the reactor logs taking it before its reply reaches the coordinator, which logs then
        Await.until(
            Duration.ofSeconds(30),
            () -> "the coordinator says it renewed the certificate of " + reactor.id,
            () -> coordinatorLogCount(pipeline, reactor.id + ": " + RENEWED_BY_COORDINATOR) >= 1);
      }

      Instant allFirstExpired =
          shortLived.stream()
              .map(c -> c.getNotAfter().toInstant())
              .reduce(coordinatorStart.plusSeconds(90), (a, b) -> a.isAfter(b) ? a : b);
      Await.until(
          Duration.ofSeconds(150),
          () -> "the first certificates expire",
          () -> Instant.now().isAfter(allFirstExpired.plusSeconds(2)));
      assertTrue(
          coordinatorLogCount(pipeline, "dialling reactors over mutual TLS as") >= 1,
          "the coordinator renewed its own certificate:\n" + coordinatorLog(pipeline));
      Map<String, Long> reconnectsBefore = new java.util.HashMap<>();
      for (PipelineHarness.Reactor reactor : pipeline.reactors.values()) {
        reconnectsBefore.put(
            reactor.id, PipelineHarness.fleetEntry(api, reactor.id).path("reconnects").asLong());
        reactor.proxy.cut();
        reactor.proxy.restore();
      }
      for (PipelineHarness.Reactor reactor : pipeline.reactors.values()) {
        Await.until(
            Duration.ofSeconds(60),
            () ->
                reactor.id
                    + " links again on renewed certificates: "
                    + PipelineHarness.fleetEntry(api, reactor.id),
            () ->
                PipelineHarness.fleetEntry(api, reactor.id).path("reconnects").asLong()
                        > reconnectsBefore.get(reactor.id)
                    && "live".equals(PipelineHarness.linkStatus(api, reactor.id)));
        awaitLogged(reactor, TAKEN_BY_REACTOR, 3); // renewal goes on, the link streaming
      }

      pipeline.assertKeptSampling(before);
      for (PipelineHarness.Reactor reactor : pipeline.reactors.values()) {
        assertTrue(
            reactor.node.process().log().lines().noneMatch(l -> l.contains("TLS: refused")),
            reactor.id + " refused no handshake:\n" + reactor.node.process().logTail(20));
      }
      assertEquals(0, coordinatorLogCount(pipeline, "TLS: refused"), coordinatorLog(pipeline));
      long compared = pipeline.finish(api);
      assertTrue(compared > 0);
    }
  }

  private static void awaitLogged(PipelineHarness.Reactor reactor, String line, int times) {
    Await.until(
        Duration.ofSeconds(90),
        () ->
            reactor.id
                + " logs '"
                + line
                + "' "
                + times
                + " times:\n"
                + reactor.node.process().logTail(15),
        () -> reactor.node.process().log().lines().filter(l -> l.contains(line)).count() >= times);
  }

  private static long coordinatorLogCount(PipelineHarness pipeline, String text) {
    return coordinatorLog(pipeline).lines().filter(l -> l.contains(text)).count();
  }

  private static String coordinatorLog(PipelineHarness pipeline) {
    return pipeline.coordinators.get(0).process().log();
  }
}
