package io.forelight.frms.reactor.link;

import io.forelight.frms.node.pki.FleetTrust;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeKeys;
import io.forelight.frms.node.pki.NodeTls;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import io.forelight.frms.reactor.config.LinkSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link's mutual TLS on the reactor: the fleet CA's certificate (its fleet is this reactor's
 * fleet), the node's key and request made at its first start, and its certificate once the CA has
 * issued it. Handshakes take whatever certificate is current, so a renewed {@code node.crt} is used
 * from the next connection on without a restart. Plaintext only when configured for development.
 */
public final class LinkTls {

  private static final Logger log = LoggerFactory.getLogger(LinkTls.class);

  private final Optional<Fleet> fleet;
  private volatile String lastProblem = "";

  /** The CA, this node's identity and keys, and the TLS context of its current certificate. */
  private record Fleet(
      X509Certificate ca,
      Identity identity,
      NodeKeys keys,
      Optional<Enroller> enroller,
      AtomicReference<X509Certificate> certificate,
      AtomicReference<SSLContext> context) {}

  private LinkTls(Optional<Fleet> fleet) {
    this.fleet = fleet;
  }

  /**
   * The link's TLS for reactor {@code reactorId}: the key and request are made now if there are
   * none. Fails naming the file or setting that is wrong.
   */
  public static LinkTls open(String reactorId, String configuredFleet, LinkSettings.Tls settings)
      throws IOException {
    return open(reactorId, configuredFleet, settings, "127.0.0.1", 0);
  }

  /** As above, enrolling (when configured) with the link at {@code linkInterface:linkPort}. */
  public static LinkTls open(
      String reactorId,
      String configuredFleet,
      LinkSettings.Tls settings,
      String linkInterface,
      int linkPort)
      throws IOException {
    if (settings.caFile().isEmpty() && !settings.allowPlaintext()) {
      throw new Refused(
          "frms.reactor.link.tls.ca-file is empty: the link serves mutual TLS only, with the fleet"
              + " CA's certificate (FRMS_CA_FILE, see the README's Security section); for"
              + " development only, frms.reactor.link.tls.allow-plaintext = on"
              + " (FRMS_ALLOW_PLAINTEXT) serves it in plaintext");
    }
    if (settings.caFile().isEmpty()) {
      log.warn(
          "the link is served in PLAINTEXT (frms.reactor.link.tls.allow-plaintext = on): anyone on"
              + " the network can read and command this reactor; for development only");
      return new LinkTls(Optional.empty());
    }
    Path caFile = settings.caFile().get();
    X509Certificate ca = Pem.certificate(caFile);
    Identity caIdentity = Identity.of(ca);
    if (caIdentity.role() != Identity.Role.CA) {
      throw new Refused(caFile + " is the certificate of a " + caIdentity + ", not of a fleet CA");
    }
    String fleetId = caIdentity.fleetId();
    if (!configuredFleet.isBlank() && !configuredFleet.strip().equals(fleetId)) {
      throw new Refused(
          "frms.reactor.link.fleet-id is "
              + configuredFleet.strip()
              + " but the CA in "
              + caFile
              + " is of fleet "
              + fleetId);
    }
    Identity identity = new Identity(fleetId, Identity.Role.REACTOR, reactorId);
    NodeKeys keys = NodeKeys.open(settings.dir(), identity);
    if (Enroller.configured(settings.enrol()) && linkPort == 0) {
      throw new Refused(
          "frms.reactor.link.port is 0 (any free port): a board that enrols reports its link"
              + " address, so give it a fixed port");
    }
    Optional<Enroller> enroller =
        Enroller.configured(settings.enrol())
            ? Optional.of(
                new Enroller(reactorId, settings.enrol(), linkInterface, linkPort, keys, fleetId))
            : Optional.empty();
    return new LinkTls(
        Optional.of(
            new Fleet(
                ca, identity, keys, enroller, new AtomicReference<>(), new AtomicReference<>())));
  }

  /** The fleet of the CA, empty in plaintext. */
  public Optional<String> fleetId() {
    return fleet.map(f -> f.identity().fleetId());
  }

  /**
   * Plaintext without a word in the log: for a host of many simulated reactors (the benchmarks'
   * light generator), where a warning per reactor would drown the log.
   */
  public static LinkTls quietPlaintext() {
    return new LinkTls(Optional.empty());
  }

  /** Whether the link is served in plaintext (development only). */
  public boolean isPlaintext() {
    return fleet.isEmpty();
  }

  /**
   * Takes {@code node.crt} if it holds a new usable certificate for this node; true when the link
   * has a certificate to serve with (always in plaintext). A file that cannot be used is logged
   * with why, and the one in use (if any) stays.
   */
  public synchronized boolean refresh() {
    if (fleet.isEmpty()) {
      return true;
    }
    Fleet f = fleet.get();
    try {
      Optional<X509Certificate> found = f.keys().certificate(f.ca(), f.identity(), Instant.now());
      if (found.isPresent() && !Objects.equals(found.get(), f.certificate().get())) {
        X509Certificate certificate = found.get();
        f.context()
            .set(NodeTls.context(f.keys().key(), certificate, FleetTrust.coordinators(f.ca())));
        boolean renewed = f.certificate().getAndSet(certificate) != null;
        log.info(
            "{} certificate of {} (serial {}, valid until {})",
            renewed ? "renewed:" : "serving the link with the",
            f.identity(),
            certificate.getSerialNumber(),
            certificate.getNotAfter().toInstant());
      }
      lastProblem = "";
    } catch (Refused e) {
      if (!e.getMessage().equals(lastProblem)) { // said once, not at every check
        log.warn("cannot use a certificate: {}", e.getMessage());
      }
      lastProblem = e.getMessage();
    }
    return f.certificate().get() != null;
  }

  /**
   * Takes a certificate a coordinator renewed: it must be of this fleet's CA, for this node's key
   * and identity, valid now and valid longer than the one in use; it is then kept in {@code
   * node.crt} and served from the next handshake on. Fails ({@link Refused}) naming why not.
   * Blocking (a file write): not on a dispatcher thread.
   */
  public synchronized X509Certificate renew(X509Certificate offered) throws IOException {
    Fleet f = fleet.orElseThrow(() -> new Refused("the link is served in plaintext"));
    f.keys().checked(offered, "the renewed certificate", f.ca(), f.identity(), Instant.now());
    X509Certificate current = f.certificate().get();
    if (current != null && !offered.getNotAfter().after(current.getNotAfter())) {
      throw new Refused(
          "the renewed certificate (valid until "
              + offered.getNotAfter().toInstant()
              + ") does not outlast the one in use (valid until "
              + current.getNotAfter().toInstant()
              + ")");
    }
    f.keys().store(offered);
    refresh();
    return f.certificate().get();
  }

  /**
   * Blocks the calling (main) thread until the node has a certificate, checking every {@code
   * every}; says once what it waits for. Never call it on a dispatcher thread.
   */
  public void awaitCertificate(Duration every) throws InterruptedException {
    if (refresh()) {
      if (fleet.isPresent() && fleet.get().enroller().isPresent()) {
        fleet.get().enroller().get().step(); // reports where the link is now (a board that moved)
      }
      return;
    }
    Fleet f = fleet.orElseThrow();
    log.warn(
        "no certificate yet: the link is served once {} holds one for {}; {} {} (public key"
            + " fingerprint {})",
        f.keys().dir().resolve(NodeKeys.CERTIFICATE_FILE),
        f.identity(),
        f.enroller().isPresent()
            ? "enrolling with the coordinators, which have the fleet's CA sign"
            : "have the fleet's CA sign",
        f.keys().dir().resolve(NodeKeys.REQUEST_FILE),
        f.keys().fingerprint());
    while (true) {
      if (f.enroller().isPresent()) {
        f.enroller().get().step();
      }
      if (refresh()) {
        return;
      }
      Thread.sleep(every.toMillis());
    }
  }

  /** The HTTPS context of the link server: client certificates required, the current key. */
  public Optional<HttpsConnectionContext> serverContext() {
    return fleet.map(
        f -> ConnectionContext.httpsServer(() -> NodeTls.serverEngine(f.context().get())));
  }
}
