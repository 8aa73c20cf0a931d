package io.forelight.frms.coordinator.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail on the real Cassandra: two nodes appending at once make one chain, and an event
 * edited, removed or cut off the end in Cassandra is found by the verification.
 */
@ExtendWith(CassandraExtension.class)
class AuditTrailCassandraTest {

  private ActorTestKit testKit;
  private Statements statements;
  private AuditTrail trail;
  private AuditReader reader;

  @BeforeEach
  void start(TestCassandra cassandra) throws Exception {
    testKit = ActorTestKit.create("audit", TestConfigs.cassandra(cassandra));
    statements = Guardian.statements(testKit.system());
    await(statements.schema());
    await(statements.session().executeWrite("TRUNCATE " + statements.keyspace() + ".audit_events"));
    await(statements.session().executeWrite("TRUNCATE " + statements.keyspace() + ".audit_head"));
    trail = new AuditTrail(statements);
    reader = new AuditReader(trail, Materializer.matFromSystem(testKit.system()));
  }

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static AuditEvent.Entry entry(String actor, int n) {
    return new AuditEvent.Entry(
        actor, "command-submitted", "reactor:r" + (n % 3), null, "n " + n, "reason " + n, "test");
  }

  @Test
  void twoNodesAppendingAtOnceMakeOneUnbrokenChain() throws Exception {
    AuditTrail other = new AuditTrail(statements); // a second coordinator's view of the trail
    List<CompletableFuture<AuditEvent>> appended = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      appended.add(trail.record(entry("ada", i)).toCompletableFuture());
      appended.add(other.record(entry("bob", i)).toCompletableFuture());
    }
    CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    HashSet<Long> numbers = new HashSet<>();
    appended.forEach(e -> numbers.add(e.join().seq()));
    assertEquals(60, numbers.size(), "every event got its own number");

    AuditReader.Verification verified = await(reader.verify());
    assertEquals(new AuditReader.Verification(true, 60, null, null), verified);

    List<AuditEvent> bobsOnR1 =
        await(
            reader
                .newestFirst(new AuditReader.Filter("r1", "bob", null, null, null))
                .runWith(Sink.seq(), testKit.system()));
    assertEquals(10, bobsOnR1.size());
    assertTrue(bobsOnR1.get(0).seq() > bobsOnR1.get(9).seq(), "newest first");
  }

  @Test
  void anEditedRowIsFoundAndNamed() throws Exception {
    for (int i = 0; i < 5; i++) {
      await(trail.record(entry("ada", i)));
    }
    assertTrue(await(reader.verify()).intact());
    await(
        statements
            .session()
            .executeWrite(
                "UPDATE "
                    + statements.keyspace()
                    + ".audit_events SET reason = 'nothing happened' WHERE chain = 'fleet'"
                    + " AND page = 0 AND seq = 3"));
    AuditReader.Verification verified = await(reader.verify());
    assertFalse(verified.intact());
    assertEquals(3L, verified.brokenAt());
    assertEquals(2, verified.checked());
    assertTrue(verified.problem().contains("changed after it was written"), verified.problem());
  }

  @Test
  void anEditWithARecomputedHashBreaksTheNextLink() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(await(trail.record(entry("ada", i))));
    }
    AuditEvent e = events.get(1);
    AuditEvent forged =
        new AuditEvent(
            e.seq(),
            e.at(),
            "eve",
            e.action(),
            e.target(),
            e.oldValue(),
            e.newValue(),
            e.reason(),
            e.origin(),
            e.prevHash(),
            null);
    await(
        statements
            .session()
            .executeWrite(
                "UPDATE "
                    + statements.keyspace()
                    + ".audit_events SET actor = 'eve', hash = ?"
                    + " WHERE chain = 'fleet' AND page = 0 AND seq = 2",
                forged.computedHash()));
    AuditReader.Verification verified = await(reader.verify());
    assertEquals(3L, verified.brokenAt());
    assertTrue(
        verified.problem().contains("does not name the hash of event 2"), verified.problem());
  }

  @Test
  void aRemovedRowAndACutTailAreFound() throws Exception {
    for (int i = 0; i < 6; i++) {
      await(trail.record(entry("ada", i)));
    }
    String delete =
        "DELETE FROM "
            + statements.keyspace()
            + ".audit_events WHERE chain = 'fleet' AND page = 0"
            + " AND seq = ";
    await(statements.session().executeWrite(delete + "6"));
    AuditReader.Verification cut = await(reader.verify());
    assertEquals(6L, cut.brokenAt());
    assertTrue(cut.problem().contains("events 6 to 6 are missing"), cut.problem());

    await(statements.session().executeWrite(delete + "2"));
    AuditReader.Verification removed = await(reader.verify());
    assertEquals(2L, removed.brokenAt());
    assertTrue(removed.problem().contains("event 2 is missing"), removed.problem());
  }

  @Test
  void aNewNodeFindsTheEndOfTheChainEvenIfTheHeadRowLags() throws Exception {
    for (int i = 0; i < 3; i++) {
      await(trail.record(entry("ada", i)));
    }
    await(
        statements
            .session()
            .executeWrite(
                "UPDATE "
                    + statements.keyspace()
                    + ".audit_head SET seq = 1 WHERE chain = 'fleet'"));
    AuditTrail restarted = new AuditTrail(statements);
    AuditEvent fourth = await(restarted.record(entry("ada", 3)));
    assertEquals(4, fourth.seq());
    assertTrue(await(reader.verify()).intact());
    assertTrue(Instant.now().isAfter(fourth.at()) || Instant.now().equals(fourth.at()));
  }
}
