package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.tls.FleetTls;
import io.forelight.frms.link.v1.ReactorCertificateServiceClient;
import io.forelight.frms.link.v1.RenewCertificateRequest;
import io.forelight.frms.node.pki.Pem;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reactor's link certificate, renewed before it runs out by the coordinator holding its link: the
 * certificate the reactor showed at the last handshake is signed again by the fleet's CA (same key
 * and id; see {@link FleetTls#renewal}) and handed to the reactor over a connection of its own,
 * which the reactor takes from its next handshake on. One renewal at a time; failures are logged
 * and tried again at the next check.
 */
final class CertificateRenewal {

  private static final Logger log = LoggerFactory.getLogger(CertificateRenewal.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final ReactorEntry reactor;
  private final ActorSystem<?> system;
  private final AtomicReference<X509Certificate> shown = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();

  CertificateRenewal(ReactorEntry reactor, ActorSystem<?> system) {
    this.reactor = reactor;
    this.system = system;
  }

  /** The reactor showed {@code certificate} at a handshake (called by the trust manager). */
  void shown(X509Certificate certificate) {
    shown.set(certificate);
  }

  /**
   * Renews the reactor's certificate if it is due; completes (never fails) with the certificate the
   * reactor took, empty when none was due, one is being renewed, or it failed (logged).
   */
  CompletionStage<Optional<X509Certificate>> renewIfDue() {
    X509Certificate current = shown.get();
    if (current == null || !running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    FleetTls tls = FleetTls.get(system);
    return CompletableFuture.completedFuture(current)
        .thenCompose(shownNow -> tls.renewal(shownNow, Instant.now()))
        .thenCompose(
            renewed ->
                renewed.isEmpty()
                    ? CompletableFuture.completedFuture(renewed)
                    : hand(renewed.get()))
        .handle(
            (taken, error) -> {
              running.set(false);
              if (error != null) {
                log.warn(
                    "reactor {}: its certificate (serial {}, valid until {}) was not renewed now: {}",
                    reactor.id(),
                    current.getSerialNumber(),
                    current.getNotAfter().toInstant(),
                    error.getCause() == null ? error.toString() : error.getCause().toString());
                return Optional.empty();
              }
              taken.ifPresent(
                  t -> {
                    shown.compareAndSet(current, t);
                    log.info(
                        "reactor {}: renewed its certificate (serial {} until {} -> serial {} until"
                            + " {})",
                        reactor.id(),
                        current.getSerialNumber(),
                        current.getNotAfter().toInstant(),
                        t.getSerialNumber(),
                        t.getNotAfter().toInstant());
                  });
              return taken;
            });
  }

  /** Hands {@code renewed} to the reactor over a connection of its own. */
  private CompletionStage<Optional<X509Certificate>> hand(X509Certificate renewed) {
    ReactorCertificateServiceClient client =
        CertificateClient.create(LinkClients.settings(reactor, system, this::shown), system);
    return client
        .renew(
            RenewCertificateRequest.newBuilder()
                .setReactorId(reactor.id())
                .setFleetId(FleetTls.get(system).fleetId().orElse(""))
                .setCertificatePem(Pem.of(renewed))
                .build())
        .toCompletableFuture()
        .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((reply, error) -> client.close())
        .thenApply(reply -> Optional.of(renewed));
  }
}
