package io.forelight.frms.devstack;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.FleetTrust;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeKeys;
import io.forelight.frms.node.pki.NodeTls;
import io.forelight.frms.node.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;

/**
 * A stack's fleet CA (in {@code conf/ca} of its work directory, made at first use) and the admin's
 * part of enrolling its reactors: once a started reactor has made its key and request, the request
 * is signed into the reactor's certificate, as an admin approving the board would.
 */
public final class StackCa {

  public static final String FLEET = "devstack";
  private static final Duration VALIDITY = Duration.ofDays(90);

  private final Path dir;
  private final String fleet;
  private FleetCa ca;

  /** The CA of fleet {@code fleet} kept in {@code dir} (made at first use). */
  public StackCa(Path dir, String fleet) {
    this.dir = dir;
    this.fleet = fleet;
  }

  /** The CA's directory (ca.crt and ca.key). */
  public synchronized Path dir() {
    ca();
    return dir;
  }

  public Path certificateFile() {
    return dir().resolve(FleetCa.CERTIFICATE_FILE);
  }

  public synchronized FleetCa ca() {
    if (ca == null) {
      try {
        if (Files.exists(dir.resolve(FleetCa.CERTIFICATE_FILE))) {
          ca = FleetCa.load(dir);
        } else {
          ca = FleetCa.create(fleet, Duration.ofDays(365));
          ca.save(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot keep the stack's CA in " + dir, e);
      }
    }
    return ca;
  }

  /**
   * A TLS context for dialling reactor {@code reactorId} as a coordinator of this fleet (a test's
   * own link client), with a fresh key and a certificate valid from {@code notBefore} to {@code
   * notAfter}.
   */
  public SSLContext coordinatorContext(String reactorId, Instant notBefore, Instant notAfter) {
    KeyPair keys = CertificateRequests.newKeyPair(2048);
    Identity identity = new Identity(ca().fleetId(), Identity.Role.COORDINATOR, "test-client");
    X509Certificate certificate =
        ca().sign(CertificateRequests.create(keys, identity), identity, notBefore, notAfter);
    return NodeTls.context(
        keys.getPrivate(),
        certificate,
        FleetTrust.reactor(ca().certificate(), reactorId, serial -> false));
  }

  /** {@link #coordinatorContext(String, Instant, Instant)} valid for a day from now. */
  public SSLContext coordinatorContext(String reactorId) {
    Instant now = Instant.now();
    return coordinatorContext(
        reactorId, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)));
  }

  /**
   * Waits (on a daemon thread) for the request of reactor {@code reactorId} in {@code tlsDir} and
   * signs it, unless a certificate is there already.
   */
  void approveWhenRequested(String reactorId, Path tlsDir) {
    Thread approver =
        new Thread(
            () -> {
              Path request = tlsDir.resolve(NodeKeys.REQUEST_FILE);
              boolean requested = Await.holds(Duration.ofMinutes(2), () -> Files.exists(request));
              if (requested && !Files.exists(tlsDir.resolve(NodeKeys.CERTIFICATE_FILE))) {
                Instant now = Instant.now();
                issue(reactorId, tlsDir, now.minus(Duration.ofMinutes(5)), now.plus(VALIDITY));
              }
            },
            "approve-" + reactorId);
    approver.setDaemon(true);
    approver.start();
  }

  /**
   * Signs the request in {@code tlsDir} into a certificate of reactor {@code reactorId} valid from
   * {@code notBefore} to {@code notAfter} and writes it as the reactor's node.crt.
   */
  public X509Certificate issue(String reactorId, Path tlsDir, Instant notBefore, Instant notAfter) {
    try {
      Path requestFile = tlsDir.resolve(NodeKeys.REQUEST_FILE);
      X509Certificate certificate =
          ca().sign(
                  Pem.request(
                      Files.readString(requestFile, StandardCharsets.US_ASCII),
                      requestFile.toString()),
                  new Identity(ca().fleetId(), Identity.Role.REACTOR, reactorId),
                  notBefore,
                  notAfter);
      Path temporary = tlsDir.resolve(NodeKeys.CERTIFICATE_FILE + ".issued");
      Files.writeString(temporary, Pem.of(certificate), StandardCharsets.US_ASCII);
      Files.move(
          temporary,
          tlsDir.resolve(NodeKeys.CERTIFICATE_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return certificate;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot issue the certificate of " + reactorId, e);
    }
  }
}
