package io.forelight.frms.coordinator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.NodeConfig;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.Refused;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator's identity: its certificate from the shared CA, named after its cluster address,
 * renewed with the same key when a third of its validity is left; every wrong setting named.
 */
class FleetTlsTest {

  private static Config config(String tls) {
    return NodeConfig.load(
        ConfigFactory.parseString(
            "frms.coordinator.tls { " + tls + " }\npekko.remote.artery.canonical.port = 2552"),
        "coordinator-node.conf");
  }

  @Test
  void signsItsOwnCertificateAndRenewsItBeforeItExpires(@TempDir Path dir) throws Exception {
    FleetCa.create("lab-7", Duration.ofDays(365)).save(dir);
    FleetTls tls = FleetTls.fromConfig(config("ca-dir = \"" + dir + "\""));
    assertEquals("lab-7", tls.fleetId().orElseThrow());
    Instant now = Instant.now();
    X509Certificate first = tls.certificate(now).orElseThrow();
    assertEquals(
        new Identity("lab-7", Identity.Role.COORDINATOR, "coordinator-127-0-0-1-2552"),
        Identity.of(first));
    assertEquals(first, tls.certificate(now.plus(Duration.ofDays(19))).orElseThrow());
    X509Certificate renewed = tls.certificate(now.plus(Duration.ofDays(21))).orElseThrow();
    assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber());
    assertEquals(first.getPublicKey(), renewed.getPublicKey());
    assertEquals(renewed, tls.certificate(now.plus(Duration.ofDays(1))).orElseThrow(), "kept");
    assertTrue(tls.linkTo("reactor-01").isPresent());
  }

  @Test
  void namesWhatIsWrong(@TempDir Path dir) throws Exception {
    FleetCa.create("lab-7", Duration.ofDays(365)).save(dir);
    String empty = assertThrows(Refused.class, () -> FleetTls.check(config(""))).getMessage();
    assertTrue(empty.startsWith("frms.coordinator.tls.ca-dir is empty"), empty);
    assertTrue(FleetTls.fromConfig(config("allow-plaintext = on")).linkTo("r").isEmpty());
    String missing =
        assertThrows(
                Refused.class,
                () -> FleetTls.check(config("ca-dir = \"" + dir.resolve("nope") + "\"")))
            .getMessage();
    assertTrue(missing.startsWith("cannot read " + dir.resolve("nope")), missing);
    String otherFleet =
        assertThrows(
                Refused.class,
                () ->
                    FleetTls.check(
                        config("ca-dir = \"" + dir + "\"")
                            .withFallback(ConfigFactory.empty())
                            .withValue(
                                "frms.coordinator.fleet-id",
                                com.typesafe.config.ConfigValueFactory.fromAnyRef("lab-9"))))
            .getMessage();
    assertTrue(otherFleet.endsWith("is of fleet lab-7"), otherFleet);
    String badName =
        assertThrows(
                Refused.class,
                () -> FleetTls.check(config("ca-dir = \"" + dir + "\", name = \"a b\"")))
            .getMessage();
    assertTrue(badName.startsWith("frms.coordinator.tls.name: a fleet or node id"), badName);
  }

  @Test
  void theClusterRunsOverArteryTlsWithTheKeyAndCertificateTheLinksUse(@TempDir Path dir)
      throws Exception {
    FleetCa.create("lab-7", Duration.ofDays(365)).save(dir.resolve("ca"));
    Config configured =
        ClusterTls.configure(
            config(
                "ca-dir = \""
                    + dir.resolve("ca")
                    + "\", dir = \""
                    + dir.resolve("node")
                    + "\", name = c-1"));
    assertEquals("tls-tcp", configured.getString("pekko.remote.artery.transport"));
    Path key = dir.resolve("node").resolve(ClusterTls.KEY_FILE);
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(key)));
    assertEquals(
        key.toString(),
        configured.getString("pekko.remote.artery.ssl.rotating-keys-engine.key-file"));
    X509Certificate written =
        io.forelight.frms.node.pki.Pem.certificate(
            dir.resolve("node").resolve(ClusterTls.CERTIFICATE_FILE));
    assertTrue(
        written.getSubjectAlternativeNames().stream()
            .anyMatch(name -> name.get(1).equals("coordinators.lab-7.frms")),
        "every coordinator of the fleet shares a subject name (Artery's provider wants one)");
    FleetTls tls = FleetTls.fromConfig(configured);
    assertEquals(written, tls.certificate(Instant.now()).orElseThrow(), "the links use it too");
    X509Certificate renewed =
        tls.certificate(Instant.now().plus(Duration.ofDays(21))).orElseThrow();
    assertEquals(
        renewed,
        io.forelight.frms.node.pki.Pem.certificate(
            dir.resolve("node").resolve(ClusterTls.CERTIFICATE_FILE)),
        "a renewed certificate is written for Artery to read again");
  }

  @Test
  void aReactorCertificateIsSignedAgainWhenAThirdIsLeftAndOnlyIfTheCheckLetsIt(@TempDir Path dir)
      throws Exception {
    FleetCa ca = FleetCa.create("lab-7", Duration.ofDays(365));
    ca.save(dir);
    FleetTls tls = FleetTls.fromConfig(config("ca-dir = \"" + dir + "\", reactor-validity = 90d"));
    java.security.KeyPair board = io.forelight.frms.node.pki.CertificateRequests.newKeyPair(2048);
    Identity reactor = new Identity("lab-7", Identity.Role.REACTOR, "r-01");
    Instant now = Instant.now();
    X509Certificate shown =
        ca.sign(
            io.forelight.frms.node.pki.CertificateRequests.create(board, reactor),
            reactor,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(31)));
    assertTrue(tls.renewal(shown, now).toCompletableFuture().get().isEmpty(), "31 of 90 days left");
    X509Certificate renewed =
        tls.renewal(shown, now.plus(Duration.ofDays(2))).toCompletableFuture().get().orElseThrow();
    assertEquals(reactor, Identity.of(renewed));
    assertEquals(board.getPublic(), renewed.getPublicKey(), "the same key: it never travels");
    assertNotEquals(shown.getSerialNumber(), renewed.getSerialNumber());
    assertTrue(renewed.getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(89))));
    ca.verify(renewed, now);

    tls.renewWith((old, next) -> java.util.concurrent.CompletableFuture.completedFuture(false));
    assertTrue(
        tls.renewal(shown, now.plus(Duration.ofDays(2))).toCompletableFuture().get().isEmpty(),
        "a board no longer in the fleet gets none");

    FleetCa other = FleetCa.create("lab-7", Duration.ofDays(365));
    X509Certificate foreign =
        other.sign(
            io.forelight.frms.node.pki.CertificateRequests.create(board, reactor),
            reactor,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(1)));
    assertThrows(Refused.class, () -> tls.renewal(foreign, now), "another CA's is not renewed");
    String tooShort =
        assertThrows(
                Refused.class,
                () -> FleetTls.check(config("ca-dir = \"" + dir + "\", validity = 10s")))
            .getMessage();
    assertTrue(tooShort.contains("at least"), tooShort);
  }
}
