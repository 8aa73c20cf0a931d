package io.forelight.frms.coordinator.access;

import io.forelight.frms.coordinator.audit.AuditReader;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.groups.GroupAdmin;
import io.forelight.frms.coordinator.groups.GroupCommandStore;
import io.forelight.frms.coordinator.groups.GroupStore;
import io.forelight.frms.coordinator.runs.RunAdmin;
import io.forelight.frms.coordinator.runs.RunStore;
import io.forelight.frms.coordinator.storage.Statements;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, sessions, tokens and the audit trail of one coordinator node, wired together over the
 * keyspace's tables. {@link #start} makes the first admin if there is no user (retried until
 * Cassandra answers; a password file that cannot be used is an ERROR naming it).
 */
public final class Access {

  private static final Logger log = LoggerFactory.getLogger(Access.class);

  private final ActorSystem<?> system;
  private final AccessSettings settings;
  private final Executor hashing;
  private final UserStore users;
  private final AuditTrail audit;
  private final AuditReader auditReader;
  private final Authenticator authenticator;
  private final Logins logins;
  private final UserAdmin userAdmin;
  private final TokenAdmin tokenAdmin;
  private final GroupAdmin groupAdmin;
  private final GroupCommandStore groupCommands;
  private final RunAdmin runAdmin;
  private final java.util.concurrent.CompletableFuture<Boolean> usersChecked =
      new java.util.concurrent.CompletableFuture<>();

  public Access(
      ActorSystem<?> system, Statements statements, AccessSettings settings, Executor hashing) {
    this.system = system;
    this.settings = settings;
    this.hashing = hashing;
    this.users = new UserStore(statements);
    SessionStore sessions = new SessionStore(statements, settings);
    TokenStore tokens = new TokenStore(statements);
    this.audit = new AuditTrail(statements);
    this.auditReader = new AuditReader(audit, Materializer.matFromSystem(system));
    this.authenticator = new Authenticator(users, sessions, tokens, settings);
    this.logins =
        new Logins(
            users,
            sessions,
            new LoginThrottle(settings),
            audit,
            hashing,
            usersChecked,
            authenticator);
    this.groupAdmin = new GroupAdmin(new GroupStore(statements), audit);
    this.groupCommands = new GroupCommandStore(statements);
    this.runAdmin = new RunAdmin(new RunStore(statements), audit);
    this.userAdmin =
        new UserAdmin(users, sessions, audit, hashing, authenticator, groupAdmin::exists);
    this.tokenAdmin = new TokenAdmin(tokens, userAdmin, audit, authenticator, settings);
  }

  public void start() {
    Patterns.retry(
        () ->
            FirstAdmin.ensure(users, audit, settings, hashing)
                .whenComplete(
                    (made, error) -> {
                      if (error instanceof java.util.concurrent.CompletionException wrapped
                          && wrapped.getCause() instanceof FirstAdmin.Problem problem) {
                        log.error("no first user: {}", problem.getMessage());
                      } else if (error != null) {
                        log.warn("users not checked yet (retrying): {}", error.toString());
                      } else {
                        usersChecked.complete(made);
                      }
                    }),
        Integer.MAX_VALUE,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        0.2,
        system.classicSystem());
  }

  public AccessSettings settings() {
    return settings;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public Logins logins() {
    return logins;
  }

  public UserAdmin users() {
    return userAdmin;
  }

  public TokenAdmin tokens() {
    return tokenAdmin;
  }

  /** Groups of reactors (they scope roles). */
  public GroupAdmin groups() {
    return groupAdmin;
  }

  /** Commands sent to whole groups. */
  public GroupCommandStore groupCommands() {
    return groupCommands;
  }

  /** Runs of reactors and their annotations. */
  public RunAdmin runs() {
    return runAdmin;
  }

  public AuditTrail audit() {
    return audit;
  }

  public AuditReader auditReader() {
    return auditReader;
  }
}
