package io.forelight.frms.node.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whom a node accepts: certificates of its fleet's CA naming the role (and reactor id) it expects,
 * valid now and not revoked; every other one refused naming why. A real TLS handshake shows a
 * reactor's server requires and checks the coordinator's certificate.
 */
class FleetTrustTest {

  private static final Instant NOW = Instant.now();
  private static FleetCa ca;
  private static FleetCa otherFleet;
  private static KeyPair keys;

  @BeforeAll
  static void fleets() {
    ca = FleetCa.create("lab-7", Duration.ofDays(365));
    otherFleet = FleetCa.create("lab-9", Duration.ofDays(365));
    keys = CertificateRequests.newKeyPair(2048);
  }

  private static X509Certificate issued(FleetCa by, Identity.Role role, String id) {
    Identity identity = new Identity(by.fleetId(), role, id);
    return by.sign(CertificateRequests.create(keys, identity), identity, Duration.ofDays(1));
  }

  private static String refusal(FleetTrust trust, X509Certificate certificate) {
    return assertThrows(
            CertificateException.class, () -> trust.check(new X509Certificate[] {certificate}, NOW))
        .getMessage();
  }

  @Test
  void aLinkAcceptsOnlyTheReactorItDialled() throws Exception {
    FleetTrust dialling = FleetTrust.reactor(ca.certificate(), "r-01", serial -> false);
    assertEquals(
        new Identity("lab-7", Identity.Role.REACTOR, "r-01"),
        dialling.check(new X509Certificate[] {issued(ca, Identity.Role.REACTOR, "r-01")}, NOW));
    assertEquals(
        "the peer is reactor r-02 of fleet lab-7, expected reactor r-01 of fleet lab-7",
        refusal(dialling, issued(ca, Identity.Role.REACTOR, "r-02")));
    assertEquals(
        "the peer is coordinator r-01 of fleet lab-7, expected reactor r-01 of fleet lab-7",
        refusal(dialling, issued(ca, Identity.Role.COORDINATOR, "r-01")));
  }

  @Test
  void aReactorAcceptsAnyCoordinatorOfItsFleetOnly() throws Exception {
    FleetTrust reactor = FleetTrust.coordinators(ca.certificate());
    assertEquals(
        "c-1",
        reactor
            .check(new X509Certificate[] {issued(ca, Identity.Role.COORDINATOR, "c-1")}, NOW)
            .id());
    String foreign = refusal(reactor, issued(otherFleet, Identity.Role.COORDINATOR, "c-1"));
    assertTrue(foreign.contains("is not issued by the CA of fleet lab-7"), foreign);
    assertEquals(
        "the peer sent no certificate; expected coordinator of fleet lab-7",
        assertThrows(CertificateException.class, () -> reactor.check(new X509Certificate[0], NOW))
            .getMessage());
  }

  @Test
  void expiredNotYetValidAndRevokedAreRefused() {
    Identity identity = new Identity("lab-7", Identity.Role.REACTOR, "r-01");
    X509Certificate expired =
        ca.sign(
            CertificateRequests.create(keys, identity),
            identity,
            NOW.minus(Duration.ofDays(10)),
            NOW.minus(Duration.ofDays(1)));
    FleetTrust dialling = FleetTrust.reactor(ca.certificate(), "r-01", serial -> false);
    assertTrue(refusal(dialling, expired).startsWith("the peer's certificate expired on "));
    X509Certificate early =
        ca.sign(
            CertificateRequests.create(keys, identity),
            identity,
            NOW.plus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(2)));
    assertTrue(refusal(dialling, early).startsWith("the peer's certificate is not valid before"));

    X509Certificate current = issued(ca, Identity.Role.REACTOR, "r-01");
    BigInteger serial = current.getSerialNumber();
    FleetTrust denying = FleetTrust.reactor(ca.certificate(), "r-01", serial::equals);
    assertEquals(
        "the peer's certificate (reactor r-01 of fleet lab-7, serial " + serial + ") is revoked",
        refusal(denying, current));
  }

  @Test
  void aServerRequiringClientCertificatesHandshakesOnlyWithItsFleetsCoordinators()
      throws Exception {
    X509Certificate serverCertificate = issued(ca, Identity.Role.REACTOR, "r-01");
    SSLContext server =
        NodeTls.context(
            keys.getPrivate(), serverCertificate, FleetTrust.coordinators(ca.certificate()));
    SSLContext coordinator =
        NodeTls.context(
            keys.getPrivate(),
            issued(ca, Identity.Role.COORDINATOR, "c-1"),
            FleetTrust.reactor(ca.certificate(), "r-01", serial -> false));
    SSLContext stranger =
        NodeTls.context(
            keys.getPrivate(),
            issued(otherFleet, Identity.Role.COORDINATOR, "c-1"),
            FleetTrust.reactor(ca.certificate(), "r-01", serial -> false));
    assertTrue(handshake(server, coordinator));
    assertThrows(IOException.class, () -> handshake(server, stranger));
  }

  /** One handshake over loopback; the server's outcome, or its failure. */
  private static boolean handshake(SSLContext server, SSLContext client) throws Exception {
    try (SSLServerSocket listening =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listening.setNeedClientAuth(true);
      CompletableFuture<Boolean> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket socket = (SSLSocket) listening.accept()) {
                  socket.startHandshake();
                  return socket.getSession().getPeerCertificates().length == 1;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      try (SSLSocket socket =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
        socket.startHandshake();
        socket
            .getOutputStream()
            .write(1); // the server's refusal arrives after the client's Finished
        socket.getOutputStream().flush();
        socket.getInputStream().read();
      }
      try {
        return accepted.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw (IOException) e.getCause().getCause();
      }
    }
  }

  @Test
  void aNodeMakesItsKeyOnceAndTakesOnlyACertificateForItself(@TempDir Path dir) throws Exception {
    Identity me = new Identity("lab-7", Identity.Role.REACTOR, "r-01");
    NodeKeys node = NodeKeys.open(dir, me);
    assertTrue(node.certificate(ca.certificate(), me, NOW).isEmpty());
    NodeKeys again = NodeKeys.open(dir, me);
    assertEquals(node.fingerprint(), again.fingerprint());

    node.store(
        ca.sign(
            node.request(),
            new Identity("lab-7", Identity.Role.REACTOR, "r-02"),
            Duration.ofDays(1)));
    String wrongId =
        assertThrows(Refused.class, () -> node.certificate(ca.certificate(), me, NOW)).getMessage();
    assertTrue(
        wrongId.endsWith("is for reactor r-02 of fleet lab-7, not for reactor r-01 of fleet lab-7"),
        wrongId);

    node.store(ca.sign(CertificateRequests.create(keys, me), me, Duration.ofDays(1)));
    String otherKey =
        assertThrows(Refused.class, () -> node.certificate(ca.certificate(), me, NOW)).getMessage();
    assertTrue(otherKey.contains("is not for this node's key"), otherKey);

    X509Certificate mine = ca.sign(node.request(), me, Duration.ofDays(1));
    node.store(mine);
    assertEquals(mine, node.certificate(ca.certificate(), me, NOW).orElseThrow());
    assertTrue(Files.exists(dir.resolve(NodeKeys.REQUEST_FILE)));
  }
}
