package io.forelight.frms.coordinator.groups;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Group commands as sent: {@code group_commands} by id (written once, a lightweight transaction, so
 * the same id posted twice is one command) and {@code group_commands_by_group}, the newest first,
 * for a group's list.
 */
public final class GroupCommandStore {

  private static final String COLUMNS =
      "id, group_id, members, command, issued_by, reason, issued_at";

  /** The tables, created with the read model's (same keyspace). */
  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".group_commands (id text PRIMARY KEY, group_id text, members list<text>,"
            + " command text, issued_by text, reason text, issued_at timestamp)",
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".group_commands_by_group (group_id text, issued_at timestamp, id text,"
            + " PRIMARY KEY ((group_id), issued_at, id))"
            + " WITH CLUSTERING ORDER BY (issued_at DESC, id ASC)");
  }

  private final Statements statements;

  public GroupCommandStore(Statements statements) {
    this.statements = statements;
  }

  /** Stores a new command; if one with its id exists already, that one is returned instead. */
  public CompletionStage<Stored> add(GroupCommand c) {
    return statements
        .get(
            "INSERT INTO %s.group_commands ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS")
        .thenCompose(
            insert ->
                statements.applied(
                    insert.bind(
                        c.id(),
                        c.groupId(),
                        c.members(),
                        c.command(),
                        c.issuedBy(),
                        c.reason(),
                        c.issuedAt())))
        .thenCompose(
            added ->
                added
                    ? CompletableFuture.completedFuture(new Stored(c, true))
                    : find(c.id()).thenApply(found -> new Stored(found.orElse(c), false)))
        .thenCompose(stored -> listed(stored.command()).thenApply(done -> stored));
  }

  /**
   * Lists the command under its group (again, when it was stored before: a crash between the two
   * writes leaves it listed after the next post of the same id).
   */
  private CompletionStage<Done> listed(GroupCommand c) {
    return statements.write(
        "INSERT INTO %s.group_commands_by_group (group_id, issued_at, id) VALUES (?, ?, ?)",
        c.groupId(), c.issuedAt(), c.id());
  }

  /** The command as stored, and whether this call stored it ({@code false}: it existed). */
  public record Stored(GroupCommand command, boolean added) {}

  public CompletionStage<Optional<GroupCommand>> find(String id) {
    return statements
        .get("SELECT " + COLUMNS + " FROM %s.group_commands WHERE id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(id)))
        .thenApply(row -> row.map(GroupCommandStore::command));
  }

  /** The ids of a group's latest {@code limit} commands, the newest first. */
  public CompletionStage<List<String>> latest(String groupId, int limit) {
    return statements
        .get("SELECT id FROM %s.group_commands_by_group WHERE group_id = ? LIMIT ?")
        .thenCompose(select -> statements.session().selectAll(select.bind(groupId, limit)))
        .thenApply(rows -> rows.stream().map(row -> row.getString("id")).toList());
  }

  private static GroupCommand command(Row row) {
    return new GroupCommand(
        row.getString("id"),
        row.getString("group_id"),
        row.getList("members", String.class),
        row.getString("command"),
        row.getString("issued_by"),
        row.getString("reason"),
        row.getInstant("issued_at"));
  }
}
