package io.forelight.frms.coordinator.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.access.Role;
import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Groups on the real Cassandra: made, changed, members, deleted, each change audited. */
@ExtendWith(CassandraExtension.class)
class GroupCassandraTest {

  private static final Principal ADA =
      new Principal("ada", "Ada", Role.ADMIN, "", "session", "csrf");

  private static ActorTestKit testKit;
  private static GroupAdmin groups;
  private static AuditTrail audit;

  @BeforeAll
  static void start(TestCassandra cassandra) {
    testKit = ActorTestKit.create("groups", TestConfigs.cassandra(cassandra));
    Statements statements = Guardian.statements(testKit.system());
    audit = new AuditTrail(statements);
    groups = new GroupAdmin(new GroupStore(statements), audit);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static GroupProblem.Kind problem(CompletionStage<?> stage) {
    ExecutionException failed = assertThrows(ExecutionException.class, () -> await(stage));
    return ((GroupProblem) failed.getCause()).kind();
  }

  /** The audit trail's last {@code n} events. */
  private static List<AuditEvent> lastEvents(int n) throws Exception {
    long last = await(audit.lastSeq());
    List<AuditEvent> events = new ArrayList<>();
    for (long seq = last - n + 1; seq <= last; seq++) {
      events.add(await(audit.event(seq)).orElseThrow());
    }
    return events;
  }

  @Test
  void aGroupIsMadeChangedAndDeletedWithEveryChangeInTheAuditTrail() throws Exception {
    Group made =
        await(
            groups.create(
                ADA,
                new GroupAdmin.NewGroup("room-b", "Room B", "room", List.of("reactor-01")),
                "new lab room",
                "test"));
    assertEquals(Set.of("reactor-01"), made.members());

    await(groups.member(ADA, "room-b", "reactor-02", true, "moved in", "test"));
    Group changed = await(groups.member(ADA, "room-b", "reactor-01", false, "moved out", "test"));
    assertEquals(Set.of("reactor-02"), changed.members());
    assertEquals(
        GroupProblem.Kind.NOT_FOUND,
        problem(groups.member(ADA, "room-b", "reactor-01", false, "again", "test")));
    Group renamed = await(groups.change(ADA, "room-b", "Room B (north)", null, "signs", "test"));
    assertEquals(Group.Kind.ROOM, renamed.kind());
    assertEquals(renamed, await(groups.get("room-b")));

    await(groups.delete(ADA, "room-b", "room closed", "test"));
    assertEquals(GroupProblem.Kind.NOT_FOUND, problem(groups.get("room-b")));

    List<AuditEvent> events = lastEvents(5);
    assertEquals(
        List.of(
            "group-created",
            "group-member-added",
            "group-member-removed",
            "group-changed",
            "group-deleted"),
        events.stream().map(AuditEvent::action).toList());
    assertEquals(
        List.of("new lab room", "moved in", "moved out", "signs", "room closed"),
        events.stream().map(AuditEvent::reason).toList());
    events.forEach(
        e -> {
          assertEquals("ada", e.actor());
          assertEquals("group:room-b", e.target());
        });
    assertEquals("reactor-02", events.get(1).newValue());
  }

  @Test
  void badRequestsNameWhatIsWrongAndChangeNothing() throws Exception {
    GroupProblem id =
        assertThrows(
            GroupProblem.class,
            () ->
                groups.create(
                    ADA, new GroupAdmin.NewGroup("Line 1", "Line 1", "line", null), "r", "test"));
    assertEquals(GroupProblem.Kind.INVALID, id.kind());
    GroupProblem kind =
        assertThrows(
            GroupProblem.class,
            () ->
                groups.create(
                    ADA, new GroupAdmin.NewGroup("line-1", "Line 1", "hall", null), "r", "test"));
    assertEquals(
        "a group's kind is site, room, line, project or tag, got 'hall'", kind.getMessage());

    await(groups.create(ADA, new GroupAdmin.NewGroup("line-1", "Line 1", "line", null), "r", "t"));
    assertEquals(
        GroupProblem.Kind.CONFLICT,
        problem(
            groups.create(
                ADA, new GroupAdmin.NewGroup("line-1", "Other", "tag", null), "r", "test")));
    assertEquals("Line 1", await(groups.get("line-1")).name());
  }
}
