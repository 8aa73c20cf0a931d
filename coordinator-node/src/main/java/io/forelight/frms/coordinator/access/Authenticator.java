package io.forelight.frms.coordinator.access;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds who a request comes from: a session cookie or an API token, checked against Cassandra and
 * the user's current state (a disabled user's sessions and tokens stop working, as do the sessions
 * opened before their password changed; a token acts with the lower of its role and its owner's).
 * What was read is trusted for {@code recheck-after} (2 s) on this node, at most {@link
 * #MAX_CACHED} credentials: the price of a check stays far below a millisecond, and a logout or
 * revocation on another node takes at most that long to reach this one (on this node it is at
 * once). While Cassandra cannot be read, what was found valid in the last {@link #STALE_GRACE}
 * stays valid.
 */
public final class Authenticator {

  static final int MAX_CACHED = 10_000;

  /** How long a credential found valid stays accepted while Cassandra cannot be read. */
  static final Duration STALE_GRACE = Duration.ofMinutes(10);

  private record Cached(Optional<Principal> principal, Instant readAt) {}

  private final UserStore users;
  private final SessionStore sessions;
  private final TokenStore tokens;
  private final Duration recheckAfter;
  private final Map<String, Cached> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > MAX_CACHED;
        }
      };

  public Authenticator(
      UserStore users, SessionStore sessions, TokenStore tokens, AccessSettings settings) {
    this.users = users;
    this.sessions = sessions;
    this.tokens = tokens;
    this.recheckAfter = settings.recheckAfter();
  }

  /** Who holds the session cookie {@code token}, if it is a live session of an enabled user. */
  public CompletionStage<Optional<Principal>> bySession(String token) {
    return cached(
        "session:" + Secrets.sha256(token),
        () ->
            sessions
                .find(token)
                .thenCompose(
                    found ->
                        found.isEmpty()
                            ? none()
                            : users
                                .find(found.get().user())
                                .thenCompose(
                                    user -> {
                                      if (user.isEmpty()
                                          || !user.get().enabled()
                                          || !user.get().sessionStands(found.get().createdAt())) {
                                        return none();
                                      }
                                      User u = user.get();
                                      return sessions
                                          .touch(found.get())
                                          .thenApply(
                                              kept ->
                                                  Optional.of(
                                                      new Principal(
                                                          u.name(),
                                                          u.displayName(),
                                                          u.role(),
                                                          u.scope(),
                                                          "session",
                                                          kept.csrfToken())));
                                    })));
  }

  /** Who an API token ({@code Authorization: Bearer ...}) acts for, if it is usable. */
  public CompletionStage<Optional<Principal>> byToken(String presented) {
    return cached(
        "token:" + Secrets.sha256(presented),
        () ->
            tokens
                .check(presented)
                .thenCompose(
                    token ->
                        token.isEmpty()
                            ? none()
                            : users
                                .find(token.get().owner())
                                .thenApply(
                                    user ->
                                        user.filter(User::enabled)
                                            .map(
                                                u ->
                                                    new Principal(
                                                        u.name(),
                                                        u.displayName(),
                                                        u.role().covers(token.get().role())
                                                            ? token.get().role()
                                                            : u.role(),
                                                        u.scope(),
                                                        "token " + token.get().id(),
                                                        null)))));
  }

  /** Forgets what this node read of a session or token (after a logout or revocation here). */
  public synchronized void forgetSession(String token) {
    cache.remove("session:" + Secrets.sha256(token));
  }

  /** Forgets everything read (after a user or token changed here). */
  public synchronized void forgetAll() {
    cache.clear();
  }

  private CompletionStage<Optional<Principal>> cached(
      String key, java.util.function.Supplier<CompletionStage<Optional<Principal>>> read) {
    Instant now = Instant.now();
    synchronized (this) {
      Cached hit = cache.get(key);
      if (hit != null && hit.readAt().plus(recheckAfter).isAfter(now)) {
        return CompletableFuture.completedFuture(hit.principal());
      }
    }
    return read.get()
        .handle(
            (principal, error) -> {
              if (error == null) {
                synchronized (this) {
                  cache.put(key, new Cached(principal, now));
                }
                return CompletableFuture.completedFuture(principal);
              }
              return stale(key, now, error);
            })
        .thenCompose(answer -> answer);
  }

  /**
   * When Cassandra cannot be read, a credential this node found valid within {@link #STALE_GRACE}
   * is still accepted (nothing can be revoked meanwhile: a revocation needs Cassandra too), so
   * people watching the fleet through an outage are not locked out; anything else fails (503).
   */
  private synchronized CompletionStage<Optional<Principal>> stale(
      String key, Instant now, Throwable error) {
    Cached last = cache.get(key);
    if (last != null
        && last.principal().isPresent()
        && last.readAt().plus(STALE_GRACE).isAfter(now)) {
      return CompletableFuture.completedFuture(last.principal());
    }
    return CompletableFuture.failedFuture(error);
  }

  private static CompletionStage<Optional<Principal>> none() {
    return CompletableFuture.completedFuture(Optional.empty());
  }
}
