package io.forelight.frms.coordinator.history;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.forelight.frms.coordinator.storage.PartitionBatches;
import io.forelight.frms.coordinator.storage.Statements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The {@code readings_by_minute} table: one {@link Minute} per sensor and UTC minute, partitioned
 * like the readings (reactor, sensor, day), expiring with them. Rows are whole (a minute written
 * again replaces itself), so saving is idempotent.
 */
public final class MinuteStore {

  private static final int PAGE_SIZE = 5000;
  private static final int ROWS_PER_BATCH = 64;

  private final HistoryStore readings;
  private final Statements statements;
  private final int retentionSeconds;

  MinuteStore(HistoryStore readings, Statements statements, int retentionSeconds) {
    this.readings = readings;
    this.statements = statements;
    this.retentionSeconds = retentionSeconds;
  }

  /** Saves minutes of one reactor, packed into few unlogged batches ({@link PartitionBatches}). */
  public CompletionStage<Done> save(String reactorId, List<Minute> minutes) {
    if (minutes.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    Map<String, List<Minute>> partitions = new LinkedHashMap<>();
    for (Minute minute : minutes) {
      partitions
          .computeIfAbsent(
              minute.sensorId() + "|" + HistoryStore.day(minute.startMicros()),
              k -> new ArrayList<>())
          .add(minute);
    }
    return statements
        .get(
            "INSERT INTO %s.readings_by_minute (reactor_id, sensor_id, day, minute_micros,"
                + " count, bad, min, max, sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?")
        .thenCompose(
            insert -> {
              List<List<BoundStatement>> rows = new ArrayList<>();
              for (List<Minute> partition : partitions.values()) {
                List<BoundStatement> partitionRows = new ArrayList<>();
                for (Minute m : partition) {
                  partitionRows.add(
                      insert.bind(
                          reactorId,
                          m.sensorId(),
                          HistoryStore.day(m.startMicros()),
                          m.startMicros(),
                          m.count(),
                          m.bad(),
                          m.min(),
                          m.max(),
                          m.sum(),
                          retentionSeconds));
                }
                rows.add(partitionRows);
              }
              return PartitionBatches.write(
                  statements.session(), PartitionBatches.pack(rows, ROWS_PER_BATCH));
            });
  }

  /** Counts a minute again from its stored readings and saves it. */
  public CompletionStage<Done> recount(
      String reactorId, MinuteBook.SensorMinute minute, ActorSystem<?> system) {
    HistoryWork.get(system).recounted();
    Minute.Tally tally = new Minute.Tally(minute.sensorId(), minute.startMicros());
    return countAndSave(
        reactorId, tally, minute.startMicros() + Minute.MICROS, point -> true, system);
  }

  /**
   * Completes a minute the book tallied from its first reading on with the stored readings before
   * that one (none, for a reactor's first minute), and saves it.
   */
  CompletionStage<Done> complete(
      String reactorId, MinuteBook.Partial partial, ActorSystem<?> system) {
    Minute tallied = partial.tallied();
    Minute.Tally tally = new Minute.Tally(tallied.sensorId(), tallied.startMicros());
    tally.add(tallied);
    return countAndSave(
        reactorId,
        tally,
        partial.firstMicros() + 1,
        point -> !partial.tallied(point.takenAtMicros(), point.seq()),
        system);
  }

  /** Adds the stored readings of the tally's minute before {@code toMicros} that count. */
  private CompletionStage<Done> countAndSave(
      String reactorId,
      Minute.Tally tally,
      long toMicros,
      Predicate<HistoryStore.Point> counts,
      ActorSystem<?> system) {
    return readings
        .points(reactorId, tally.sensorId(), tally.startMicros(), toMicros)
        .filter(counts::test)
        .runForeach(point -> tally.add(point.value()), system)
        .thenCompose(
            done -> {
              Minute counted = tally.result();
              return counted.count() + counted.bad() == 0
                  ? CompletableFuture.completedFuture(Done.getInstance())
                  : save(reactorId, List.of(counted));
            });
  }

  /**
   * Saves the closed minutes, then completes or recounts the others one after another (each reads
   * stored rows, while the write holds its turn at the node's write gate).
   */
  public CompletionStage<Done> save(
      String reactorId, MinuteBook.Rollup rollup, ActorSystem<?> system) {
    CompletionStage<Done> done = save(reactorId, rollup.closed());
    for (MinuteBook.Partial partial : rollup.partial()) {
      done = done.thenCompose(saved -> complete(reactorId, partial, system));
    }
    for (MinuteBook.SensorMinute minute : rollup.recount()) {
      done = done.thenCompose(saved -> recount(reactorId, minute, system));
    }
    return done;
  }

  /** The sensor's stored minutes starting at fromMicros <= start < toMicros, in time order. */
  public Source<Minute, NotUsed> minutes(
      String reactorId, String sensorId, long fromMicros, long toMicros) {
    return Source.from(HistoryStore.daysOf(fromMicros, toMicros))
        .flatMapConcat(
            day ->
                Source.completionStage(
                        statements.get(
                            "SELECT minute_micros, count, bad, min, max, sum"
                                + " FROM %s.readings_by_minute WHERE reactor_id = ?"
                                + " AND sensor_id = ? AND day = ? AND minute_micros >= ?"
                                + " AND minute_micros < ?"))
                    .flatMapConcat(
                        select ->
                            statements
                                .session()
                                .select(
                                    select
                                        .bind(reactorId, sensorId, day, fromMicros, toMicros)
                                        .setPageSize(PAGE_SIZE))))
        .map(
            row ->
                new Minute(
                    sensorId,
                    row.getLong("minute_micros"),
                    row.getLong("count"),
                    row.getLong("bad"),
                    row.getDouble("min"),
                    row.getDouble("max"),
                    row.getDouble("sum")));
  }
}
