package io.forelight.frms.coordinator.ownership;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.typesafe.config.Config;
import io.forelight.frms.coordinator.storage.Keyspace;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The lease rows in Cassandra: one row per lease, {@code (name, owner)}, written with a TTL and
 * only through lightweight transactions (Paxos, SERIAL), so two owners can never both succeed:
 * taking a lease is {@code INSERT ... IF NOT EXISTS}, renewing it {@code UPDATE ... IF owner = me},
 * releasing it {@code DELETE ... IF owner = me}. A holder that stops renewing loses the row when
 * its TTL runs out (Cassandra's clock, whole seconds). The table is created on first use.
 */
public final class LeaseTable {

  private final CassandraSession session;
  private final String keyspace;
  private final String table;
  private final Config journal;
  private final AtomicReference<CompletionStage<Statements>> prepared = new AtomicReference<>();

  private record Statements(
      CqlSession cql,
      PreparedStatement insert,
      PreparedStatement renew,
      PreparedStatement delete,
      PreparedStatement owners,
      PreparedStatement owner) {}

  LeaseTable(CassandraSession session, String keyspace, String table, Config journal) {
    this.session = session;
    this.keyspace = keyspace;
    this.table = keyspace + "." + table;
    this.journal = journal;
  }

  /**
   * Completes once the table exists and the statements are prepared (the first call creates them):
   * a holder takes its send time for a lease operation after this, not before.
   */
  CompletionStage<Void> ready() {
    return statements().thenApply(s -> null);
  }

  /**
   * Takes the lease for {@code owner} unless another owner holds it; an owner that already holds it
   * renews it. Empty if granted, else the current owner.
   */
  CompletionStage<Optional<String>> acquire(String name, String owner, int ttl, Duration timeout) {
    return statements()
        .thenCompose(s -> execute(s, s.insert().bind(name, owner, ttl), timeout))
        .thenCompose(
            rs -> {
              if (rs.wasApplied()) {
                return CompletableFuture.completedFuture(Optional.<String>empty());
              }
              String current = ownerIn(rs.one());
              if (owner.equals(current)) {
                return renew(name, owner, ttl, timeout)
                    .thenApply(renewed -> renewed ? Optional.<String>empty() : Optional.of("?"));
              }
              return CompletableFuture.completedFuture(
                  Optional.of(current == null ? "?" : current));
            });
  }

  /** Extends the lease by the TTL if {@code owner} still holds it; false if it does not. */
  CompletionStage<Boolean> renew(String name, String owner, int ttl, Duration timeout) {
    return statements()
        .thenCompose(s -> execute(s, s.renew().bind(ttl, owner, name, owner), timeout))
        .thenApply(AsyncResultSet::wasApplied);
  }

  /** Deletes the lease if {@code owner} holds it; false if it did not. */
  CompletionStage<Boolean> release(String name, String owner, Duration timeout) {
    return statements()
        .thenCompose(s -> execute(s, s.delete().bind(name, owner), timeout))
        .thenApply(AsyncResultSet::wasApplied);
  }

  /** Every lease held now, name to owner (a plain read, for views: not a guarantee). */
  public CompletionStage<Map<String, String>> owners() {
    return statements()
        .thenCompose(s -> s.cql().executeAsync(s.owners().bind()))
        .thenCompose(rs -> collect(rs, new HashMap<>()));
  }

  /** The holder of one lease now, if any (a plain read, for views). */
  public CompletionStage<Optional<String>> owner(String name) {
    return statements()
        .thenCompose(s -> s.cql().executeAsync(s.owner().bind(name)))
        .thenApply(rs -> Optional.ofNullable(ownerIn(rs.one())));
  }

  /**
   * When each owner last wrote a lease (the latest write time of its rows, microseconds): compared
   * over a heartbeat interval, it tells which owners are alive and renewing. A plain read.
   */
  CompletionStage<Map<String, Long>> lastWrites() {
    return statements()
        .thenCompose(s -> session.selectAll("SELECT owner, writetime(owner) FROM " + table))
        .thenApply(
            rows -> {
              Map<String, Long> latest = new HashMap<>();
              for (Row row : rows) {
                if (row.getString(0) != null) {
                  latest.merge(row.getString(0), row.getLong(1), Math::max);
                }
              }
              return latest;
            });
  }

  private static CompletionStage<Map<String, String>> collect(
      AsyncResultSet page, Map<String, String> into) {
    for (Row row : page.currentPage()) {
      if (row.getString("owner") != null) {
        into.put(row.getString("name"), row.getString("owner"));
      }
    }
    return page.hasMorePages()
        ? page.fetchNextPage().thenCompose(next -> collect(next, into))
        : CompletableFuture.completedFuture(into);
  }

  private static String ownerIn(Row row) {
    return row == null || !row.getColumnDefinitions().contains("owner")
        ? null
        : row.getString("owner");
  }

  private static CompletionStage<AsyncResultSet> execute(
      Statements s, Statement<?> statement, Duration timeout) {
    return s.cql()
        .executeAsync(
            statement
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)
                .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL)
                .setTimeout(timeout));
  }

  /**
   * Creates the table if missing and prepares the statements, once; a failure (Cassandra not up
   * yet) is tried again by the next call.
   */
  private CompletionStage<Statements> statements() {
    CompletionStage<Statements> current = prepared.get();
    if (current != null) {
      return current;
    }
    CompletionStage<Statements> attempt =
        Keyspace.create(session, keyspace, journal)
            .thenCompose(
                done ->
                    session.executeDDL(
                        "CREATE TABLE IF NOT EXISTS "
                            + table
                            + " (name text PRIMARY KEY, owner text)"))
            .thenCompose(done -> session.underlying())
            .thenCompose(this::prepare);
    if (!prepared.compareAndSet(null, attempt)) {
      return prepared.get();
    }
    attempt.whenComplete(
        (ok, error) -> {
          if (error != null) {
            prepared.compareAndSet(attempt, null);
          }
        });
    return attempt;
  }

  private CompletionStage<Statements> prepare(CqlSession cql) {
    CompletionStage<PreparedStatement> insert =
        cql.prepareAsync(
            "INSERT INTO " + table + " (name, owner) VALUES (?, ?) IF NOT EXISTS USING TTL ?");
    CompletionStage<PreparedStatement> renew =
        cql.prepareAsync(
            "UPDATE " + table + " USING TTL ? SET owner = ? WHERE name = ? IF owner = ?");
    CompletionStage<PreparedStatement> delete =
        cql.prepareAsync("DELETE FROM " + table + " WHERE name = ? IF owner = ?");
    CompletionStage<PreparedStatement> owners =
        cql.prepareAsync(SimpleStatement.newInstance("SELECT name, owner FROM " + table));
    CompletionStage<PreparedStatement> owner =
        cql.prepareAsync("SELECT owner FROM " + table + " WHERE name = ?");
    return insert.thenCompose(
        i ->
            renew.thenCompose(
                r ->
                    delete.thenCompose(
                        d ->
                            owners.thenCompose(
                                all ->
                                    owner.thenApply(
                                        one -> new Statements(cql, i, r, d, all, one))))));
  }
}
