package io.forelight.frms.coordinator.storage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Prepared statements of one keyspace, each prepared once its tables exist ({@code schema}) and
 * kept; a statement that failed to prepare is prepared again at its next use. CQL names the
 * keyspace as {@code %s}.
 */
public final class Statements {

  private final CassandraSession session;
  private final String keyspace;
  private final CompletionStage<Done> schema;
  private final Map<String, CompletionStage<PreparedStatement>> prepared =
      new ConcurrentHashMap<>();

  public Statements(CassandraSession session, String keyspace, CompletionStage<Done> schema) {
    this.session = session;
    this.keyspace = keyspace;
    this.schema = schema;
  }

  public CassandraSession session() {
    return session;
  }

  public String keyspace() {
    return keyspace;
  }

  /** Completes when the tables are there. */
  public CompletionStage<Done> schema() {
    return schema;
  }

  /** Runs a lightweight transaction ({@code IF ...}); true if it was applied. */
  public CompletionStage<Boolean> applied(Statement<?> statement) {
    return session
        .underlying()
        .thenCompose(cql -> cql.executeAsync(statement))
        .thenApply(AsyncResultSet::wasApplied);
  }

  /** Prepares {@code cql} (once) and writes with {@code values} bound. */
  public CompletionStage<Done> write(String cql, Object... values) {
    return get(cql).thenCompose(statement -> session.executeWrite(statement.bind(values)));
  }

  public CompletionStage<PreparedStatement> get(String cql) {
    CompletionStage<PreparedStatement> statement =
        prepared.computeIfAbsent(
            cql, q -> schema.thenCompose(ready -> session.prepare(String.format(q, keyspace))));
    statement.whenComplete(
        (ok, error) -> {
          if (error != null) {
            prepared.remove(cql, statement);
          }
        });
    return statement;
  }
}
