package io.forelight.frms.coordinator.tls;

import com.typesafe.config.Config;
import io.forelight.frms.node.pki.FleetCa;
import io.forelight.frms.node.pki.FleetTrust;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.NodeTls;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
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

  public static final ExtensionId<FleetTls> ID =
      new ExtensionId<>() {
        @Override
        public FleetTls createExtension(ActorSystem<?> system) {
          return FleetTls.fromConfig(system.settings().config());
        }
      };

  /** The CA, this node's identity, key and current certificate; empty in plaintext. */
  private final Optional<NodeCredentials> credentials;

  private final Validity validity;

  /**
   * How long certificates this node signs are valid: its own ({@code validity}) and reactors'
   * ({@code reactor-validity}); each is renewed once a third of it is left.
   */
  public record Validity(Duration coordinator, Duration reactor) {
    static Validity of(Config config) {
      Config c = config.getConfig(ROOT);
      Validity v = new Validity(c.getDuration("validity"), c.getDuration("reactor-validity"));
      if (v.coordinator.compareTo(MINIMUM) < 0 || v.reactor.compareTo(MINIMUM) < 0) {
        throw new Refused(
            ROOT + ".validity and .reactor-validity must be at least " + MINIMUM + " each");
      }
      return v;
    }
  }

  private static final Duration MINIMUM = Duration.ofMinutes(1);

  /** What a reactor's renewed certificate must pass before it is handed over. */
  public interface RenewalCheck {
    /**
     * Whether {@code renewed} may replace {@code shown} (the board is still in the fleet), having
     * recorded it if so.
     */
    CompletionStage<Boolean> renewed(X509Certificate shown, X509Certificate renewed);
  }

  private volatile RenewalCheck renewalCheck =
      (shown, renewed) -> CompletableFuture.completedFuture(true);

  /** Revoked certificates (the fleet's deny list), checked at each handshake with a reactor. */
  private volatile Predicate<BigInteger> revoked = serial -> false;

  private FleetTls(Optional<NodeCredentials> credentials, Validity validity) {
    this.credentials = credentials;
    this.validity = validity;
  }

  /** Records each reactor certificate renewal with {@code check}, which may refuse it. */
  public void renewWith(RenewalCheck check) {
    this.renewalCheck = check;
  }

  /** Whether {@code certificate} has a third of {@code validity} or less left at {@code now}. */
  static boolean due(X509Certificate certificate, Duration validity, Instant now) {
    return certificate.getNotAfter().toInstant().minus(validity.dividedBy(3)).isBefore(now);
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
    Validity.of(config);
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
      return new FleetTls(Optional.empty(), Validity.of(config));
    }
    FleetCa ca = fleet.get().getKey();
    Identity identity = fleet.get().getValue();
    Validity validity = Validity.of(config);
    return new FleetTls(
        Optional.of(
            ClusterTls.files(config)
                .map(
                    files ->
                        new NodeCredentials(
                            ca, identity, validity.coordinator(), files[0], files[1]))
                .orElseGet(() -> new NodeCredentials(ca, identity, validity.coordinator()))),
        validity);
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
   * fleet's CA, valid {@code reactor-validity}; empty in plaintext (no CA).
   */
  public Optional<X509Certificate> signReactor(
      PKCS10CertificationRequest request, String reactorId) {
    return credentials.map(
        c ->
            c.ca.sign(
                request,
                new Identity(c.identity.fleetId(), Identity.Role.REACTOR, reactorId),
                validity.reactor()));
  }

  /**
   * Checks this node's certificate every {@code renewal-check} and renews it when due (on the
   * blocking dispatcher: it may write the Artery certificate file).
   */
  public static void renewOwnCertificate(ActorSystem<?> system) {
    Duration every = system.settings().config().getDuration(ROOT + ".renewal-check");
    FleetTls tls = get(system);
    system
        .scheduler()
        .scheduleWithFixedDelay(
            every,
            every,
            () -> tls.certificate(Instant.now()),
            system
                .dispatchers()
                .lookup(DispatcherSelector.fromConfig("frms.coordinator.blocking-dispatcher")));
  }

  /** This node's certificate as of {@code now} (renewed if due). */
  public Optional<X509Certificate> certificate(Instant now) {
    return credentials.map(c -> c.current(now));
  }

  /**
   * A reactor's certificate {@code shown} at a handshake, signed again for another {@code
   * reactor-validity} if a third of that or less is left at {@code now} and the renewal check lets
   * it; empty when not due (or in plaintext), and when refused.
   */
  public CompletionStage<Optional<X509Certificate>> renewal(X509Certificate shown, Instant now) {
    if (credentials.isEmpty() || !due(shown, validity.reactor(), now)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    X509Certificate renewed = credentials.get().ca.reissue(shown, validity.reactor());
    return renewalCheck
        .renewed(shown, renewed)
        .thenApply(allowed -> allowed ? Optional.of(renewed) : Optional.empty());
  }

  /**
   * The TLS context of a link dialling reactor {@code reactorId}: it accepts only that reactor's
   * certificate of this fleet. Empty: plaintext.
   */
  public Optional<SSLContext> linkTo(String reactorId) {
    return linkTo(reactorId, shown -> {});
  }

  /** As {@link #linkTo(String)}, telling {@code shown} each reactor certificate it accepts. */
  public Optional<SSLContext> linkTo(String reactorId, Consumer<X509Certificate> shown) {
    return credentials.map(
        c ->
            NodeTls.context(
                c.keys.getPrivate(),
                c.current(Instant.now()),
                FleetTrust.reactor(c.ca.certificate(), reactorId, revoked, shown)));
  }
}
