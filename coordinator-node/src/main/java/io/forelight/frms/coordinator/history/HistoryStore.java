package io.forelight.frms.coordinator.history;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.forelight.frms.coordinator.readings.LostAtSource;
import io.forelight.frms.coordinator.readings.PerSensor;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.coordinator.storage.PartitionBatches;
import io.forelight.frms.coordinator.storage.Statements;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads and writes the history read model ({@link HistorySchema}). Writes are unlogged batches of
 * at most 64 rows, so they stay small on any Cassandra: a small write (a reactor's readings of one
 * sampling interval) packs its sensors' partitions into one or two batches ({@link
 * PartitionBatches}); a large one writes each partition's batches one after another.
 */
public final class HistoryStore {

  private static final int ROWS_PER_BATCH = 64;
  private static final int PAGE_SIZE = 5000;

  private final CassandraSession session;
  private final String keyspace;
  private final CompletionStage<Done> schema;
  private final int retentionSeconds;
  private final Statements statements;

  /** By reactor, then sensor: the latest day noted in {@code sensor_days}. */
  private final Map<String, PerSensor<LocalDate>> latestDayNoted = new ConcurrentHashMap<>();

  /** One object per day for every sensor noted (a day of each sensor of each reactor otherwise). */
  private final Map<LocalDate, LocalDate> days = new ConcurrentHashMap<>();

  private final MinuteStore minutes;

  public HistoryStore(CassandraSession session, String keyspace, CompletionStage<Done> schema) {
    this(session, keyspace, schema, Duration.ZERO);
  }

  /**
   * A store whose raw readings (and lost-at-source rows) expire {@code retention} after they are
   * written (Cassandra TTL); zero keeps them forever.
   */
  public HistoryStore(
      CassandraSession session, String keyspace, CompletionStage<Done> schema, Duration retention) {
    this.session = session;
    this.keyspace = keyspace;
    this.schema = schema;
    this.retentionSeconds = (int) retention.toSeconds();
    this.statements = new Statements(session, keyspace, schema);
    this.minutes = new MinuteStore(this, statements, retentionSeconds);
  }

  /** The per-minute summaries of the readings ({@code readings_by_minute}). */
  public MinuteStore minutes() {
    return minutes;
  }

  /**
   * A stored reading; {@code receivedAtMicros} is when the coordinator received it (0: unknown).
   */
  public record Point(
      long seq,
      long takenAtMicros,
      double value,
      String unit,
      Quality quality,
      String detail,
      long receivedAtMicros,
      int calibration) {}

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  public static LocalDate day(long takenAtMicros) {
    return LocalDate.ofEpochDay(Math.floorDiv(takenAtMicros, MICROS_PER_DAY));
  }

  /** The UTC days from the one holding {@code fromMicros} to the one holding toMicros - 1. */
  static List<LocalDate> daysOf(long fromMicros, long toMicros) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = day(fromMicros); !d.isAfter(day(toMicros - 1)); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  /** Writes readings of one reactor, all of them in their sensor's first sequence. */
  public CompletionStage<Done> write(String reactorId, List<Reading> readings) {
    return write(reactorId, readings, Map.of(), 0);
  }

  /**
   * Writes readings of one reactor, each in its sensor's sequence ({@code sequences}, absent: 1;
   * see SensorLog.ReadingsStored), received by the coordinator at {@code receivedAtMicros} (its
   * clock; 0: unknown); completes when every row is written.
   */
  public CompletionStage<Done> write(
      String reactorId,
      List<Reading> readings,
      Map<String, Integer> sequences,
      long receivedAtMicros) {
    Map<String, List<Reading>> partitions = new LinkedHashMap<>();
    for (Reading reading : readings) {
      partitions
          .computeIfAbsent(
              reading.sensorId() + "|" + day(reading.takenAtMicros()), k -> new ArrayList<>())
          .add(reading);
    }
    List<CompletableFuture<Done>> writes = new ArrayList<>();
    if (readings.size() <= ROWS_PER_BATCH) {
      writes.add(writeSmall(reactorId, sequences, receivedAtMicros, partitions.values()));
    } else {
      for (List<Reading> partition : partitions.values()) {
        writes.add(writePartition(reactorId, sequences, receivedAtMicros, partition));
      }
    }
    for (Reading reading : readings) {
      if (reading.lost() != null) {
        writes.add(
            writeLost(reactorId, reading, sequences.getOrDefault(reading.sensorId(), 1))
                .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(v -> Done.getInstance());
  }

  /**
   * A few readings of several sensors (a reactor's batch at 1 Hz: one reading per sensor) in one or
   * two requests, not one per sensor's partition ({@link PartitionBatches}).
   */
  private CompletableFuture<Done> writeSmall(
      String reactorId,
      Map<String, Integer> sequences,
      long receivedAtMicros,
      Collection<List<Reading>> partitions) {
    CompletableFuture<?>[] days =
        partitions.stream()
            .map(p -> rememberDay(reactorId, p.get(0).sensorId(), day(p.get(0).takenAtMicros())))
            .map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(days)
        .thenCompose(ready -> insertRow())
        .thenCompose(
            insert -> {
              List<List<BoundStatement>> rows = new ArrayList<>();
              for (List<Reading> partition : partitions) {
                rows.add(rows(insert, reactorId, sequences, receivedAtMicros, partition));
              }
              return PartitionBatches.write(session, PartitionBatches.pack(rows, ROWS_PER_BATCH));
            })
        .toCompletableFuture();
  }

  /**
   * Many readings of one partition: batches of it go one after another, so a large write of a busy
   * reactor does not put dozens of statements in flight at once and make every other writer's
   * requests time out.
   */
  private CompletableFuture<Done> writePartition(
      String reactorId,
      Map<String, Integer> sequences,
      long receivedAtMicros,
      List<Reading> partition) {
    Reading first = partition.get(0);
    CompletionStage<Done> written =
        rememberDay(reactorId, first.sensorId(), day(first.takenAtMicros()));
    for (int from = 0; from < partition.size(); from += ROWS_PER_BATCH) {
      List<Reading> chunk =
          partition.subList(from, Math.min(partition.size(), from + ROWS_PER_BATCH));
      written =
          written
              .thenCompose(done -> insertRow())
              .thenCompose(
                  insert ->
                      session.executeWriteBatch(
                          BatchStatement.newInstance(BatchType.UNLOGGED)
                              .addAll(
                                  rows(insert, reactorId, sequences, receivedAtMicros, chunk))));
    }
    return written.toCompletableFuture();
  }

  private CompletionStage<PreparedStatement> insertRow() {
    return statement(
        "INSERT INTO %s.readings_by_day (reactor_id, sensor_id, day, taken_at_micros, seq,"
            + " value, unit, quality, detail, sequence, received_at_micros, calibration)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
  }

  /** The rows of readings of one partition (one sensor, one day). */
  private List<BoundStatement> rows(
      PreparedStatement insert,
      String reactorId,
      Map<String, Integer> sequences,
      long receivedAtMicros,
      List<Reading> partition) {
    LocalDate day = day(partition.get(0).takenAtMicros());
    int sequence = sequences.getOrDefault(partition.get(0).sensorId(), 1);
    List<BoundStatement> rows = new ArrayList<>(partition.size());
    for (Reading r : partition) {
      BoundStatementBuilder row =
          insert.boundStatementBuilder(
              reactorId,
              r.sensorId(),
              day,
              r.takenAtMicros(),
              r.seq(),
              r.value(),
              r.unit(),
              r.quality().name(),
              r.detail(),
              sequence,
              receivedAtMicros,
              r.calibration(),
              retentionSeconds);
      rows.add(withoutDefaults(row, r, sequence).build());
    }
    return rows;
  }

  /**
   * Leaves the cells that hold their default unset (not null: a null written is a tombstone that
   * every read of the partition then skips): most rows then carry value, unit and received_at only,
   * which cuts what Cassandra keeps, flushes and compacts per reading (compaction's cost goes by
   * cells). Reads take an absent cell as its default ({@link #point}, {@link #sequenceOf}).
   */
  private static BoundStatementBuilder withoutDefaults(
      BoundStatementBuilder row, Reading reading, int sequence) {
    if (reading.quality() == Quality.GOOD) {
      row.unset("quality");
    }
    if (reading.detail() == null || reading.detail().isEmpty()) {
      row.unset("detail");
    }
    if (sequence == 1) {
      row.unset("sequence");
    }
    if (reading.calibration() == 0) {
      row.unset("calibration");
    }
    return row;
  }

  private CompletionStage<Done> writeLost(String reactorId, Reading reading, int sequence) {
    LostAtSource lost = reading.lost();
    return statement(
            "INSERT INTO %s.lost_at_source (reactor_id, sensor_id, seq, from_micros, to_micros,"
                + " count, reason, sequence, through_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " USING TTL ?")
        .thenCompose(
            insert ->
                session.executeWrite(
                    insert.bind(
                        reactorId,
                        reading.sensorId(),
                        reading.seq(),
                        lost.fromMicros(),
                        lost.toMicros(),
                        lost.count(),
                        lost.reason(),
                        sequence,
                        lost.throughSeq(),
                        retentionSeconds)));
  }

  /** A range of lost readings in the sensor's sequence {@code sequence}. */
  public record StoredLost(int sequence, Completeness.LostRange range) {}

  /** The ranges of readings this sensor's reactor could not keep, by sequence number. */
  public Source<StoredLost, NotUsed> lostAtSource(String reactorId, String sensorId) {
    return Source.completionStage(
            statement(
                "SELECT seq, from_micros, to_micros, count, reason, sequence, through_seq"
                    + " FROM %s.lost_at_source"
                    + " WHERE reactor_id = ? AND sensor_id = ?"))
        .flatMapConcat(
            select -> session.select(select.bind(reactorId, sensorId).setPageSize(PAGE_SIZE)))
        .map(
            row ->
                new StoredLost(
                    sequenceOf(row),
                    new Completeness.LostRange(
                        row.getLong("seq"),
                        new LostAtSource(
                            row.getLong("from_micros"),
                            row.getLong("to_micros"),
                            row.getLong("count"),
                            row.getString("reason"),
                            row.getLong("through_seq")))));
  }

  /**
   * Notes in {@code sensor_days} that the sensor has readings on {@code day}, once per sensor and
   * day: only each sensor's latest day noted is remembered, so what this node keeps is bounded by
   * the sensors it writes, not by the days it runs (readings of an older day, rare, note it again:
   * the insert is idempotent).
   */
  private CompletionStage<Done> rememberDay(String reactorId, String sensorId, LocalDate day) {
    PerSensor<LocalDate> noted = latestDayNoted.computeIfAbsent(reactorId, id -> new PerSensor<>());
    synchronized (noted) {
      if (day.equals(noted.get(sensorId))) {
        return CompletableFuture.completedFuture(Done.getInstance());
      }
    }
    return statement("INSERT INTO %s.sensor_days (reactor_id, sensor_id, day) VALUES (?, ?, ?)")
        .thenCompose(insert -> session.executeWrite(insert.bind(reactorId, sensorId, day)))
        .thenApply(
            done -> {
              synchronized (noted) {
                LocalDate before = noted.get(sensorId);
                if (before == null || day.isAfter(before)) {
                  noted.put(sensorId, shared(day));
                }
              }
              return done;
            });
  }

  private LocalDate shared(LocalDate day) {
    if (days.size() > 64) { // the newest days are the ones noted: the rest may go
      days.clear();
    }
    return days.computeIfAbsent(day, d -> d);
  }

  /**
   * Lets go of what this node remembers of the reactor's writes (its history writer stopped: the
   * reactor moved to another node or left the fleet); a writer here again notes its days again.
   */
  public void forget(String reactorId) {
    latestDayNoted.remove(reactorId);
  }

  /** The latest stored range of a sensor's sequence, if it has one. */
  public CompletionStage<Optional<StoredRange>> latestRange(
      String reactorId, String sensorId, int sequence) {
    return statement(
            "SELECT from_seq, to_seq, rows FROM %s.stored_ranges WHERE reactor_id = ?"
                + " AND sensor_id = ? AND sequence = ? ORDER BY sequence DESC, from_seq DESC"
                + " LIMIT 1")
        .thenCompose(select -> session.selectOne(select.bind(reactorId, sensorId, sequence)))
        .thenApply(
            row ->
                row.map(
                    r ->
                        new StoredRange(
                            sensorId,
                            sequence,
                            r.getLong("from_seq"),
                            r.getLong("to_seq"),
                            r.getLong("rows"))));
  }

  /** Saves ranges (whole: each row says all it holds, so a write again changes nothing). */
  public CompletionStage<Done> saveRanges(String reactorId, List<StoredRange> ranges) {
    if (ranges.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return statement(
            "INSERT INTO %s.stored_ranges (reactor_id, sensor_id, sequence, from_seq, to_seq, rows)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .thenCompose(
            insert -> {
              List<List<BoundStatement>> rows = new ArrayList<>();
              for (StoredRange r : ranges) {
                rows.add(
                    List.of(
                        insert.bind(
                            reactorId,
                            r.sensorId(),
                            r.sequence(),
                            r.fromSeq(),
                            r.toSeq(),
                            r.rows())));
              }
              return PartitionBatches.write(session, PartitionBatches.pack(rows, ROWS_PER_BATCH));
            });
  }

  /** Every stored range of the sensor, all sequences, in order. */
  public CompletionStage<List<StoredRange>> ranges(String reactorId, String sensorId) {
    return statement(
            "SELECT sequence, from_seq, to_seq, rows FROM %s.stored_ranges"
                + " WHERE reactor_id = ? AND sensor_id = ?")
        .thenCompose(select -> session.selectAll(select.bind(reactorId, sensorId)))
        .thenApply(
            rows ->
                rows.stream()
                    .map(
                        r ->
                            new StoredRange(
                                sensorId,
                                r.getInt("sequence"),
                                r.getLong("from_seq"),
                                r.getLong("to_seq"),
                                r.getLong("rows")))
                    .toList());
  }

  /** The last SensorLog journal sequence number written for this reactor (0 if none). */
  public CompletionStage<Long> offset(String reactorId) {
    return statement("SELECT journal_seq FROM %s.history_offsets WHERE reactor_id = ?")
        .thenCompose(select -> session.selectOne(select.bind(reactorId)))
        .thenApply(row -> row.map(r -> r.getLong("journal_seq")).orElse(0L));
  }

  public CompletionStage<Done> saveOffset(String reactorId, long journalSeq) {
    return statement("INSERT INTO %s.history_offsets (reactor_id, journal_seq) VALUES (?, ?)")
        .thenCompose(insert -> session.executeWrite(insert.bind(reactorId, journalSeq)));
  }

  /** Whether any reading of this reactor was ever stored (its history has an offset). */
  public CompletionStage<Boolean> holdsReadingsOf(String reactorId) {
    return offset(reactorId).thenApply(offset -> offset > 0);
  }

  /** Every reactor with stored readings: one row per reactor ever stored, in the fleet or not. */
  public CompletionStage<Set<String>> reactorsWithReadings() {
    return statement("SELECT reactor_id FROM %s.history_offsets")
        .thenCompose(select -> session.selectAll(select.bind()))
        .thenApply(
            rows ->
                rows.stream()
                    .map(r -> r.getString("reactor_id"))
                    .collect(Collectors.toUnmodifiableSet()));
  }

  /** The days that hold readings of the sensor, oldest first. */
  public CompletionStage<List<LocalDate>> days(String reactorId, String sensorId) {
    return statement("SELECT day FROM %s.sensor_days WHERE reactor_id = ? AND sensor_id = ?")
        .thenCompose(select -> session.selectAll(select.bind(reactorId, sensorId)))
        .thenApply(rows -> rows.stream().map(r -> r.getLocalDate("day")).sorted().toList());
  }

  /** The sensor's points with fromMicros <= time < toMicros, in time order, page by page. */
  public Source<Point, NotUsed> points(
      String reactorId, String sensorId, long fromMicros, long toMicros) {
    return Source.from(daysOf(fromMicros, toMicros))
        .flatMapConcat(
            day ->
                Source.completionStage(
                        statement(
                            "SELECT seq, taken_at_micros, value, unit, quality, detail,"
                                + " received_at_micros, calibration"
                                + " FROM %s.readings_by_day WHERE reactor_id = ? AND sensor_id = ?"
                                + " AND day = ? AND taken_at_micros >= ? AND taken_at_micros < ?"))
                    .flatMapConcat(
                        select ->
                            session.select(
                                select
                                    .bind(reactorId, sensorId, day, fromMicros, toMicros)
                                    .setPageSize(PAGE_SIZE))))
        .map(HistoryStore::point);
  }

  /** A stored reading's number, in its sensor's sequence {@code sequence}. */
  public record StoredSeq(long seq, int sequence) {}

  /** Every stored sequence number of the sensor, day by day. */
  public Source<StoredSeq, NotUsed> seqs(String reactorId, String sensorId) {
    return Source.completionStage(days(reactorId, sensorId))
        .mapConcat(days -> days)
        .flatMapConcat(
            day ->
                Source.completionStage(
                        statement(
                            "SELECT seq, sequence FROM %s.readings_by_day"
                                + " WHERE reactor_id = ? AND sensor_id = ? AND day = ?"))
                    .flatMapConcat(
                        select ->
                            session.select(
                                select.bind(reactorId, sensorId, day).setPageSize(PAGE_SIZE))))
        .map(row -> new StoredSeq(row.getLong("seq"), sequenceOf(row)));
  }

  private static int sequenceOf(Row row) {
    return row.isNull("sequence") ? 1 : row.getInt("sequence");
  }

  private static Point point(Row row) {
    return new Point(
        row.getLong("seq"),
        row.getLong("taken_at_micros"),
        row.getDouble("value"),
        row.getString("unit"),
        row.isNull("quality") ? Quality.GOOD : Quality.valueOf(row.getString("quality")),
        row.isNull("detail") ? "" : row.getString("detail"),
        row.isNull("received_at_micros") ? 0 : row.getLong("received_at_micros"),
        row.isNull("calibration") ? 0 : row.getInt("calibration"));
  }

  private CompletionStage<PreparedStatement> statement(String cql) {
    return statements.get(cql);
  }
}
