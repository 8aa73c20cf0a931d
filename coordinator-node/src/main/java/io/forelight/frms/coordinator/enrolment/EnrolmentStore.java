package io.forelight.frms.coordinator.enrolment;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.node.pki.Pem;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Enrolments in the {@code enrolments} table, one row per reactor id. A decision is written only
 * over the request the admin saw (a lightweight transaction on its fingerprint), so a request
 * replaced meanwhile is never approved by mistake.
 */
public final class EnrolmentStore {

  private final Statements statements;

  public EnrolmentStore(Statements statements) {
    this.statements = statements;
  }

  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".enrolments (reactor_id text PRIMARY KEY, state text, address text, hardware text,"
            + " csr text, fingerprint text, requested_at timestamp, requested_from text,"
            + " certificate text, decided_by text, decided_at timestamp, reason text)",
        // every certificate issued to the board (approval, then each renewal): all are revoked
        // when it is removed
        "ALTER TABLE " + keyspace + ".enrolments ADD IF NOT EXISTS serials set<text>",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".revoked_certificates (serial text PRIMARY KEY, reactor_id text, revoked_by text,"
            + " revoked_at timestamp, reason text)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".enrolment_tokens (id text PRIMARY KEY, secret_hash text, description text,"
            + " created_by text, created_at timestamp, expires_at timestamp, used_by text,"
            + " used_at timestamp)");
  }

  /** Writes the whole enrolment (a new or replaced request, or one decided at once). */
  CompletionStage<Enrolment> put(Enrolment e) {
    return statements
        .write(
            "INSERT INTO %s.enrolments (reactor_id, state, address, hardware, csr, fingerprint,"
                + " requested_at, requested_from, certificate, decided_by, decided_at, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            e.reactorId(),
            e.state().id(),
            e.address(),
            e.hardware(),
            e.csr(),
            e.fingerprint(),
            e.requestedAt(),
            e.requestedFrom(),
            e.certificate(),
            e.decidedBy(),
            e.decidedAt(),
            e.reason())
        .thenApply(done -> e);
  }

  /** Records a decision on the request with {@code fingerprint}; false if it is no longer there. */
  CompletionStage<Boolean> decide(Enrolment decided, String fingerprint) {
    return statements
        .get(
            "UPDATE %s.enrolments SET state = ?, certificate = ?, serials = serials + ?,"
                + " decided_by = ?, decided_at = ?, reason = ? WHERE reactor_id = ? IF fingerprint"
                + " = ?")
        .thenCompose(
            update ->
                statements.applied(
                    update.bind(
                        decided.state().id(),
                        decided.certificate(),
                        decided.certificate() == null
                            ? Set.of()
                            : Set.of(serialOf(decided.certificate())),
                        decided.decidedBy(),
                        decided.decidedAt(),
                        decided.reason(),
                        decided.reactorId(),
                        fingerprint)));
  }

  /**
   * Records a renewed certificate of an approved board; false if the board is no longer approved
   * (removed meanwhile).
   */
  CompletionStage<Boolean> renewed(String reactorId, String certificatePem) {
    return statements
        .get(
            "UPDATE %s.enrolments SET certificate = ?, serials = serials + ? WHERE reactor_id = ?"
                + " IF state = ?")
        .thenCompose(
            update ->
                statements.applied(
                    update.bind(
                        certificatePem,
                        Set.of(serialOf(certificatePem)),
                        reactorId,
                        Enrolment.State.APPROVED.id())));
  }

  /** The serial numbers of every certificate issued to the board of {@code reactorId}. */
  CompletionStage<Set<String>> serials(String reactorId) {
    return statements
        .get("SELECT serials FROM %s.enrolments WHERE reactor_id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(reactorId)))
        .thenApply(row -> row.map(r -> r.getSet("serials", String.class)).orElse(Set.of()));
  }

  /** The serial number (decimal) of a stored certificate. */
  static String serialOf(String certificatePem) {
    return Pem.certificate(certificatePem, "the stored certificate").getSerialNumber().toString();
  }

  /** The address an enrolled board reported last. */
  CompletionStage<Enrolment> moved(Enrolment e, String address) {
    return statements
        .write("UPDATE %s.enrolments SET address = ? WHERE reactor_id = ?", address, e.reactorId())
        .thenApply(done -> e.at(address));
  }

  /** Adds certificates to the deny list every coordinator checks at each handshake. */
  CompletionStage<Done> revoke(Set<String> serials, String reactorId, String by, String reason) {
    java.time.Instant now = java.time.Instant.now();
    CompletableFuture<?>[] writes =
        serials.stream()
            .map(
                serial ->
                    statements
                        .write(
                            "INSERT INTO %s.revoked_certificates (serial, reactor_id, revoked_by,"
                                + " revoked_at, reason) VALUES (?, ?, ?, ?, ?)",
                            serial, reactorId, by, now, reason)
                        .toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(writes).thenApply(done -> Done.getInstance());
  }

  /** The serial numbers (decimal) of every revoked certificate. */
  public CompletionStage<java.util.Set<String>> revoked() {
    return statements
        .get("SELECT serial FROM %s.revoked_certificates")
        .thenCompose(select -> statements.session().selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .map(row -> row.getString("serial"))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet()));
  }

  public CompletionStage<Optional<Enrolment>> find(String reactorId) {
    return statements
        .get("SELECT * FROM %s.enrolments WHERE reactor_id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(reactorId)))
        .thenApply(row -> row.map(EnrolmentStore::enrolment));
  }

  /** Every enrolment, newest request first (a fleet has hundreds, not millions). */
  public CompletionStage<List<Enrolment>> all() {
    return statements
        .get("SELECT * FROM %s.enrolments")
        .thenCompose(select -> statements.session().selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .map(EnrolmentStore::enrolment)
                    .sorted(Comparator.comparing(Enrolment::requestedAt).reversed())
                    .toList());
  }

  private static Enrolment enrolment(Row row) {
    return new Enrolment(
        row.getString("reactor_id"),
        Enrolment.State.parse(row.getString("state")),
        row.getString("address"),
        row.getString("hardware"),
        row.getString("csr"),
        row.getString("fingerprint"),
        row.getInstant("requested_at"),
        row.getString("requested_from"),
        row.getString("certificate"),
        row.getString("decided_by"),
        row.getInstant("decided_at"),
        row.getString("reason"));
  }
}
