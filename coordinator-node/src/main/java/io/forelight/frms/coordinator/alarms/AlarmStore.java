package io.forelight.frms.coordinator.alarms;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * The alarms' read model: {@code alarms} (each alarm as its latest transition left it), {@code
 * open_alarms} (the ids of alarms not yet cleared and acknowledged: what the banner and counts
 * read) and {@code alarms_by_reactor} (a reactor's alarms, newest first). Written by the entities
 * at least once per transition, each write stamped with the transition's number so an older
 * transition written late never undoes a newer one.
 */
public final class AlarmStore {

  private static final String COLUMNS =
      "id, reactor_id, rule_id, sensor_id, severity, status, detail, raised_at, raised_value,"
          + " cleared_at, cleared_value, acked_by, acked_at, ack_comment";

  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".alarms (id text PRIMARY KEY, reactor_id text, rule_id text, sensor_id text,"
            + " severity text, status text, detail text, raised_at timestamp, raised_value text,"
            + " cleared_at timestamp, cleared_value text, acked_by text, acked_at timestamp,"
            + " ack_comment text)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".open_alarms (id text PRIMARY KEY, reactor_id text, severity text, status text)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".alarms_by_reactor (reactor_id text, raised_at timestamp, id text,"
            + " PRIMARY KEY ((reactor_id), raised_at, id))"
            + " WITH CLUSTERING ORDER BY (raised_at DESC, id ASC)");
  }

  private final Statements statements;

  public AlarmStore(Statements statements) {
    this.statements = statements;
  }

  /** Writes the alarm as transition {@code t} left it. */
  public CompletionStage<Done> write(Transition t) {
    Occurrence a = t.alarm();
    // one transition apart is one microsecond apart, from the alarm's raising on
    long stamp = a.raisedAt().toEpochMilli() * 1000 + t.no();
    CompletionStage<Done> row =
        statements.write(
            "INSERT INTO %s.alarms ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?",
            a.id(),
            a.reactorId(),
            a.ruleId(),
            a.sensorId(),
            a.severity().id(),
            a.status().name(),
            a.detail(),
            a.raisedAt(),
            a.raisedValue(),
            a.clearedAt(),
            a.clearedValue(),
            a.ackedBy(),
            a.ackedAt(),
            a.ackComment(),
            stamp);
    CompletionStage<Done> open =
        a.open()
            ? statements.write(
                "INSERT INTO %s.open_alarms (id, reactor_id, severity, status) VALUES (?, ?, ?, ?)"
                    + " USING TIMESTAMP ?",
                a.id(), a.reactorId(), a.severity().id(), a.status().name(), stamp)
            : statements.write(
                "DELETE FROM %s.open_alarms USING TIMESTAMP ? WHERE id = ?", stamp, a.id());
    CompletionStage<Done> byReactor =
        statements.write(
            "INSERT INTO %s.alarms_by_reactor (reactor_id, raised_at, id) VALUES (?, ?, ?)",
            a.reactorId(), a.raisedAt(), a.id());
    return row.thenCompose(done -> open).thenCompose(done -> byReactor);
  }

  public CompletionStage<Optional<Occurrence>> find(String id) {
    return statements
        .get("SELECT " + COLUMNS + " FROM %s.alarms WHERE id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(id)))
        .thenApply(row -> row.map(AlarmStore::occurrence));
  }

  /** A brief of each open alarm: id, reactor, severity, status (a lab has tens at most). */
  public record Open(String id, String reactorId, String severity, String status) {}

  public CompletionStage<List<Open>> open() {
    return statements
        .get("SELECT id, reactor_id, severity, status FROM %s.open_alarms")
        .thenCompose(select -> statements.session().selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new Open(
                                r.getString("id"),
                                r.getString("reactor_id"),
                                r.getString("severity"),
                                r.getString("status")))
                    .toList());
  }

  /** The open alarms in full, the newest first. */
  public CompletionStage<List<Occurrence>> openAlarms() {
    return open().thenCompose(open -> all(open.stream().map(Open::id).toList()));
  }

  /** A reactor's latest {@code limit} alarms, open or ended, the newest first. */
  public CompletionStage<List<Occurrence>> ofReactor(String reactorId, int limit) {
    return statements
        .get("SELECT id FROM %s.alarms_by_reactor WHERE reactor_id = ? LIMIT ?")
        .thenCompose(select -> statements.session().selectAll(select.bind(reactorId, limit)))
        .thenCompose(rows -> all(rows.stream().map(r -> r.getString("id")).toList()));
  }

  private CompletionStage<List<Occurrence>> all(List<String> ids) {
    List<CompletableFuture<Optional<Occurrence>>> reads =
        ids.stream().map(id -> find(id).toCompletableFuture()).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                reads.stream()
                    .map(CompletableFuture::join)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Occurrence::raisedAt).reversed())
                    .toList());
  }

  private static Occurrence occurrence(Row r) {
    return new Occurrence(
        r.getString("id"),
        r.getString("reactor_id"),
        r.getString("rule_id"),
        r.getString("sensor_id"),
        AlarmRule.Severity.valueOf(r.getString("severity").toUpperCase(java.util.Locale.ROOT)),
        Occurrence.Status.valueOf(r.getString("status")),
        r.getString("detail"),
        r.getInstant("raised_at"),
        r.getString("raised_value"),
        r.getInstant("cleared_at"),
        r.getString("cleared_value"),
        r.getString("acked_by"),
        r.getInstant("acked_at"),
        r.getString("ack_comment"));
  }
}
