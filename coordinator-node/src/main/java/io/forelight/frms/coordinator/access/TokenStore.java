package io.forelight.frms.coordinator.access;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * API tokens for scripts and integrations in the {@code api_tokens} table. A token reads {@code
 * frms_<id>_<secret>}: the id finds its row, the secret is stored only as its SHA-256. A token acts
 * as its owner with at most its own role, until it expires (its row then vanishes by TTL) or is
 * revoked.
 */
public final class TokenStore {

  private static final String PREFIX = "frms_";

  /** A token as stored (no secret). */
  public record Token(
      String id,
      String owner,
      Role role,
      String description,
      String secretHash,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      String revokedBy,
      Instant revokedAt) {

    public boolean usable(Instant now) {
      return revokedAt == null && now.isBefore(expiresAt);
    }
  }

  /** A new token: the whole token (shown once) and what is stored. */
  public record Issued(String token, Token stored) {}

  private final Statements statements;

  public TokenStore(Statements statements) {
    this.statements = statements;
  }

  public CompletionStage<Issued> issue(
      String owner, Role role, String description, String createdBy, Duration lifetime) {
    byte[] idBytes = new byte[8];
    new java.security.SecureRandom().nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = Secrets.random(32);
    Instant now = Instant.now();
    Token token =
        new Token(
            id,
            owner,
            role,
            description,
            Secrets.sha256(secret),
            createdBy,
            now,
            now.plus(lifetime),
            null,
            null);
    return statements
        .get(
            "INSERT INTO %s.api_tokens (id, owner, role, description, secret_hash, created_by,"
                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?")
        .thenCompose(
            insert ->
                statements
                    .session()
                    .executeWrite(
                        insert.bind(
                            id,
                            owner,
                            role.id(),
                            description,
                            token.secretHash(),
                            createdBy,
                            now,
                            token.expiresAt(),
                            (int) Math.max(1, lifetime.toSeconds()))))
        .thenApply(done -> new Issued(PREFIX + id + "_" + secret, token));
  }

  /** The usable token {@code presented} is, if it is one. */
  public CompletionStage<Optional<Token>> check(String presented) {
    int split = presented.indexOf('_', PREFIX.length());
    if (!presented.startsWith(PREFIX) || split < 0) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    String id = presented.substring(PREFIX.length(), split);
    String secretHash = Secrets.sha256(presented.substring(split + 1));
    return find(id)
        .thenApply(
            token ->
                token
                    .filter(t -> Secrets.same(t.secretHash(), secretHash))
                    .filter(t -> t.usable(Instant.now())));
  }

  public CompletionStage<Optional<Token>> find(String id) {
    return statements
        .get("SELECT * FROM %s.api_tokens WHERE id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(id)))
        .thenApply(row -> row.filter(TokenStore::whole).map(TokenStore::token));
  }

  /** Every token not yet expired, newest first (revoked ones too, marked). */
  public CompletionStage<List<Token>> all() {
    return statements
        .get("SELECT * FROM %s.api_tokens")
        .thenCompose(select -> statements.session().selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .filter(TokenStore::whole)
                    .map(TokenStore::token)
                    .sorted(Comparator.comparing(Token::createdAt).reversed())
                    .toList());
  }

  /**
   * Marks a token revoked (true if it existed). The mark lives as long as the rest of the row, so
   * the whole row still vanishes when the token would have expired.
   */
  public CompletionStage<Boolean> revoke(String id, String by) {
    return find(id)
        .thenCompose(
            found -> {
              if (found.isEmpty()) {
                return CompletableFuture.completedFuture(false);
              }
              long left = Duration.between(Instant.now(), found.get().expiresAt()).toSeconds();
              return statements
                  .get(
                      "UPDATE %s.api_tokens USING TTL ? SET revoked_by = ?, revoked_at = ?"
                          + " WHERE id = ? IF EXISTS")
                  .thenCompose(
                      update ->
                          statements.applied(
                              update.bind((int) Math.max(1, left), by, Instant.now(), id)));
            });
  }

  /** A row whose columns have not expired (a revocation written without TTL can outlive them). */
  private static boolean whole(Row row) {
    return !row.isNull("owner") && !row.isNull("role") && !row.isNull("expires_at");
  }

  private static Token token(Row row) {
    return new Token(
        row.getString("id"),
        row.getString("owner"),
        Role.parse(row.getString("role")),
        row.getString("description"),
        row.getString("secret_hash"),
        row.getString("created_by"),
        row.getInstant("created_at"),
        row.getInstant("expires_at"),
        row.getString("revoked_by"),
        row.getInstant("revoked_at"));
  }
}
