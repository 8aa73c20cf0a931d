package io.forelight.frms.coordinator.access;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Browser sessions in the {@code sessions} table, keyed by the SHA-256 of the cookie's token (the
 * token itself is only ever in the browser). Each row lives for the idle timeout (Cassandra TTL)
 * and is written again as it is used, never beyond its absolute expiry.
 */
public final class SessionStore {

  /**
   * A session as stored; {@code csrfToken} must come with every change it makes. {@code createdAt}:
   * when the user last gave their password in it (the login, or a change of their password in it),
   * which a later password change of the user's compares with ({@link User#sessionStands}).
   */
  public record Session(
      String tokenHash,
      String user,
      String csrfToken,
      Instant createdAt,
      Instant expiresAt,
      Instant touchedAt) {}

  /** A new session: the cookie's token (shown once) and what is stored. */
  public record Opened(String token, Session session) {}

  private final Statements statements;
  private final AccessSettings settings;

  public SessionStore(Statements statements, AccessSettings settings) {
    this.statements = statements;
    this.settings = settings;
  }

  public CompletionStage<Opened> open(String user) {
    String token = Secrets.random(32);
    Instant now = Instant.now();
    Session session =
        new Session(
            Secrets.sha256(token),
            user,
            Secrets.random(32),
            now,
            now.plus(settings.sessionAbsolute()),
            now);
    return write(session).thenApply(done -> new Opened(token, session));
  }

  /** The live session of {@code token}, if there is one. */
  public CompletionStage<Optional<Session>> find(String token) {
    return statements
        .get(
            "SELECT token_hash, user_name, csrf_token, created_at, expires_at, touched_at"
                + " FROM %s.sessions WHERE token_hash = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(Secrets.sha256(token))))
        .thenApply(row -> row.map(SessionStore::session).filter(s -> isLive(s, Instant.now())));
  }

  /** Pushes the idle expiry back if it was last pushed a while ago; returns the session as kept. */
  public CompletionStage<Session> touch(Session session) {
    Instant now = Instant.now();
    if (Duration.between(session.touchedAt(), now).compareTo(settings.touchEvery()) < 0) {
      return CompletableFuture.completedFuture(session);
    }
    Session touched =
        new Session(
            session.tokenHash(),
            session.user(),
            session.csrfToken(),
            session.createdAt(),
            session.expiresAt(),
            now);
    return write(touched).thenApply(done -> touched);
  }

  /**
   * Records that the user gave their password in the session of {@code token} at {@code at} (they
   * changed it there): a change that ends the sessions before {@code at} keeps this one. Nothing if
   * the session is gone.
   */
  public CompletionStage<Done> passwordGiven(String token, Instant at) {
    return find(token)
        .thenCompose(
            found ->
                found
                    .map(
                        s ->
                            write(
                                new Session(
                                    s.tokenHash(), s.user(), s.csrfToken(), at, s.expiresAt(), at)))
                    .orElseGet(() -> CompletableFuture.completedFuture(Done.getInstance())));
  }

  public CompletionStage<Done> close(String token) {
    return statements
        .get("DELETE FROM %s.sessions WHERE token_hash = ?")
        .thenCompose(
            delete -> statements.session().executeWrite(delete.bind(Secrets.sha256(token))));
  }

  private boolean isLive(Session session, Instant now) {
    return now.isBefore(session.expiresAt())
        && now.isBefore(session.touchedAt().plus(settings.sessionIdle()));
  }

  private CompletionStage<Done> write(Session session) {
    Duration untilAbsolute = Duration.between(session.touchedAt(), session.expiresAt());
    Duration ttl =
        untilAbsolute.compareTo(settings.sessionIdle()) < 0
            ? untilAbsolute
            : settings.sessionIdle();
    return statements
        .get(
            "INSERT INTO %s.sessions (token_hash, user_name, csrf_token, created_at, expires_at,"
                + " touched_at) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?")
        .thenCompose(
            insert ->
                statements
                    .session()
                    .executeWrite(
                        insert.bind(
                            session.tokenHash(),
                            session.user(),
                            session.csrfToken(),
                            session.createdAt(),
                            session.expiresAt(),
                            session.touchedAt(),
                            (int) Math.max(1, ttl.toSeconds()))));
  }

  private static Session session(Row row) {
    return new Session(
        row.getString("token_hash"),
        row.getString("user_name"),
        row.getString("csrf_token"),
        row.getInstant("created_at"),
        row.getInstant("expires_at"),
        row.getInstant("touched_at"));
  }
}
