package io.forelight.frms.coordinator.access;

import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Logging in and out. A login checks the password (Argon2id, on {@code hashing}, never a dispatcher
 * thread) unless the name or the address has failed too often lately (then 429 with how long to
 * wait), opens a new session (a browser's earlier one is closed: the token rotates), and records
 * success or failure in the audit trail. A wrong name and a wrong password look alike.
 */
public final class Logins {

  /** A successful login: the session's cookie token and who it is. */
  public record LoggedIn(SessionStore.Opened session, User user) {}

  private final UserStore users;
  private final SessionStore sessions;
  private final LoginThrottle throttle;
  private final AuditTrail audit;
  private final Executor hashing;
  private final CompletionStage<?> usersChecked;
  private final Authenticator authenticator;

  /** {@code usersChecked}: completes once the first admin is made or found (logins wait for it). */
  public Logins(
      UserStore users,
      SessionStore sessions,
      LoginThrottle throttle,
      AuditTrail audit,
      Executor hashing,
      CompletionStage<?> usersChecked,
      Authenticator authenticator) {
    this.usersChecked = usersChecked;
    this.authenticator = authenticator;
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.audit = audit;
    this.hashing = hashing;
  }

  public CompletionStage<LoggedIn> login(
      String name, String password, String address, Optional<String> previousToken) {
    if (!usersChecked.toCompletableFuture().isDone()) {
      return CompletableFuture.failedFuture(
          new AccessProblem(
              AccessProblem.Kind.STARTING,
              "this coordinator has not checked its users yet (is Cassandra up?): try again"));
    }
    if (name == null || name.isBlank() || password == null || password.isEmpty()) {
      return CompletableFuture.failedFuture(
          AccessProblem.invalid("logging in needs a 'name' and a 'password'"));
    }
    String user = name.strip().toLowerCase(java.util.Locale.ROOT);
    Optional<java.time.Duration> wait = throttle.waitFor(user, address, Instant.now());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      return CompletableFuture.failedFuture(
          new AccessDenied(
              AccessDenied.Kind.THROTTLED,
              "too many failed logins for this name or from this address: try again in "
                  + seconds
                  + " s",
              wait.get()));
    }
    return users
        .find(user)
        .thenComposeAsync(
            found ->
                CompletableFuture.completedFuture(
                    Passwords.matches(password, found.map(User::passwordHash).orElse(null))
                            && found.get().enabled()
                        ? found
                        : Optional.<User>empty()),
            hashing)
        .thenCompose(
            accepted -> {
              if (accepted.isEmpty()) {
                throttle.failed(user, address, Instant.now());
                return audit
                    .record(
                        new AuditEvent.Entry(
                            "anonymous",
                            "login-failed",
                            "user:" + user,
                            null,
                            null,
                            null,
                            "address " + address))
                    .thenApply(
                        recorded -> {
                          throw new AccessDenied(
                              AccessDenied.Kind.UNAUTHENTICATED,
                              "wrong name or password (or the user is disabled)");
                        });
              }
              throttle.succeeded(user);
              previousToken.ifPresent(this::forget);
              return sessions
                  .open(user)
                  .thenCompose(
                      opened ->
                          audit
                              .record(
                                  new AuditEvent.Entry(
                                      user,
                                      "login",
                                      "user:" + user,
                                      null,
                                      null,
                                      null,
                                      "address " + address))
                              .thenApply(recorded -> new LoggedIn(opened, accepted.get())));
            });
  }

  public CompletionStage<org.apache.pekko.Done> logout(
      Principal who, String token, String address) {
    return forget(token)
        .thenCompose(
            closed ->
                audit.record(
                    new AuditEvent.Entry(
                        who.user(),
                        "logout",
                        "user:" + who.user(),
                        null,
                        null,
                        null,
                        "address " + address)))
        .thenApply(recorded -> org.apache.pekko.Done.getInstance());
  }

  /** Deletes a session and stops this node trusting what it read of it, at once. */
  private CompletionStage<org.apache.pekko.Done> forget(String token) {
    authenticator.forgetSession(token);
    return sessions.close(token);
  }
}
