package io.forelight.frms.coordinator.groups;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The {@code reactor_groups} table, one row per group with its members: read by every coordinator,
 * so all see the same groups. Members are added and removed one at a time (set additions, so two
 * admins adding different reactors at once both count).
 */
public final class GroupStore {

  private static final String COLUMNS =
      "id, name, kind, members, created_by, created_at, changed_by, changed_at";

  /** The table, created with the read model's (same keyspace). */
  public static List<String> tables(String keyspace) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".reactor_groups (id text PRIMARY KEY, name text, kind text, members set<text>,"
            + " created_by text, created_at timestamp, changed_by text, changed_at timestamp)");
  }

  private final Statements statements;

  public GroupStore(Statements statements) {
    this.statements = statements;
  }

  public CompletionStage<Optional<Group>> find(String id) {
    return statements
        .get("SELECT " + COLUMNS + " FROM %s.reactor_groups WHERE id = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(id)))
        .thenApply(row -> row.map(GroupStore::group));
  }

  /** Every group, by id (a lab has tens). */
  public CompletionStage<List<Group>> all() {
    return statements
        .get("SELECT " + COLUMNS + " FROM %s.reactor_groups")
        .thenCompose(select -> statements.session().selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .map(GroupStore::group)
                    .sorted(Comparator.comparing(Group::id))
                    .toList());
  }

  /** Adds the group unless one with its id exists (true if added). */
  public CompletionStage<Boolean> create(Group g) {
    return statements
        .get(
            "INSERT INTO %s.reactor_groups ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS")
        .thenCompose(
            insert ->
                statements.applied(
                    insert.bind(
                        g.id(),
                        g.name(),
                        g.kind().id(),
                        g.members(),
                        g.createdBy(),
                        g.createdAt(),
                        g.changedBy(),
                        g.changedAt())));
  }

  /** Writes name and kind of an existing group (true if it existed). */
  public CompletionStage<Boolean> rename(Group g) {
    return statements
        .get(
            "UPDATE %s.reactor_groups SET name = ?, kind = ?, changed_by = ?, changed_at = ?"
                + " WHERE id = ? IF EXISTS")
        .thenCompose(
            update ->
                statements.applied(
                    update.bind(g.name(), g.kind().id(), g.changedBy(), g.changedAt(), g.id())));
  }

  /** Adds ({@code add}) or removes a member of an existing group (true if it existed). */
  public CompletionStage<Boolean> member(Group changed, String reactorId, boolean add) {
    return statements
        .get(
            "UPDATE %s.reactor_groups SET members = members "
                + (add ? "+" : "-")
                + " ?, changed_by = ?, changed_at = ? WHERE id = ? IF EXISTS")
        .thenCompose(
            update ->
                statements.applied(
                    update.bind(
                        Set.of(reactorId),
                        changed.changedBy(),
                        changed.changedAt(),
                        changed.id())));
  }

  /** Deletes a group (true if it existed). */
  public CompletionStage<Boolean> delete(String id) {
    return statements
        .get("DELETE FROM %s.reactor_groups WHERE id = ? IF EXISTS")
        .thenCompose(delete -> statements.applied(delete.bind(id)));
  }

  private static Group group(Row row) {
    return new Group(
        row.getString("id"),
        row.getString("name"),
        Group.Kind.parse(row.getString("kind")),
        row.getSet("members", String.class),
        row.getString("created_by"),
        row.getInstant("created_at"),
        row.getString("changed_by"),
        row.getInstant("changed_at"));
  }
}
