package io.forelight.frms.coordinator.history;

import com.typesafe.config.Config;
import io.forelight.frms.coordinator.storage.Keyspace;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * The read-model tables, created on first start beside the journal's (same keyspace, same
 * replication):
 *
 * <ul>
 *   <li>{@code readings_by_day}: every stored reading, partitioned by reactor, sensor and UTC day
 *       of its reactor timestamp, ordered by time then sequence number; a reading written twice is
 *       the same row (idempotent by (reactor, sensor, seq) and its time).
 *   <li>{@code readings_by_minute}: per sensor and UTC minute, the count, min, max and sum of its
 *       readings ({@link Minute}), kept by the history writer ({@link MinuteBook}).
 *   <li>{@code sensor_days}: which days hold readings of a sensor.
 *   <li>{@code history_offsets}: per reactor, the last SensorLog journal event written to them.
 *   <li>{@code fleet_identity}: the fleet's id, made once (see FleetIdentity).
 *   <li>{@code lost_at_source}: per sensor, the sequence numbers that stand for readings the
 *       reactor could not keep (its log was full), with how many, when and why.
 * </ul>
 *
 * <p>Rows of both reading tables say which of the sensor's sequences they are in ({@code sequence}:
 * a new reactor log incarnation starts a new one; null means 1).
 */
public final class HistorySchema {

  private HistorySchema() {}

  /** Creates keyspace and tables if missing; the replication comes from the journal's config. */
  public static CompletionStage<Done> create(
      CassandraSession session, String keyspace, Config journal) {
    return create(session, keyspace, journal, List.of());
  }

  /**
   * As {@link #create(CassandraSession, String, Config)}, first running {@code pluginTables} (the
   * persistence plugin's own CREATE TABLE IF NOT EXISTS statements). The plugin creates its tables
   * once, at start; when that one try times out (three coordinators creating a fresh keyspace at
   * once through a slow network did) every write fails with "table ... does not exist" for good.
   * This creation is retried until it succeeds, so the tables come anyway.
   */
  public static CompletionStage<Done> create(
      CassandraSession session, String keyspace, Config journal, List<String> pluginTables) {
    List<String> ours =
        List.of(
            "CREATE TABLE IF NOT EXISTS "
                + keyspace
                + ".readings_by_day ("
                + "reactor_id text, sensor_id text, day date, taken_at_micros bigint, seq bigint,"
                + " value double, unit text, quality text, detail text, sequence int,"
                + " received_at_micros bigint, calibration int,"
                + " PRIMARY KEY ((reactor_id, sensor_id, day), taken_at_micros, seq))",
            "CREATE TABLE IF NOT EXISTS "
                + keyspace
                + ".readings_by_minute ("
                + "reactor_id text, sensor_id text, day date, minute_micros bigint, count bigint,"
                + " bad bigint, min double, max double, sum double,"
                + " PRIMARY KEY ((reactor_id, sensor_id, day), minute_micros))",
            "CREATE TABLE IF NOT EXISTS "
                + keyspace
                + ".sensor_days (reactor_id text, sensor_id text, day date,"
                + " PRIMARY KEY ((reactor_id, sensor_id), day))",
            "CREATE TABLE IF NOT EXISTS "
                + keyspace
                + ".history_offsets (reactor_id text PRIMARY KEY, journal_seq bigint)",
            "CREATE TABLE IF NOT EXISTS "
                + keyspace
                + ".lost_at_source (reactor_id text, sensor_id text, seq bigint,"
                + " from_micros bigint, to_micros bigint, count bigint, reason text, sequence int,"
                + " through_seq bigint,"
                + " PRIMARY KEY ((reactor_id, sensor_id), seq))",
            "CREATE TABLE IF NOT EXISTS "
                + keyspace
                + ".fleet_identity (name text PRIMARY KEY, fleet_id text)",
            "CREATE TABLE IF NOT EXISTS "
                + keyspace
                + ".stored_ranges (reactor_id text, sensor_id text, sequence int, from_seq bigint,"
                + " to_seq bigint, rows bigint,"
                + " PRIMARY KEY ((reactor_id, sensor_id), sequence, from_seq))",
            // for tables made before these columns (no schema change when they are there):
            // which of the sensor's sequences a row is in (null: 1)
            "ALTER TABLE " + keyspace + ".readings_by_day ADD IF NOT EXISTS sequence int",
            "ALTER TABLE " + keyspace + ".lost_at_source ADD IF NOT EXISTS sequence int",
            // the last sequence number a lost range stands for (null: only its own)
            "ALTER TABLE " + keyspace + ".lost_at_source ADD IF NOT EXISTS through_seq bigint",
            // when the coordinator received the reading, on its clock (the reactor's may be off)
            "ALTER TABLE "
                + keyspace
                + ".readings_by_day ADD IF NOT EXISTS received_at_micros bigint",
            // the probe's calibration version when the reading was taken (null: 0, none)
            "ALTER TABLE " + keyspace + ".readings_by_day ADD IF NOT EXISTS calibration int");
    List<String> statements = new java.util.ArrayList<>(pluginTables);
    statements.addAll(ours);
    CompletionStage<Done> done = Keyspace.create(session, keyspace, journal);
    for (String statement : statements) {
      done = done.thenCompose(ignored -> session.executeDDL(statement));
    }
    return done;
  }
}
