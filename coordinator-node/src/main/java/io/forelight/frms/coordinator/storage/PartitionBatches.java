package io.forelight.frms.coordinator.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Small writes of several partitions packed into few unlogged batches: a reactor's 8 sensors
 * storing one reading each used to cost 8 requests per table (one per sensor's partition), 25 per
 * second per reactor for the history alone; packed, 3. Each request costs Cassandra and the driver
 * far more than the row it carries, so at 1,000 reactors with small batches this is most of the
 * storage work. A batch holds at most {@link #MAX_PARTITIONS} partitions (Cassandra warns past 10:
 * {@code unlogged_batch_across_partitions_warn_threshold}) and {@code maxRows} rows; a partition's
 * rows that do not fit go in batches of their own. The rows must be idempotent (an unlogged batch
 * is not atomic; a failed one is written again whole).
 */
public final class PartitionBatches {

  public static final int MAX_PARTITIONS = 10;

  private PartitionBatches() {}

  /** {@code partitions}: the rows of each partition. */
  public static List<BatchStatement> pack(
      Collection<? extends List<? extends BatchableStatement<?>>> partitions, int maxRows) {
    List<BatchStatement> batches = new ArrayList<>();
    List<BatchableStatement<?>> current = new ArrayList<>();
    int partitionsInCurrent = 0;
    for (List<? extends BatchableStatement<?>> rows : partitions) {
      if (rows.isEmpty()) {
        continue;
      }
      if (rows.size() > maxRows) {
        for (int from = 0; from < rows.size(); from += maxRows) {
          batches.add(batch(rows.subList(from, Math.min(rows.size(), from + maxRows))));
        }
        continue;
      }
      if (current.size() + rows.size() > maxRows || partitionsInCurrent == MAX_PARTITIONS) {
        batches.add(batch(current));
        current = new ArrayList<>();
        partitionsInCurrent = 0;
      }
      current.addAll(rows);
      partitionsInCurrent++;
    }
    if (!current.isEmpty()) {
      batches.add(batch(current));
    }
    return batches;
  }

  /** Writes the batches at once; completes when all are written. */
  public static CompletionStage<Done> write(
      CassandraSession session, List<BatchStatement> batches) {
    CompletableFuture<?>[] writes =
        batches.stream()
            .map(batch -> session.executeWriteBatch(batch).toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(writes).thenApply(v -> Done.getInstance());
  }

  private static BatchStatement batch(List<? extends BatchableStatement<?>> rows) {
    return BatchStatement.newInstance(BatchType.UNLOGGED).addAll(List.copyOf(rows));
  }
}
