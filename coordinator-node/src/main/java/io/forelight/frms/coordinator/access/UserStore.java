package io.forelight.frms.coordinator.access;

import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.storage.Statements;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The {@code users} table: every coordinator reads and writes users only through this. */
public final class UserStore {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final String COLUMNS =
      "name, display_name, roles, scope, enabled, password_hash, created_by, created_at,"
          + " changed_by, changed_at, sessions_from";

  private final Statements statements;

  public UserStore(Statements statements) {
    this.statements = statements;
  }

  /** Why {@code name} cannot name a user, or empty if it can. */
  public static Optional<String> nameProblem(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.of(
          "a user name is 1 to 64 characters: lower-case letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit; got '"
              + name
              + "'");
    }
    return Optional.empty();
  }

  public CompletionStage<Optional<User>> find(String name) {
    return statements
        .get("SELECT " + COLUMNS + " FROM %s.users WHERE name = ?")
        .thenCompose(select -> statements.session().selectOne(select.bind(name)))
        .thenApply(row -> row.map(UserStore::user));
  }

  /** Every user, by name (a lab has tens, not millions). */
  public CompletionStage<List<User>> all() {
    return statements
        .get("SELECT " + COLUMNS + " FROM %s.users")
        .thenCompose(select -> statements.session().selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .map(UserStore::user)
                    .sorted(java.util.Comparator.comparing(User::name))
                    .toList());
  }

  /** True if there is any user at all. */
  public CompletionStage<Boolean> anyExists() {
    return statements
        .get("SELECT name FROM %s.users LIMIT 1")
        .thenCompose(select -> statements.session().selectOne(select.bind()))
        .thenApply(Optional::isPresent);
  }

  /** Adds {@code user} unless one of that name exists (true if added). */
  public CompletionStage<Boolean> create(User user) {
    return statements
        .get(
            "INSERT INTO %s.users ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " IF NOT EXISTS")
        .thenCompose(
            insert ->
                statements.applied(
                    insert.bind(
                        user.name(),
                        user.displayName(),
                        roles(user.roles()),
                        user.scope(),
                        user.enabled(),
                        user.passwordHash(),
                        user.createdBy(),
                        user.createdAt(),
                        user.changedBy(),
                        user.changedAt(),
                        user.sessionsFrom())));
  }

  /** Writes every field of an existing user (true if it existed). */
  public CompletionStage<Boolean> update(User user) {
    return statements
        .get(
            "UPDATE %s.users SET display_name = ?, roles = ?, scope = ?, enabled = ?,"
                + " password_hash = ?, changed_by = ?, changed_at = ?, sessions_from = ?"
                + " WHERE name = ? IF EXISTS")
        .thenCompose(
            update ->
                statements.applied(
                    update.bind(
                        user.displayName(),
                        roles(user.roles()),
                        user.scope(),
                        user.enabled(),
                        user.passwordHash(),
                        user.changedBy(),
                        user.changedAt(),
                        user.sessionsFrom(),
                        user.name())));
  }

  private static Set<String> roles(Set<Role> roles) {
    return roles.stream().map(Role::id).collect(Collectors.toSet());
  }

  private static User user(Row row) {
    return new User(
        row.getString("name"),
        row.getString("display_name"),
        row.getSet("roles", String.class).stream().map(Role::parse).collect(Collectors.toSet()),
        row.getString("scope"),
        row.getBoolean("enabled"),
        row.getString("password_hash"),
        row.getString("created_by"),
        row.getInstant("created_at"),
        row.getString("changed_by"),
        row.getInstant("changed_at"),
        row.getInstant("sessions_from"));
  }
}
