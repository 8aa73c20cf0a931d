package io.forelight.frms.coordinator.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.access.Principal;
import io.forelight.frms.coordinator.access.Role;
import io.forelight.frms.coordinator.audit.AuditTrail;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs on the real Cassandra: one running per reactor even when two start at once, a reactor left
 * taken by a run that was never written is freed, annotations only within the run, an end once.
 */
@ExtendWith(CassandraExtension.class)
class RunCassandraTest {

  private static final Principal OLGA =
      new Principal("olga", "Olga", Role.OPERATOR, "", "session", "csrf");

  private static ActorTestKit testKit;
  private static RunAdmin runs;
  private static RunStore store;

  @BeforeAll
  static void start(TestCassandra cassandra) {
    testKit = ActorTestKit.create("runs", TestConfigs.cassandra(cassandra));
    Statements statements = Guardian.statements(testKit.system());
    store = new RunStore(statements);
    runs = new RunAdmin(store, new AuditTrail(statements));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** The problem a call refuses with, whether it refuses at once or through its stage. */
  private static RunProblem.Kind problem(Supplier<CompletionStage<?>> call) {
    try {
      CompletionStage<?> stage = call.get();
      ExecutionException failed = assertThrows(ExecutionException.class, () -> await(stage));
      return ((RunProblem) failed.getCause()).kind();
    } catch (RunProblem refused) {
      return refused.kind();
    }
  }

  @Test
  void twoStartsAtOnceMakeOneRunAndAnEndedRunFreesTheReactor() throws Exception {
    List<CompletableFuture<Run>> starts =
        List.of("a", "b", "c").stream()
            .map(n -> runs.start(OLGA, "r1", "batch " + n, "", null, "test").toCompletableFuture())
            .toList();
    long started =
        starts.stream()
            .filter(
                f -> {
                  try {
                    f.get(60, TimeUnit.SECONDS);
                    return true;
                  } catch (Exception e) {
                    return false;
                  }
                })
            .count();
    assertEquals(1, started, "one of three concurrent starts");
    Run run = await(store.running("r1").thenCompose(id -> runs.get(id.orElseThrow())));
    assertEquals(
        RunProblem.Kind.CONFLICT, problem(() -> runs.start(OLGA, "r1", "d", "", null, "t")));
    Run ended = await(runs.end(OLGA, run.id(), "harvested", "test"));
    assertEquals("olga", ended.endedBy());
    assertEquals(
        RunProblem.Kind.CONFLICT, problem(() -> runs.end(OLGA, run.id(), "again", "test")));
    assertTrue(await(store.running("r1")).isEmpty(), "free for the next run");
    Run next = await(runs.start(OLGA, "r1", "batch e", "", null, "test"));
    assertEquals(
        List.of(next.id(), run.id()),
        await(runs.ofReactor("r1", 10)).stream().map(Run::id).toList());
  }

  @Test
  void aReactorTakenByARunNeverWrittenIsFreedButNotOneBeingWrittenNow() throws Exception {
    // a coordinator died after taking the reactor and before writing the run, an hour ago
    String anHourAgo =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(java.time.ZoneOffset.UTC)
            .format(Instant.now().minusSeconds(3600));
    takenNotWritten(
        new Run(
            "r2." + anHourAgo + "-dead", "r2", "ghost", "", "x", Instant.now(), null, null, null));
    await(store.free("r2", "nothing")); // another run's id frees nothing
    Run run = await(runs.start(OLGA, "r2", "real", "", null, "test"));
    assertEquals(run.id(), await(store.running("r2")).orElseThrow());

    // taken a moment ago and not written yet: another start is being made, not a ghost
    String now =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(java.time.ZoneOffset.UTC)
            .format(Instant.now());
    takenNotWritten(
        new Run("r4." + now + "-beef", "r4", "starting", "", "x", Instant.now(), null, null, null));
    assertEquals(
        RunProblem.Kind.CONFLICT, problem(() -> runs.start(OLGA, "r4", "second", "", null, "t")));
  }

  private void takenNotWritten(Run run) throws Exception {
    assertTrue(await(store.start(run)));
    Statements statements = Guardian.statements(testKit.system());
    await(
        statements
            .get("DELETE FROM %s.runs WHERE id = ?")
            .thenCompose(d -> statements.session().executeWrite(d.bind(run.id()))));
  }

  @Test
  void annotationsFallWithinTheRunAndSamplesNameTheirId() throws Exception {
    Run run = await(runs.start(OLGA, "r3", "batch", "", null, "test"));
    await(runs.annotate(OLGA, run.id(), "inoculation", "seed", null, null, "test"));
    assertEquals(
        RunProblem.Kind.INVALID,
        problem(() -> runs.annotate(OLGA, run.id(), "sample", "OD", null, null, "test")));
    assertEquals(
        RunProblem.Kind.INVALID,
        problem(
            () ->
                runs.annotate(
                    OLGA,
                    run.id(),
                    "note",
                    "early",
                    null,
                    run.startedAt().minusSeconds(1),
                    "test")));
    assertEquals(
        RunProblem.Kind.INVALID,
        problem(() -> runs.annotate(OLGA, run.id(), "brew", "x", null, null, "test")));
    await(runs.annotate(OLGA, run.id(), "sample", "OD 0.8", "S-1", null, "test"));
    RunAdmin.RunWithNotes read = await(runs.withNotes(run.id()));
    assertEquals(
        List.of(Annotation.Kind.INOCULATION, Annotation.Kind.SAMPLE),
        read.annotations().stream().map(Annotation::kind).toList());
    assertEquals("S-1", read.annotations().get(1).sampleId());
    assertEquals("olga", read.annotations().get(0).by());
    assertEquals(RunProblem.Kind.NOT_FOUND, problem(() -> runs.get("r3.none")));
  }
}
