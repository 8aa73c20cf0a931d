package io.forelight.frms.coordinator.enrolment;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.access.AccessDenied;
import io.forelight.frms.coordinator.access.Secrets;
import io.forelight.frms.coordinator.storage.Statements;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One-time enrolment tokens in {@code enrolment_tokens}: {@code frmsenrol_<id>_<secret>}, the
 * secret stored only as its SHA-256. A token is used by one board once (a lightweight transaction
 * marks it), and only before it expires; its row vanishes a day after that (TTL).
 */
public final class EnrolmentTokens {

  static final String PREFIX = "frmsenrol_";

  /** A token as stored (no secret). */
  public record Token(
      String id,
      String description,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      String usedBy,
      Instant usedAt) {}

  /** A new token: the whole token (shown once) and what is stored. */
  public record Issued(String token, Token stored) {}

  private final Statements statements;

  public EnrolmentTokens(Statements statements) {
    this.statements = statements;
  }

  CompletionStage<Issued> issue(String description, String createdBy, Duration lifetime) {
    byte[] idBytes = new byte[8];
    new java.security.SecureRandom().nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = Secrets.random(24);
    Instant now = Instant.now();
    Token token = new Token(id, description, createdBy, now, now.plus(lifetime), null, null);
    return statements
        .get(
            "INSERT INTO %s.enrolment_tokens (id, secret_hash, description, created_by,"
                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?")
        .thenCompose(
            insert ->
                statements
                    .session()
                    .executeWrite(
                        insert.bind(
                            id,
                            Secrets.sha256(secret),
                            description,
                            createdBy,
                            now,
                            token.expiresAt(),
                            (int) lifetime.plus(Duration.ofDays(1)).toSeconds())))
        .thenApply(done -> new Issued(PREFIX + id + "_" + secret, token));
  }

  /**
   * Uses {@code presented} for reactor {@code reactorId}: the token it is, once; fails (403) saying
   * why not (unknown, expired, used already).
   */
  CompletionStage<Token> use(String presented, String reactorId) {
    int split = presented.indexOf('_', PREFIX.length());
    if (!presented.startsWith(PREFIX) || split < 0) {
      return CompletableFuture.failedFuture(
          AccessDenied.forbidden("not an enrolment token (they read " + PREFIX + "<id>_<secret>)"));
    }
    String id = presented.substring(PREFIX.length(), split);
    String hash = Secrets.sha256(presented.substring(split + 1));
    return statements
        .get("SELECT * FROM %s.enrolment_tokens WHERE id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(id)))
        .thenCompose(
            row -> {
              if (row.isEmpty() || !Secrets.same(row.get().getString("secret_hash"), hash)) {
                throw AccessDenied.forbidden("unknown enrolment token");
              }
              Token token = token(row.get());
              Instant now = Instant.now();
              if (token.usedBy() != null) {
                throw AccessDenied.forbidden(
                    "the enrolment token was used already, by reactor "
                        + token.usedBy()
                        + " at "
                        + token.usedAt());
              }
              if (!now.isBefore(token.expiresAt())) {
                throw AccessDenied.forbidden("the enrolment token expired at " + token.expiresAt());
              }
              return statements
                  .get(
                      "UPDATE %s.enrolment_tokens SET used_by = ?, used_at = ? WHERE id = ?"
                          + " IF used_by = null")
                  .thenCompose(update -> statements.applied(update.bind(reactorId, now, id)))
                  .thenApply(
                      applied -> {
                        if (!applied) {
                          throw AccessDenied.forbidden("the enrolment token was used already");
                        }
                        return token;
                      });
            });
  }

  /** Every token not yet gone, newest first. */
  public CompletionStage<List<Token>> all() {
    return statements
        .get("SELECT * FROM %s.enrolment_tokens")
        .thenCompose(select -> statements.session().selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .map(EnrolmentTokens::token)
                    .sorted(Comparator.comparing(Token::createdAt).reversed())
                    .toList());
  }

  private static Token token(Row row) {
    return new Token(
        row.getString("id"),
        row.getString("description"),
        row.getString("created_by"),
        row.getInstant("created_at"),
        row.getInstant("expires_at"),
        row.getString("used_by"),
        row.getInstant("used_at"));
  }
}
