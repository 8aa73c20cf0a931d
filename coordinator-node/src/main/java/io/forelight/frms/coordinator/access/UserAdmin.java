package io.forelight.frms.coordinator.access;

import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.Done;

/**
 * Creating and changing users and passwords, each change recorded in the audit trail with who did
 * it and why. Only admins manage users; everyone may change their own password (giving the current
 * one). An admin cannot disable or demote the last enabled admin.
 */
public final class UserAdmin {

  /** A new user as asked for. */
  public record NewUser(
      String name, String displayName, List<String> roles, String scope, String password) {}

  /** Changes to a user; null fields stay as they are. */
  public record Change(String displayName, List<String> roles, String scope, Boolean enabled) {}

  private final UserStore users;
  private final SessionStore sessions;
  private final AuditTrail audit;
  private final Executor hashing;
  private final Authenticator authenticator;
  private final Function<String, CompletionStage<Boolean>> groupExists;

  /** {@code groupExists}: whether a group of that id exists (a scope must name one). */
  public UserAdmin(
      UserStore users,
      SessionStore sessions,
      AuditTrail audit,
      Executor hashing,
      Authenticator authenticator,
      Function<String, CompletionStage<Boolean>> groupExists) {
    this.groupExists = groupExists;
    this.users = users;
    this.sessions = sessions;
    this.audit = audit;
    this.hashing = hashing;
    this.authenticator = authenticator;
  }

  public CompletionStage<List<User>> list() {
    return users.all();
  }

  public CompletionStage<User> get(String name) {
    return users
        .find(name)
        .thenApply(
            user ->
                user.orElseThrow(
                    () ->
                        new AccessProblem(AccessProblem.Kind.NOT_FOUND, "no user '" + name + "'")));
  }

  public CompletionStage<User> create(Principal by, NewUser request, String reason, String origin) {
    if (request == null) {
      throw AccessProblem.invalid("the body needs name, displayName, roles and password");
    }
    UserStore.nameProblem(request.name())
        .ifPresent(
            p -> {
              throw AccessProblem.invalid(p);
            });
    Set<Role> roles = roles(request.roles());
    Passwords.problem(request.password())
        .ifPresent(
            p -> {
              throw AccessProblem.invalid(p);
            });
    return scopeKnown(request.scope())
        .thenCompose(
            known ->
                CompletableFuture.supplyAsync(() -> Passwords.hash(request.password()), hashing))
        .thenCompose(
            hash -> {
              Instant now = Instant.now();
              User user =
                  User.created(
                      request.name(),
                      displayName(request.displayName(), request.name()),
                      roles,
                      request.scope(),
                      hash,
                      by.user(),
                      now);
              return users
                  .create(user)
                  .thenCompose(
                      made -> {
                        if (!made) {
                          throw new AccessProblem(
                              AccessProblem.Kind.CONFLICT,
                              "a user '" + request.name() + "' exists already");
                        }
                        return record(
                                by, "user-created", user, null, describe(user), reason, origin)
                            .thenApply(recorded -> user);
                      });
            });
  }

  public CompletionStage<User> change(
      Principal by, String name, Change change, String reason, String origin) {
    if (change == null) {
      throw AccessProblem.invalid(
          "the body needs at least one of displayName, roles, scope, enabled");
    }
    Set<Role> newRoles = change.roles() == null ? null : roles(change.roles());
    return scopeKnown(change.scope())
        .thenCompose(known -> get(name))
        .thenCompose(
            before -> {
              User after =
                  new User(
                      before.name(),
                      change.displayName() == null ? before.displayName() : change.displayName(),
                      newRoles == null ? before.roles() : newRoles,
                      change.scope() == null ? before.scope() : change.scope(),
                      change.enabled() == null ? before.enabled() : change.enabled(),
                      before.passwordHash(),
                      before.createdBy(),
                      before.createdAt(),
                      by.user(),
                      Instant.now(),
                      before.sessionsFrom());
              return keepsAnAdmin(before, after)
                  .thenCompose(ok -> users.update(after))
                  .thenCompose(
                      updated ->
                          record(
                              by,
                              "user-changed",
                              after,
                              describe(before),
                              describe(after),
                              reason,
                              origin))
                  .thenApply(
                      recorded -> {
                        authenticator.forgetAll();
                        return after;
                      });
            });
  }

  /**
   * Sets a password: one's own with the current one, or anyone's as an admin (then no current
   * password is asked). Every session of the user opened before it ends (on this node at once, on
   * the others within the authenticator's recheck), but for {@code ownSession}: the token of the
   * session the user changed their own password in, if they did, which stays logged in.
   */
  public CompletionStage<User> setPassword(
      Principal by,
      String name,
      String current,
      String next,
      String reason,
      String origin,
      Optional<String> ownSession) {
    boolean own = by.user().equals(name);
    if (!own && !by.role().covers(Role.ADMIN)) {
      throw AccessDenied.forbidden("only an admin sets another user's password");
    }
    Passwords.problem(next)
        .ifPresent(
            p -> {
              throw AccessProblem.invalid(p);
            });
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as Cassandra keeps it
    Optional<String> kept = own ? ownSession : Optional.empty();
    return get(name)
        .thenApplyAsync(
            user -> {
              if (own && !Passwords.matches(current, user.passwordHash())) {
                throw AccessProblem.invalid("the current password ('current') is not right");
              }
              return user.withPassword(Passwords.hash(next), by.user(), now);
            },
            hashing)
        .thenCompose(
            after ->
                keepSession(kept, now)
                    .thenCompose(done -> users.update(after))
                    .thenCompose(
                        updated -> {
                          authenticator.forgetAll();
                          return record(
                              by,
                              "password-changed",
                              after,
                              null,
                              kept.isPresent() ? "other sessions ended" : "sessions ended",
                              reason == null && own ? "own password" : reason,
                              origin);
                        })
                    .thenApply(recorded -> after));
  }

  /** The session a password was changed in counts from the change: it is not ended by it. */
  private CompletionStage<Done> keepSession(Optional<String> session, Instant from) {
    return session
        .map(token -> sessions.passwordGiven(token, from))
        .orElseGet(() -> CompletableFuture.completedFuture(Done.getInstance()));
  }

  /** Completes if {@code scope} is empty (the whole fleet) or names a group; else INVALID. */
  private CompletionStage<Boolean> scopeKnown(String scope) {
    if (scope == null || scope.isEmpty()) {
      return CompletableFuture.completedFuture(true);
    }
    return groupExists
        .apply(scope)
        .thenApply(
            exists -> {
              if (!exists) {
                throw AccessProblem.invalid(
                    "no group '"
                        + scope
                        + "': a scope names a group (GET /api/groups), or is empty"
                        + " for the whole fleet");
              }
              return true;
            });
  }

  private CompletionStage<Boolean> keepsAnAdmin(User before, User after) {
    boolean wasAdmin = before.enabled() && before.roles().contains(Role.ADMIN);
    boolean isAdmin = after.enabled() && after.roles().contains(Role.ADMIN);
    if (!wasAdmin || isAdmin) {
      return CompletableFuture.completedFuture(true);
    }
    return users
        .all()
        .thenApply(
            all -> {
              long others =
                  all.stream()
                      .filter(u -> !u.name().equals(before.name()))
                      .filter(u -> u.enabled() && u.roles().contains(Role.ADMIN))
                      .count();
              if (others == 0) {
                throw new AccessProblem(
                    AccessProblem.Kind.CONFLICT,
                    "'" + before.name() + "' is the last enabled admin: make another admin first");
              }
              return true;
            });
  }

  private CompletionStage<AuditEvent> record(
      Principal by,
      String action,
      User user,
      String before,
      String after,
      String reason,
      String origin) {
    return audit.record(
        new AuditEvent.Entry(
            by.user(), action, "user:" + user.name(), before, after, reason, origin));
  }

  static String describe(User user) {
    return "roles "
        + user.roles().stream().map(Role::id).collect(Collectors.toCollection(TreeSet::new))
        + (user.scope().isEmpty() ? "" : " scope " + user.scope())
        + (user.enabled() ? " enabled" : " disabled")
        + " name '"
        + user.displayName()
        + "'";
  }

  private static Set<Role> roles(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw AccessProblem.invalid("a user needs at least one role: viewer, operator or admin");
    }
    try {
      return ids.stream().map(Role::parse).collect(Collectors.toSet());
    } catch (IllegalArgumentException e) {
      throw AccessProblem.invalid(e.getMessage());
    }
  }

  private static String displayName(String given, String name) {
    return given == null || given.isBlank() ? name : given.strip();
  }
}
