package io.forelight.frms.reactor.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeKeys;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import io.forelight.frms.reactor.config.LinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate a coordinator renewed is taken only if it is of the fleet's CA, for this board's
 * key and id, and outlasts the one in use; then it is kept on flash and served from then on.
 */
class LinkTlsTest {

  @Test
  void takesOnlyARenewalForItsOwnKeyThatOutlastsTheCertificateInUse(@TempDir Path dir)
      throws Exception {
    FleetCa ca = FleetCa.create("lab-7", Duration.ofDays(365));
    ca.save(dir.resolve("ca"));
    Path tlsDir = dir.resolve("tls");
    LinkTls tls =
        LinkTls.open(
            "r-01",
            "",
            new LinkSettings.Tls(
                Optional.of(dir.resolve("ca").resolve(FleetCa.CERTIFICATE_FILE)),
                tlsDir,
                false,
                new LinkSettings.Enrol(List.of(), "", "")));
    Identity board = new Identity("lab-7", Identity.Role.REACTOR, "r-01");
    var request = Pem.request(Files.readString(tlsDir.resolve(NodeKeys.REQUEST_FILE)), "node.csr");
    Instant now = Instant.now();
    X509Certificate first =
        ca.sign(request, board, now.minusSeconds(60), now.plus(Duration.ofDays(10)));
    Files.writeString(tlsDir.resolve(NodeKeys.CERTIFICATE_FILE), Pem.of(first));
    assertTrue(tls.refresh());

    X509Certificate otherKey =
        ca.sign(
            CertificateRequests.create(CertificateRequests.newKeyPair(2048), board),
            board,
            now.minusSeconds(60),
            now.plus(Duration.ofDays(90)));
    String notOurs = assertThrows(Refused.class, () -> tls.renew(otherKey)).getMessage();
    assertTrue(notOurs.contains("is not for this node's key"), notOurs);

    X509Certificate shorter =
        ca.sign(request, board, now.minusSeconds(60), now.plus(Duration.ofDays(5)));
    String older = assertThrows(Refused.class, () -> tls.renew(shorter)).getMessage();
    assertTrue(older.contains("does not outlast the one in use"), older);

    X509Certificate otherBoard =
        ca.reissue(
            ca.sign(
                request,
                new Identity("lab-7", Identity.Role.REACTOR, "r-02"),
                now.minusSeconds(60),
                now.plus(Duration.ofDays(1))),
            Duration.ofDays(90));
    String wrongId = assertThrows(Refused.class, () -> tls.renew(otherBoard)).getMessage();
    assertTrue(wrongId.contains("is for reactor r-02"), wrongId);

    X509Certificate renewed = ca.reissue(first, Duration.ofDays(90));
    assertEquals(renewed, tls.renew(renewed));
    assertEquals(renewed, Pem.certificate(tlsDir.resolve(NodeKeys.CERTIFICATE_FILE)), "kept");
    assertTrue(tls.serverContext().isPresent());
  }
}
