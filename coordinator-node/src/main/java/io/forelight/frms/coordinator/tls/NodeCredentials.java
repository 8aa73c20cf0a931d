package io.forelight.frms.coordinator.tls;

import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.Pem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator's key and its certificate of the fleet's CA, signed again (same key) once a third
 * of its validity is left; with Artery TLS the renewed certificate is written over the file the
 * cluster's TLS provider reads again.
 */
final class NodeCredentials {

  private static final Logger log = LoggerFactory.getLogger(NodeCredentials.class);

  final FleetCa ca;
  final Identity identity;
  final KeyPair keys;
  private final Duration validity;
  private final Optional<Path> certificateFile;
  private X509Certificate certificate;

  /** A new key, kept in memory (a node whose cluster runs without TLS: tests). */
  NodeCredentials(FleetCa ca, Identity identity, Duration validity) {
    this.ca = ca;
    this.identity = identity;
    this.validity = validity;
    this.keys = CertificateRequests.newKeyPair(2048);
    this.certificateFile = Optional.empty();
    renew();
  }

  /** The key and certificate Artery TLS uses ({@link ClusterTls}), shared by the links. */
  NodeCredentials(
      FleetCa ca, Identity identity, Duration validity, Path keyFile, Path certificateFile) {
    this.ca = ca;
    this.identity = identity;
    this.validity = validity;
    this.certificate = Pem.certificate(certificateFile);
    this.keys = new KeyPair(certificate.getPublicKey(), ClusterTls.key(keyFile));
    this.certificateFile = Optional.of(certificateFile);
    log.info(
        "cluster and reactor links over mutual TLS as {} (certificate serial {}, valid until {})",
        identity,
        certificate.getSerialNumber(),
        certificate.getNotAfter().toInstant());
  }

  /** The certificate, renewed first if a third of its validity or less is left at {@code now}. */
  synchronized X509Certificate current(Instant now) {
    if (FleetTls.due(certificate, validity, now)) {
      renew();
    }
    return certificate;
  }

  private void renew() {
    certificate = ca.sign(CertificateRequests.create(keys, identity), identity, validity);
    certificateFile.ifPresent(file -> ClusterTls.writeCertificate(file, certificate));
    log.info(
        "dialling reactors over mutual TLS as {} (certificate serial {}, valid until {})",
        identity,
        certificate.getSerialNumber(),
        certificate.getNotAfter().toInstant());
  }
}
