package io.forelight.frms.coordinator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The first admin, in a keyspace with no user yet. */
@ExtendWith(CassandraExtension.class)
class FirstAdminCassandraTest {

  private static ActorTestKit testKit;
  private static UserStore users;
  private static AuditTrail audit;

  @BeforeAll
  static void start(TestCassandra cassandra) {
    testKit = ActorTestKit.create("first-admin", TestConfigs.cassandra(cassandra));
    Statements statements = Guardian.statements(testKit.system());
    users = new UserStore(statements);
    audit = new AuditTrail(statements);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static CompletionStage<Boolean> ensure(String passwordFile, Path generated) {
    return FirstAdmin.ensure(
        users,
        audit,
        AccessCassandraTest.settings(Duration.ofMinutes(1), passwordFile, generated.toString()),
        ForkJoinPool.commonPool());
  }

  @Test
  void madeOnceFromItsFileOrWithAGeneratedPasswordAndABadFileIsNamed(@TempDir Path dir)
      throws Exception {
    Path shortFile = dir.resolve("short");
    Files.writeString(shortFile, "short\n");
    ExecutionException bad =
        assertThrows(
            ExecutionException.class, () -> await(ensure(shortFile.toString(), dir.resolve("g"))));
    assertTrue(
        bad.getCause()
            .getMessage()
            .contains(shortFile + " cannot be used: a password needs at least 12 characters"),
        bad.getCause().getMessage());
    assertFalse(await(users.anyExists()), "nothing made from a bad file");

    Path generated = dir.resolve("out/frms-admin-password");
    assertTrue(await(ensure("", generated)), "made with a generated password");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(generated)));
    String password = Files.readString(generated).strip();
    User admin = await(users.find("admin")).orElseThrow();
    assertEquals(Set.of(Role.ADMIN), admin.roles());
    assertTrue(Passwords.matches(password, admin.passwordHash()));
    assertFalse(password.isBlank());

    Path file = dir.resolve("admin-password");
    Files.writeString(file, "a long enough secret\n");
    assertFalse(await(ensure(file.toString(), dir.resolve("g2"))), "users exist: nothing made");
    assertTrue(
        Passwords.matches(password, await(users.find("admin")).orElseThrow().passwordHash()));
    assertFalse(Files.exists(dir.resolve("g2")));
    assertEquals(1, (long) await(audit.lastSeq()), "its making is in the audit trail");
  }
}
