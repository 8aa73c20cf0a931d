package io.forelight.frms.coordinator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users, sessions, tokens and the first admin on the real Cassandra. */
@ExtendWith(CassandraExtension.class)
class AccessCassandraTest {

  private static ActorTestKit testKit;
  private static Statements statements;
  private static UserStore users;

  @BeforeAll
  static void start(TestCassandra cassandra) {
    testKit = ActorTestKit.create("access", TestConfigs.cassandra(cassandra));
    statements = Guardian.statements(testKit.system());
    users = new UserStore(statements);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static AccessSettings settings(Duration idle, String passwordFile, String generated) {
    return new AccessSettings(
        passwordFile,
        generated,
        idle,
        Duration.ofHours(12),
        Duration.ofSeconds(2),
        Duration.ofDays(365),
        5,
        Duration.ofSeconds(1),
        Duration.ofMinutes(15));
  }

  private static User user(String name, Role role) {
    Instant now = Instant.now();
    return User.created(
        name, name, Set.of(role), "", Passwords.hash("password of " + name), "test", now);
  }

  @Test
  void aUserIsMadeOnceAndChangedInPlace() throws Exception {
    assertTrue(await(users.create(user("carol", Role.OPERATOR))));
    assertFalse(await(users.create(user("carol", Role.ADMIN))), "the name is taken");
    User carol = await(users.find("carol")).orElseThrow();
    assertEquals(Set.of(Role.OPERATOR), carol.roles());
    User disabled =
        new User(
            carol.name(),
            "Carol C",
            Set.of(Role.VIEWER),
            "room-b",
            false,
            carol.passwordHash(),
            carol.createdBy(),
            carol.createdAt(),
            "admin",
            Instant.now(),
            carol.sessionsFrom());
    assertTrue(await(users.update(disabled)));
    User read = await(users.find("carol")).orElseThrow();
    assertEquals("Carol C", read.displayName());
    assertEquals("room-b", read.scope());
    assertFalse(read.enabled());
    assertFalse(await(users.update(user("nobody", Role.VIEWER))), "an update never makes a user");
    assertTrue(await(users.find("nobody")).isEmpty());
  }

  @Test
  void aSessionEndsWhenIdleAndAtLogout() throws Exception {
    SessionStore sessions = new SessionStore(statements, settings(Duration.ofSeconds(3), "", "x"));
    SessionStore.Opened kept = await(sessions.open("ada"));
    SessionStore.Opened idle = await(sessions.open("ada"));
    assertEquals(43, kept.token().length(), "256 random bits, base64url");
    assertEquals("ada", await(sessions.find(kept.token())).orElseThrow().user());
    assertTrue(await(sessions.find("not-a-session")).isEmpty());

    await(sessions.close(kept.token()));
    assertTrue(await(sessions.find(kept.token())).isEmpty(), "logged out");
    Await.until(
        Duration.ofSeconds(15),
        "the idle session expired",
        () -> {
          try {
            return await(sessions.find(idle.token())).isEmpty();
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void aTokenWorksWithItsSecretOnlyUntilRevoked() throws Exception {
    TokenStore tokens = new TokenStore(statements);
    TokenStore.Issued issued =
        await(tokens.issue("ada", Role.VIEWER, "grafana", "ada", Duration.ofDays(1)));
    assertTrue(issued.token().startsWith("frms_" + issued.stored().id() + "_"));
    assertEquals(Role.VIEWER, await(tokens.check(issued.token())).orElseThrow().role());
    assertTrue(await(tokens.check(issued.token() + "x")).isEmpty(), "another secret");
    assertTrue(await(tokens.check("frms_nothing")).isEmpty());
    assertTrue(await(tokens.check("Basic abc")).isEmpty());

    assertTrue(await(tokens.revoke(issued.stored().id(), "admin")));
    assertTrue(await(tokens.check(issued.token())).isEmpty(), "revoked");
    TokenStore.Token listed =
        await(tokens.all()).stream()
            .filter(t -> t.id().equals(issued.stored().id()))
            .findFirst()
            .orElseThrow();
    assertEquals("admin", listed.revokedBy());
    assertFalse(await(tokens.revoke("0000000000000000", "admin")), "no such token");
  }

  @Test
  void aPasswordChangeEndsTheUsersOtherSessions() throws Exception {
    AccessSettings settings = settings(Duration.ofHours(1), "", "x");
    SessionStore sessions = new SessionStore(statements, settings);
    Authenticator authenticator =
        new Authenticator(users, sessions, new TokenStore(statements), settings);
    UserAdmin admin =
        new UserAdmin(
            users,
            sessions,
            new io.forelight.frms.coordinator.audit.AuditTrail(statements),
            Runnable::run,
            authenticator,
            group -> java.util.concurrent.CompletableFuture.completedFuture(true));
    assertTrue(await(users.create(user("bea", Role.OPERATOR))));
    SessionStore.Opened here = await(sessions.open("bea"));
    SessionStore.Opened elsewhere = await(sessions.open("bea"));
    Principal bea = await(authenticator.bySession(here.token())).orElseThrow();
    assertTrue(await(authenticator.bySession(elsewhere.token())).isPresent());

    admin
        .setPassword(
            bea,
            "bea",
            "password of bea",
            "bea's new long password",
            null,
            "test",
            java.util.Optional.of(here.token()))
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    assertTrue(
        await(authenticator.bySession(here.token())).isPresent(),
        "the session the password was changed in stays");
    assertTrue(
        await(authenticator.bySession(elsewhere.token())).isEmpty(),
        "a session opened before the change ends");
    SessionStore.Opened after = await(sessions.open("bea"));
    assertTrue(await(authenticator.bySession(after.token())).isPresent(), "a new login works");

    Principal root = new Principal("root", "Root", Role.ADMIN, "", "token t1", null);
    await(
        admin.setPassword(
            root,
            "bea",
            null,
            "set by an admin for bea",
            "reset",
            "test",
            java.util.Optional.empty()));
    assertTrue(
        await(authenticator.bySession(here.token())).isEmpty()
            && await(authenticator.bySession(after.token())).isEmpty(),
        "an admin's reset ends every session of the user");
    assertTrue(
        Passwords.matches(
            "set by an admin for bea", await(users.find("bea")).orElseThrow().passwordHash()));
  }
}
