package io.forelight.frms.node.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's CA: kept with its key readable by its owner only, signs a node's request into a
 * certificate bound to the node's identity that the JDK's own PKIX validation accepts, and refuses
 * requests of other fleets and certificates of other CAs, naming why.
 */
class FleetCaTest {

  private static FleetCa ca;
  private static KeyPair reactorKeys;

  @BeforeAll
  static void makeOne() {
    ca = FleetCa.create("fleet-a", Duration.ofDays(3650));
    reactorKeys = CertificateRequests.newKeyPair(2048);
  }

  @Test
  void keptInADirectoryWithTheKeyForItsOwnerOnlyAndNeverOverwritten(@TempDir Path dir)
      throws Exception {
    ca.save(dir);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(FleetCa.KEY_FILE))));
    FleetCa loaded = FleetCa.load(dir);
    assertEquals("fleet-a", loaded.fleetId());
    assertEquals(ca.certificate(), loaded.certificate());
    assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> ca.save(dir));

    Files.delete(dir.resolve(FleetCa.KEY_FILE));
    FleetCa.create("fleet-b", Duration.ofDays(1)).save(dir.resolve("other"));
    Files.copy(dir.resolve("other").resolve(FleetCa.KEY_FILE), dir.resolve(FleetCa.KEY_FILE));
    Refused mismatched = assertThrows(Refused.class, () -> FleetCa.load(dir));
    Refused badFleet =
        assertThrows(Refused.class, () -> FleetCa.create("lab-", Duration.ofDays(1)));
    assertTrue(badFleet.getMessage().contains("must end a label with a letter or digit"));
    assertTrue(
        mismatched.getMessage().endsWith("ca.key is not the key of ca.crt"),
        mismatched.getMessage());
  }

  @Test
  void signsARequestIntoACertificateOfTheIdentityThatPkixAccepts() throws Exception {
    Identity reactor = new Identity("fleet-a", Identity.Role.REACTOR, "reactor-01");
    PKCS10CertificationRequest request = CertificateRequests.create(reactorKeys, reactor);
    String pem = Pem.of(request);
    X509Certificate issued =
        ca.sign(Pem.request(pem, "the board's request"), reactor, Duration.ofDays(90));
    assertEquals(reactor, Identity.of(issued));
    assertEquals(reactorKeys.getPublic(), issued.getPublicKey());
    ca.verify(issued, Instant.now());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), issued.getExtendedKeyUsage());

    assertEquals(ca.certificate().getSubjectX500Principal(), issued.getIssuerX500Principal());
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(issued)), params);

    Refused expired =
        assertThrows(
            Refused.class, () -> ca.verify(issued, Instant.now().plus(Duration.ofDays(91))));
    assertTrue(expired.getMessage().startsWith("outside its validity"), expired.getMessage());
    assertEquals(64, CertificateRequests.fingerprint(request).length());
  }

  @Test
  void refusesOtherFleetsCasAndCertificatesOfOtherCas() {
    PKCS10CertificationRequest request =
        CertificateRequests.create(
            reactorKeys, new Identity("fleet-a", Identity.Role.REACTOR, "reactor-01"));
    Refused otherFleet =
        assertThrows(
            Refused.class,
            () ->
                ca.sign(
                    request,
                    new Identity("fleet-b", Identity.Role.REACTOR, "reactor-01"),
                    Duration.ofDays(1)));
    assertEquals(
        "this CA signs for fleet fleet-a, not for reactor reactor-01 of fleet fleet-b",
        otherFleet.getMessage());
    assertThrows(
        Refused.class,
        () ->
            ca.sign(
                request, new Identity("fleet-a", Identity.Role.CA, "fleet-a"), Duration.ofDays(1)));

    FleetCa other = FleetCa.create("fleet-a", Duration.ofDays(1));
    X509Certificate foreign =
        other.sign(
            request,
            new Identity("fleet-a", Identity.Role.REACTOR, "reactor-01"),
            Duration.ofDays(1));
    Refused notOurs = assertThrows(Refused.class, () -> ca.verify(foreign, Instant.now()));
    assertTrue(
        notOurs.getMessage().startsWith("not issued by the CA of fleet fleet-a"),
        notOurs.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new Identity("fleet a", Identity.Role.REACTOR, "r"));
  }
}
