package io.forelight.frms.node.pki;

import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whom a node accepts at the other end of a TLS connection: a certificate issued by its fleet's CA
 * (PKIX, within its validity), naming an identity of that fleet in the expected role (and, when
 * dialling a reactor, the expected reactor id), not on the deny list. Host names are not checked:
 * reactors are dialled by address, and the identity is what counts. Every refusal is logged at WARN
 * with the peer's address and why, and fails the handshake.
 */
public final class FleetTrust extends X509ExtendedTrustManager {

  private static final Logger log = LoggerFactory.getLogger(FleetTrust.class);

  private final X509Certificate ca;
  private final String fleetId;
  private final Identity.Role role;
  private final Optional<String> id;
  private final Predicate<BigInteger> revoked;
  private final Consumer<X509Certificate> accepted;

  private FleetTrust(
      X509Certificate ca,
      Identity.Role role,
      Optional<String> id,
      Predicate<BigInteger> revoked,
      Consumer<X509Certificate> accepted) {
    this.ca = ca;
    this.fleetId = Identity.of(ca).fleetId();
    this.role = role;
    this.id = id;
    this.revoked = revoked;
    this.accepted = accepted;
  }

  /** Accepts any coordinator of the CA's fleet (what a reactor's link server trusts). */
  public static FleetTrust coordinators(X509Certificate ca) {
    return new FleetTrust(
        ca, Identity.Role.COORDINATOR, Optional.empty(), serial -> false, peer -> {});
  }

  /** Accepts only reactor {@code reactorId} of the CA's fleet (what a link dialling it trusts). */
  public static FleetTrust reactor(
      X509Certificate ca, String reactorId, Predicate<BigInteger> revoked) {
    return reactor(ca, reactorId, revoked, peer -> {});
  }

  /**
   * As {@link #reactor(X509Certificate, String, Predicate)}, telling {@code accepted} each
   * certificate it lets through (the link renews it when it runs out).
   */
  public static FleetTrust reactor(
      X509Certificate ca,
      String reactorId,
      Predicate<BigInteger> revoked,
      Consumer<X509Certificate> accepted) {
    return new FleetTrust(ca, Identity.Role.REACTOR, Optional.of(reactorId), revoked, accepted);
  }

  /** Who is accepted, for messages: "coordinator of fleet lab-7", "reactor r-01 of fleet lab-7". */
  public String expected() {
    return role.id() + id.map(i -> " " + i).orElse("") + " of fleet " + fleetId;
  }

  /**
   * The identity of the certificate chain's first certificate if it is accepted; fails with why not
   * (which the handshake reports).
   */
  public Identity check(X509Certificate[] chain, Instant now) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the peer sent no certificate; expected " + expected());
    }
    X509Certificate leaf = chain[0];
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      throw new CertificateException(
          "the peer's certificate expired on " + leaf.getNotAfter().toInstant());
    }
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      throw new CertificateException(
          "the peer's certificate is not valid before " + leaf.getNotBefore().toInstant());
    }
    try {
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(java.util.Date.from(now));
      CertPathValidator.getInstance("PKIX")
          .validate(
              CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "the peer's certificate ("
              + leaf.getSubjectX500Principal()
              + ") is not issued by the CA of fleet "
              + fleetId
              + ": "
              + e.getMessage());
    }
    Identity peer;
    try {
      peer = Identity.of(leaf);
    } catch (Refused e) {
      throw new CertificateException("the peer's certificate: " + e.getMessage());
    }
    boolean expectedPeer =
        peer.fleetId().equals(fleetId)
            && peer.role() == role
            && id.map(peer.id()::equals).orElse(true);
    if (!expectedPeer) {
      throw new CertificateException("the peer is " + peer + ", expected " + expected());
    }
    if (revoked.test(leaf.getSerialNumber())) {
      throw new CertificateException(
          "the peer's certificate ("
              + peer
              + ", serial "
              + leaf.getSerialNumber()
              + ") is revoked");
    }
    return peer;
  }

  private void checked(X509Certificate[] chain, String peerAddress) throws CertificateException {
    try {
      check(chain, Instant.now());
      accepted.accept(chain[0]);
    } catch (CertificateException e) {
      log.warn("TLS: refused {}: {}", peerAddress, e.getMessage());
      throw e;
    }
  }

  private static String address(SSLEngine engine) {
    return engine == null || engine.getPeerHost() == null
        ? "a peer"
        : engine.getPeerHost() + ":" + engine.getPeerPort();
  }

  private static String address(Socket socket) {
    return socket == null ? "a peer" : String.valueOf(socket.getRemoteSocketAddress());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checked(chain, "a peer");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checked(chain, "a peer");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checked(chain, address(socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checked(chain, address(socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checked(chain, address(engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checked(chain, address(engine));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }
}
