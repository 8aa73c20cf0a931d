package io.forelight.frms.coordinator.runs;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Runs and their annotations in Cassandra: {@code runs} by id, {@code runs_by_reactor} (newest
 * first), {@code running_runs} (the one run a reactor has running: taken and given back by
 * lightweight transactions, so two starts at once make one run) and {@code run_annotations}.
 */
public final class RunStore {

  private static final String COLUMNS =
      "id, reactor_id, name, description, started_by, started_at, ended_by, ended_at,"
          + " group_run_id";

  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".runs (id text PRIMARY KEY, reactor_id text, name text, description text,"
            + " started_by text, started_at timestamp, ended_by text, ended_at timestamp,"
            + " group_run_id text)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".runs_by_reactor (reactor_id text, started_at timestamp, id text,"
            + " PRIMARY KEY ((reactor_id), started_at, id))"
            + " WITH CLUSTERING ORDER BY (started_at DESC, id ASC)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".running_runs (reactor_id text PRIMARY KEY, run_id text)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".run_annotations (run_id text, at timestamp, id text, kind text, note text,"
            + " sample_id text, author text, PRIMARY KEY ((run_id), at, id))");
  }

  private final Statements statements;

  public RunStore(Statements statements) {
    this.statements = statements;
  }

  /**
   * Starts {@code run} if its reactor has none running: true if started. The run's rows are written
   * after the reactor is taken, so a run read by id is always one that started.
   */
  public CompletionStage<Boolean> start(Run run) {
    return statements
        .get("INSERT INTO %s.running_runs (reactor_id, run_id) VALUES (?, ?) IF NOT EXISTS")
        .thenCompose(insert -> statements.applied(insert.bind(run.reactorId(), run.id())))
        .thenCompose(
            taken ->
                taken
                    ? write(run)
                        .thenCompose(
                            done ->
                                statements.write(
                                    "INSERT INTO %s.runs_by_reactor (reactor_id, started_at, id)"
                                        + " VALUES (?, ?, ?)",
                                    run.reactorId(), run.startedAt(), run.id()))
                        .thenApply(done -> true)
                    : CompletableFuture.completedFuture(false));
  }

  /** Ends a running run: its end, then the reactor free for the next (true if it was running). */
  public CompletionStage<Boolean> end(Run ended) {
    return statements
        .get("UPDATE %s.runs SET ended_by = ?, ended_at = ? WHERE id = ? IF ended_at = null")
        .thenCompose(
            update -> statements.applied(update.bind(ended.endedBy(), ended.endedAt(), ended.id())))
        .thenCompose(applied -> free(ended.reactorId(), ended.id()).thenApply(freed -> applied));
  }

  /** Frees the reactor for its next run if {@code runId} is the one it has running. */
  public CompletionStage<Boolean> free(String reactorId, String runId) {
    return statements
        .get("DELETE FROM %s.running_runs WHERE reactor_id = ? IF run_id = ?")
        .thenCompose(delete -> statements.applied(delete.bind(reactorId, runId)));
  }

  /** The run a reactor has running, if any. */
  public CompletionStage<Optional<String>> running(String reactorId) {
    return statements
        .get("SELECT run_id FROM %s.running_runs WHERE reactor_id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(reactorId)))
        .thenApply(row -> row.map(r -> r.getString("run_id")));
  }

  public CompletionStage<Optional<Run>> find(String id) {
    return statements
        .get("SELECT " + COLUMNS + " FROM %s.runs WHERE id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(id)))
        .thenApply(row -> row.map(RunStore::run));
  }

  /** A reactor's latest {@code limit} runs, the newest first. */
  public CompletionStage<List<Run>> ofReactor(String reactorId, int limit) {
    return statements
        .get("SELECT id FROM %s.runs_by_reactor WHERE reactor_id = ? LIMIT ?")
        .thenCompose(select -> statements.session().selectAll(select.bind(reactorId, limit)))
        .thenCompose(
            rows -> {
              List<CompletableFuture<Optional<Run>>> reads =
                  rows.stream().map(r -> find(r.getString("id")).toCompletableFuture()).toList();
              return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done ->
                          reads.stream()
                              .map(CompletableFuture::join)
                              .flatMap(Optional::stream)
                              .toList());
            });
  }

  public CompletionStage<Done> annotate(Annotation a) {
    return statements.write(
        "INSERT INTO %s.run_annotations (run_id, at, id, kind, note, sample_id, author)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        a.runId(), a.at(), a.id(), a.kind().id(), a.text(), a.sampleId(), a.by());
  }

  /** A run's annotations in time order (a run has tens or hundreds). */
  public CompletionStage<List<Annotation>> annotations(String runId) {
    return statements
        .get(
            "SELECT run_id, at, id, kind, note, sample_id, author FROM %s.run_annotations WHERE run_id = ?")
        .thenCompose(select -> statements.session().selectAll(select.bind(runId)))
        .thenApply(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new Annotation(
                                r.getString("run_id"),
                                r.getInstant("at"),
                                r.getString("id"),
                                Annotation.Kind.stored(r.getString("kind")),
                                r.getString("note"),
                                r.getString("sample_id"),
                                r.getString("author")))
                    .toList());
  }

  private CompletionStage<Done> write(Run run) {
    return statements.write(
        "INSERT INTO %s.runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        run.id(),
        run.reactorId(),
        run.name(),
        run.description(),
        run.startedBy(),
        run.startedAt(),
        run.endedBy(),
        run.endedAt(),
        run.groupRunId());
  }

  private static Run run(Row r) {
    return new Run(
        r.getString("id"),
        r.getString("reactor_id"),
        r.getString("name"),
        r.getString("description"),
        r.getString("started_by"),
        r.getInstant("started_at"),
        r.getString("ended_by"),
        r.getInstant("ended_at"),
        r.getString("group_run_id"));
  }
}
