package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.ReactorSpec;
import io.forelight.frms.devstack.Stack;
import io.forelight.frms.devstack.StackCa;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.FleetTrust;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeTls;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on the reactor link, from the jars. A coordinator dialling reactor-01 at an address
 * where reactor-02 answers (with a valid certificate, of reactor-02) refuses it and stores nothing
 * of it, while it streams from reactor-02 at its own address. Clients dialling a reactor directly
 * are refused, each logged with why by the reactor: plaintext, an expired coordinator certificate,
 * a coordinator of another fleet, a reactor's certificate posing as a coordinator; a valid
 * coordinator certificate is served.
 */
@ExtendWith(CassandraExtension.class)
class LinkTlsIT {

  private static final ActorSystem<Void> CLIENTS =
      ActorSystem.create(Behaviors.empty(), "tls-clients");

  @Test
  void onlyTheDialledReactorAndOnlyCoordinatorsOfItsFleetGetThrough(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (Stack stack = new Stack(dir)) {
      stack.useCassandra(cassandra.contactPoint());
      int port = FreePorts.pick();
      Stack.RunningNode reactor =
          stack.startReactor(ReactorSpec.standard("reactor-02", port, "1s"));
      Map<String, String> fleet = new LinkedHashMap<>();
      fleet.put("reactor-01", "127.0.0.1:" + port); // the impostor answers there
      fleet.put("reactor-02", "127.0.0.1:" + port);
      int httpPort = FreePorts.pick();
      stack.startCoordinator(
          CoordinatorSpec.alone(
              "coordinator",
              httpPort,
              cassandra.contactPoint(),
              cassandra.keyspace(),
              stack.writeFleet(fleet)));
      CoordinatorApi api = new CoordinatorApi(httpPort);

      Await.until(
          Duration.ofSeconds(120),
          () -> "reactor-02 streams over TLS: " + PipelineHarness.fleetEntry(api, "reactor-02"),
          () -> api.latest("reactor-02").map(l -> l.path("sensors").size() == 3).orElse(false));
      Await.until(
          Duration.ofSeconds(60),
          () -> "reactor-01 is refused: " + PipelineHarness.fleetEntry(api, "reactor-01"),
          () ->
              PipelineHarness.fleetEntry(api, "reactor-01")
                  .path("lastError")
                  .asText()
                  .contains(
                      "TLS handshake failed: the peer is reactor reactor-02 of fleet devstack,"
                          + " expected reactor reactor-01 of fleet devstack"));
      assertTrue(
          api.latest("reactor-01").map(l -> l.path("sensors").isEmpty()).orElse(true),
          "nothing of the impostor is stored as reactor-01");
      assertEquals("unreachable", PipelineHarness.linkStatus(api, "reactor-01"));

      StackCa ca = stack.ca();
      Instant now = Instant.now();
      assertEquals(
          "reactor-02", describe(port, ca.coordinatorContext("reactor-02")).getReactorId());

      refused(port, null, reactor, "the peer");
      refused(
          port,
          ca.coordinatorContext(
              "reactor-02", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))),
          reactor,
          "the peer's certificate expired on");
      StackCa otherFleet = new StackCa(dir.resolve("other-ca"), "other-lab");
      refused(
          port,
          context(otherFleet, Identity.Role.COORDINATOR, ca),
          reactor,
          "is not issued by the CA of fleet devstack");
      refused(
          port,
          context(ca, Identity.Role.REACTOR, ca),
          reactor,
          "the peer is reactor posing of fleet devstack, expected coordinator of fleet devstack");
    }
  }

  /** A client certificate of {@code role} from {@code issuer}, trusting reactors of {@code ca}. */
  private static SSLContext context(StackCa issuer, Identity.Role role, StackCa ca) {
    KeyPair keys = CertificateRequests.newKeyPair(2048);
    Identity identity = new Identity(issuer.ca().fleetId(), role, "posing");
    Instant now = Instant.now();
    return NodeTls.context(
        keys.getPrivate(),
        issuer
            .ca()
            .sign(
                CertificateRequests.create(keys, identity),
                identity,
                now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(1))),
        FleetTrust.reactor(ca.ca().certificate(), "reactor-02", serial -> false));
  }

  /**
   * A call with {@code tls} (null: plaintext) fails, and the reactor's log says why (for a
   * plaintext client: the call fails, nothing to log about a certificate).
   */
  private static void refused(int port, SSLContext tls, Stack.RunningNode reactor, String why) {
    assertThrows(ExecutionException.class, () -> describe(port, tls), why);
    if (tls != null) {
      Await.until(
          Duration.ofSeconds(10),
          () -> "the reactor logs the refusal (" + why + "):\n" + reactor.process().logTail(10),
          () ->
              reactor
                  .process()
                  .log()
                  .lines()
                  .anyMatch(l -> l.contains("TLS: refused") && l.contains(why)));
    }
  }

  private static ReactorDescription describe(int port, SSLContext tls) throws Exception {
    GrpcClientSettings address =
        GrpcClientSettings.connectToServiceAt("127.0.0.1", port, CLIENTS)
            .withConnectionAttempts(2)
            .withDeadline(Duration.ofSeconds(10));
    ReactorLinkServiceClient client =
        ReactorLinkServiceClient.create(
            tls == null ? address.withTls(false) : address.withSslContext(tls), CLIENTS);
    try {
      return client
          .describe(DescribeRequest.newBuilder().setReactorId("reactor-02").build())
          .toCompletableFuture()
          .get(20, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }
}
