package io.forelight.frms.coordinator.tls;

import com.typesafe.config.Config;
import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.FleetTrust;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeTls;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This coordinator's identity in the fleet: at start it makes a key (kept in memory only) and signs
 * its own certificate of role coordinator with the fleet's CA, which the coordinators share, and
 * signs it again when a third of its validity is left (links made from then on use the new one).
 * Links dial reactors with it, each trusting only the reactor it dials. Without a CA, plaintext
 * links when (and only when) allowed for development.
 */
public final class FleetTls implements Extension {

  private static final Logger log = LoggerFactory.getLogger(FleetTls.class);
  private static final String ROOT = "frms.coordinator.tls";

  /** How long this node's certificate is valid; renewed when a third of it is left. */
  static final Duration VALIDITY = Duration.ofDays(30);

  static final Duration RENEW_BEFORE = VALIDITY.dividedBy(3);

  /** How long a reactor's certificate issued at enrolment is valid. */
  public static final Duration REACTOR_VALIDITY = Duration.ofDays(90);

  public static final ExtensionId<FleetTls> ID =
      new ExtensionId<>() {
        @Override
        public FleetTls createExtension(ActorSystem<?> system) {
          return FleetTls.fromConfig(system.settings().config());
        }
      };

  /** The CA, this node's identity, key and current certificate; empty in plaintext. */
  private final Optional<Credentials> credentials;

  private static final class Credentials {
    final FleetCa ca;
    final Identity identity;
    final KeyPair keys;
    final Optional<Path> certificateFile;
    X509Certificate certificate;

    /** A new key, kept in memory (a node whose cluster runs without TLS: tests). */
    Credentials(FleetCa ca, Identity identity) {
      this.ca = ca;
      this.identity = identity;
      this.keys = CertificateRequests.newKeyPair(2048);
      this.certificateFile = Optional.empty();
      renew();
    }

    /** The key and certificate Artery TLS uses ({@link ClusterTls}), shared by the links. */
    Credentials(FleetCa ca, Identity identity, Path keyFile, Path certificateFile) {
      this.ca = ca;
      this.identity = identity;
      this.certificate = Pem.certificate(certificateFile);
      this.keys = new KeyPair(certificate.getPublicKey(), ClusterTls.key(keyFile));
      this.certificateFile = Optional.of(certificateFile);
      log.info(
          "cluster and reactor links over mutual TLS as {} (certificate serial {}, valid until {})",
          identity,
          certificate.getSerialNumber(),
          certificate.getNotAfter().toInstant());
    }

    /** The certificate, renewed (same key, signed again) once a third of its validity is left. */
    synchronized X509Certificate current(Instant now) {
      if (certificate.getNotAfter().toInstant().minus(RENEW_BEFORE).isBefore(now)) {
        renew();
      }
      return certificate;
    }

    private void renew() {
      certificate = ca.sign(CertificateRequests.create(keys, identity), identity, VALIDITY);
      certificateFile.ifPresent(file -> ClusterTls.writeCertificate(file, certificate));
      log.info(
          "dialling reactors over mutual TLS as {} (certificate serial {}, valid until {})",
          identity,
          certificate.getSerialNumber(),
          certificate.getNotAfter().toInstant());
    }
  }

  /** Revoked certificates (the fleet's deny list), checked at each handshake with a reactor. */
  private volatile Predicate<BigInteger> revoked = serial -> false;

  private FleetTls(Optional<Credentials> credentials) {
    this.credentials = credentials;
  }

  /** Checks reactors' certificates against {@code denyList} from now on. */
  public void denyWith(Predicate<BigInteger> denyList) {
    this.revoked = denyList;
  }

  public static FleetTls get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /**
   * Checks the TLS settings before the node starts (the CA loads, the name is an id); fails naming
   * the setting or file that is wrong.
   */
  public static void check(Config config) {
    identity(config);
  }

  /**
   * The fleet of the configured CA (its certificate only, no check of the rest), empty without one:
   * what the fleet id is, whoever asks before or without this node's TLS.
   */
  public static Optional<String> caFleet(Config config) {
    String caDir = config.getString(ROOT + ".ca-dir").strip();
    return caDir.isEmpty()
        ? Optional.empty()
        : Optional.of(
            Identity.of(Pem.certificate(Path.of(caDir).resolve(FleetCa.CERTIFICATE_FILE)))
                .fleetId());
  }

  /** This node's TLS from config: a new key and certificate, or plaintext when allowed. */
  static FleetTls fromConfig(Config config) {
    Optional<Map.Entry<FleetCa, Identity>> fleet = identity(config);
    if (fleet.isEmpty()) {
      log.warn(
          "reactor links are PLAINTEXT ({}.allow-plaintext = on): readings and commands travel"
              + " unauthenticated; for development only",
          ROOT);
      return new FleetTls(Optional.empty());
    }
    FleetCa ca = fleet.get().getKey();
    Identity identity = fleet.get().getValue();
    return new FleetTls(
        Optional.of(
            ClusterTls.files(config)
                .map(files -> new Credentials(ca, identity, files[0], files[1]))
                .orElseGet(() -> new Credentials(ca, identity))));
  }

  /** The CA and this node's identity; empty when plaintext is allowed and no CA is set. */
  static Optional<Map.Entry<FleetCa, Identity>> identity(Config config) {
    Config c = config.getConfig(ROOT);
    String caDir = c.getString("ca-dir").strip();
    if (caDir.isEmpty()) {
      if (!c.getBoolean("allow-plaintext")) {
        throw new Refused(
            ROOT
                + ".ca-dir is empty: reactor links are mutual TLS with the fleet's CA (FRMS_CA_DIR,"
                + " see the README's Security section); for development only, "
                + ROOT
                + ".allow-plaintext = on (FRMS_ALLOW_PLAINTEXT) dials reactors in plaintext");
      }
      return Optional.empty();
    }
    FleetCa ca = FleetCa.load(Path.of(caDir));
    String configuredFleet = config.getString("frms.coordinator.fleet-id").strip();
    if (!configuredFleet.isEmpty() && !configuredFleet.equals(ca.fleetId())) {
      throw new Refused(
          "frms.coordinator.fleet-id is "
              + configuredFleet
              + " but the CA in "
              + caDir
              + " is of fleet "
              + ca.fleetId());
    }
    String name = c.getString("name").strip();
    if (name.isEmpty()) {
      name =
          ("coordinator-"
                  + config.getString("pekko.remote.artery.canonical.hostname")
                  + "-"
                  + config.getInt("pekko.remote.artery.canonical.port"))
              .replaceAll("[^A-Za-z0-9_-]", "-");
    }
    try {
      return Optional.of(
          Map.entry(ca, new Identity(ca.fleetId(), Identity.Role.COORDINATOR, name)));
    } catch (IllegalArgumentException e) {
      throw new Refused(ROOT + ".name: " + e.getMessage());
    }
  }

  /** The fleet of the CA; empty in plaintext. */
  public Optional<String> fleetId() {
    return credentials.map(c -> c.identity.fleetId());
  }

  /**
   * The certificate of reactor {@code reactorId} for the key of {@code request}, signed by the
   * fleet's CA, valid {@link #REACTOR_VALIDITY}; empty in plaintext (no CA).
   */
  public Optional<X509Certificate> signReactor(
      PKCS10CertificationRequest request, String reactorId) {
    return credentials.map(
        c ->
            c.ca.sign(
                request,
                new Identity(c.identity.fleetId(), Identity.Role.REACTOR, reactorId),
                REACTOR_VALIDITY));
  }

  /** This node's certificate as of {@code now} (renewed if due). */
  Optional<X509Certificate> certificate(Instant now) {
    return credentials.map(c -> c.current(now));
  }

  /**
   * The TLS context of a link dialling reactor {@code reactorId}: it accepts only that reactor's
   * certificate of this fleet. Empty: plaintext.
   */
  public Optional<SSLContext> linkTo(String reactorId) {
    return credentials.map(
        c ->
            NodeTls.context(
                c.keys.getPrivate(),
                c.current(Instant.now()),
                FleetTrust.reactor(c.ca.certificate(), reactorId, revoked)));
  }
}
