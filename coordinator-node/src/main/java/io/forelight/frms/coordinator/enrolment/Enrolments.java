package io.forelight.frms.coordinator.enrolment;

import io.forelight.frms.coordinator.access.AccessDenied;
import io.forelight.frms.coordinator.access.AccessProblem;
import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.tls.FleetTls;
import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Boards joining the fleet. A board sends its id, link address, hardware and certificate request
 * (no login: it has none yet). It is approved at once when it brings an unused, unexpired enrolment
 * token an admin made, or when the fleet file names it (pre-approved); otherwise it waits as
 * pending until an admin approves or refuses the request they saw. Approving has the CA sign the
 * board's certificate, bound to its id; the board fetches it and the fleet links to it at the
 * address it reported. Every decision by a person is in the audit trail.
 */
public final class Enrolments {

  private final EnrolmentStore store;
  private final EnrolmentTokens tokens;
  private final AuditTrail audit;
  private final FleetTls tls;
  private final Predicate<String> inFleetFile;
  private final Runnable changed;

  /**
   * {@code inFleetFile}: whether the fleet file names a reactor (pre-approved); {@code changed}:
   * called after an enrolment is approved or refused (the node's enrolled fleet reads again).
   */
  public Enrolments(
      EnrolmentStore store,
      EnrolmentTokens tokens,
      AuditTrail audit,
      FleetTls tls,
      Predicate<String> inFleetFile,
      Runnable changed) {
    this.store = store;
    this.tokens = tokens;
    this.audit = audit;
    this.tls = tls;
    this.inFleetFile = inFleetFile;
    this.changed = changed;
  }

  /**
   * How many enrolment requests one address may send to a node per minute: a board sends one at
   * each start (then polls), a rack of boards behind one router a few.
   */
  static final int REQUESTS_PER_MINUTE = 30;

  private final RequestRate requestRate =
      new RequestRate(REQUESTS_PER_MINUTE, Duration.ofMinutes(1));

  /** A board's request, from {@code from} (its address as seen here). */
  public CompletionStage<Enrolment> request(EnrolmentRequest asked, String from) {
    Optional<Duration> wait = requestRate.admit(from, Instant.now());
    if (wait.isPresent()) {
      throw new AccessDenied(
          AccessDenied.Kind.THROTTLED,
          "too many enrolment requests from "
              + from
              + " (at most "
              + REQUESTS_PER_MINUTE
              + " a minute): try again later",
          wait.get());
    }
    if (tls.fleetId().isEmpty()) {
      throw new AccessProblem(
          AccessProblem.Kind.CONFLICT,
          "this fleet runs without a CA (plaintext links, for development): there is nothing to"
              + " enrol; configure frms.coordinator.tls.ca-dir");
    }
    EnrolmentRequest r = EnrolmentRequest.checked(asked);
    PKCS10CertificationRequest request;
    try {
      request = Pem.request(r.csr(), "csr");
      CertificateRequests.verified(request);
    } catch (Refused e) {
      throw AccessProblem.invalid("csr: " + e.getMessage());
    }
    String fingerprint = CertificateRequests.fingerprint(request);
    Instant now = Instant.now();
    Enrolment pending =
        new Enrolment(
            r.reactorId(),
            Enrolment.State.PENDING,
            r.address(),
            r.hardware(),
            r.csr(),
            fingerprint,
            now,
            from,
            null,
            null,
            null,
            null);
    return store
        .find(r.reactorId())
        .thenCompose(
            existing -> {
              if (existing.isPresent() && existing.get().state() == Enrolment.State.APPROVED) {
                if (!existing.get().fingerprint().equals(fingerprint)) {
                  throw new AccessProblem(
                      AccessProblem.Kind.CONFLICT,
                      "reactor "
                          + r.reactorId()
                          + " is enrolled with another key (fingerprint "
                          + existing.get().fingerprint()
                          + "): a replaced board is enrolled again once an admin has removed"
                          + " the old one");
                }
                return existing.get().address().equals(r.address())
                    ? CompletableFuture.completedFuture(existing.get())
                    : store.moved(existing.get(), r.address()).thenApply(this::notify);
              }
              if (r.token() != null && !r.token().isBlank()) {
                return tokens
                    .use(r.token().strip(), r.reactorId())
                    .thenCompose(
                        token ->
                            approved(
                                pending,
                                request,
                                token.createdBy(),
                                "enrolment token " + token.id(),
                                from));
              }
              if (inFleetFile.test(r.reactorId())) {
                return approved(pending, request, "reactors.conf", "named in the fleet file", from);
              }
              return store.put(pending);
            });
  }

  /** The enrolment of a board asking with the key of {@code fingerprint}, if there is one. */
  public CompletionStage<Enrolment> status(String reactorId, String fingerprint) {
    return store
        .find(reactorId)
        .thenApply(
            found ->
                found
                    .filter(e -> e.fingerprint().equals(fingerprint))
                    .orElseThrow(
                        () ->
                            new AccessProblem(
                                AccessProblem.Kind.NOT_FOUND,
                                "no enrolment of reactor "
                                    + reactorId
                                    + " with the key "
                                    + fingerprint)));
  }

  public CompletionStage<List<Enrolment>> all() {
    return store.all();
  }

  public CompletionStage<List<EnrolmentTokens.Token>> tokens() {
    return tokens.all();
  }

  /** An admin's token for one board, valid for {@code lifetime} (1 minute to 30 days). */
  public CompletionStage<EnrolmentTokens.Issued> issueToken(
      Principal by, String description, Duration lifetime, String origin) {
    if (lifetime.compareTo(Duration.ofSeconds(1)) < 0
        || lifetime.compareTo(Duration.ofDays(30)) > 0) {
      throw AccessProblem.invalid("an enrolment token lives 1s to 30d, got " + lifetime);
    }
    return tokens
        .issue(description, by.user(), lifetime)
        .thenCompose(
            issued ->
                audit
                    .record(
                        new AuditEvent.Entry(
                            by.user(),
                            "enrolment-token-created",
                            "enrolment-token:" + issued.stored().id(),
                            null,
                            "expires " + issued.stored().expiresAt(),
                            description,
                            origin))
                    .thenApply(recorded -> issued));
  }

  /**
   * An admin approves the request of {@code reactorId} they saw ({@code fingerprint}): its
   * certificate is signed and the board joins the fleet.
   */
  public CompletionStage<Enrolment> approve(
      Principal by, String reactorId, String fingerprint, String reason, String origin) {
    return decide(by, reactorId, fingerprint, reason, origin, Enrolment.State.APPROVED);
  }

  public CompletionStage<Enrolment> refuse(
      Principal by, String reactorId, String fingerprint, String reason, String origin) {
    return decide(by, reactorId, fingerprint, reason, origin, Enrolment.State.REFUSED);
  }

  private CompletionStage<Enrolment> decide(
      Principal by,
      String reactorId,
      String fingerprint,
      String reason,
      String origin,
      Enrolment.State to) {
    requireReason(reason);
    if (fingerprint == null || fingerprint.isBlank()) {
      throw AccessProblem.invalid(
          "'fingerprint': the key fingerprint of the request being decided (as listed)");
    }
    return inState(reactorId, Enrolment.State.PENDING, "no pending enrolment of reactor ")
        .thenCompose(
            e -> {
              if (!e.fingerprint().equals(fingerprint)) {
                throw new AccessProblem(
                    AccessProblem.Kind.CONFLICT,
                    "the request of reactor "
                        + reactorId
                        + " is now for the key "
                        + e.fingerprint()
                        + ", not "
                        + fingerprint
                        + ": look at it again");
              }
              String certificate =
                  to == Enrolment.State.APPROVED
                      ? Pem.of(sign(Pem.request(e.csr(), "the stored csr"), reactorId))
                      : null;
              Enrolment decided = e.decided(to, certificate, by.user(), Instant.now(), reason);
              return store
                  .decide(decided, fingerprint)
                  .thenCompose(
                      applied -> {
                        if (!applied) {
                          throw new AccessProblem(
                              AccessProblem.Kind.CONFLICT,
                              "the request of reactor " + reactorId + " changed: look again");
                        }
                        return audit.record(
                            new AuditEvent.Entry(
                                by.user(),
                                "enrolment-" + to.id(),
                                "reactor:" + reactorId,
                                "pending " + e.address() + " key " + fingerprint,
                                to.id(),
                                reason,
                                origin));
                      })
                  .thenApply(recorded -> notify(decided));
            });
  }

  /**
   * An admin removes an approved board from the fleet: its certificate goes on the deny list every
   * coordinator checks at each handshake, and its link stops within seconds. The board may enrol
   * again (a new request, a new decision).
   */
  public CompletionStage<Enrolment> remove(
      Principal by, String reactorId, String reason, String origin) {
    requireReason(reason);
    return inState(reactorId, Enrolment.State.APPROVED, "no enrolled reactor ")
        .thenCompose(
            e -> {
              Enrolment removed =
                  e.decided(
                      Enrolment.State.REMOVED, e.certificate(), by.user(), Instant.now(), reason);
              Set<String> serials = new TreeSet<>();
              serials.add(EnrolmentStore.serialOf(e.certificate()));
              return store
                  .serials(reactorId)
                  .thenCompose(
                      issued -> {
                        serials.addAll(issued);
                        return store.revoke(serials, reactorId, by.user(), reason);
                      })
                  .thenCompose(done -> store.decide(removed, e.fingerprint()))
                  .thenCompose(
                      applied ->
                          audit.record(
                              new AuditEvent.Entry(
                                  by.user(),
                                  "enrolment-removed",
                                  "reactor:" + reactorId,
                                  "approved at " + e.address(),
                                  "removed, certificates revoked: " + String.join(", ", serials),
                                  reason,
                                  origin)))
                  .thenApply(recorded -> notify(removed));
            });
  }

  /**
   * The enrolment of {@code reactorId} if it is in {@code state}; else 404 {@code missing + id}.
   */
  private CompletionStage<Enrolment> inState(
      String reactorId, Enrolment.State state, String missing) {
    return store
        .find(reactorId)
        .thenApply(
            found ->
                found
                    .filter(e -> e.state() == state)
                    .orElseThrow(
                        () ->
                            new AccessProblem(AccessProblem.Kind.NOT_FOUND, missing + reactorId)));
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw AccessProblem.invalid("a reason is required");
    }
  }

  private CompletionStage<Enrolment> approved(
      Enrolment pending, PKCS10CertificationRequest request, String by, String why, String origin) {
    Enrolment decided =
        pending.decided(
            Enrolment.State.APPROVED,
            Pem.of(sign(request, pending.reactorId())),
            by,
            Instant.now(),
            why);
    return store
        .put(decided)
        .thenCompose(
            stored ->
                audit.record(
                    new AuditEvent.Entry(
                        by,
                        "enrolment-approved",
                        "reactor:" + pending.reactorId(),
                        null,
                        "approved at " + pending.address() + " key " + pending.fingerprint(),
                        why,
                        origin)))
        .thenApply(recorded -> notify(decided));
  }

  private X509Certificate sign(PKCS10CertificationRequest request, String reactorId) {
    return tls.signReactor(request, reactorId).orElseThrow();
  }

  private Enrolment notify(Enrolment e) {
    changed.run();
    return e;
  }
}
