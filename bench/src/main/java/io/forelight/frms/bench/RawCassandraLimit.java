package io.forelight.frms.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The physical limit FRMS is compared with: the rows FRMS's history holds (one per reading, in a
 * table shaped like {@code readings_by_day}) written straight into the same Cassandra by a minimal
 * client, as fast as the driver allows — unlogged batches of one partition each, many in flight.
 */
final class RawCassandraLimit {

  private static final int BATCH_ROWS = 100;
  private static final int IN_FLIGHT = 64;

  private RawCassandraLimit() {}

  /** Writes for {@code seconds} after a 10-second warm-up; returns rows per second. */
  static double measure(String contactPoint, int partitions, int seconds) throws Exception {
    String[] hostPort = contactPoint.split(":");
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                    .build())
            .build()) {
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS frms_raw WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      session.execute(
          "CREATE TABLE IF NOT EXISTS frms_raw.readings_by_day (reactor_id text, sensor_id text,"
              + " day date, taken_at_micros bigint, seq bigint, value double, unit text,"
              + " quality text, detail text,"
              + " PRIMARY KEY ((reactor_id, sensor_id, day), taken_at_micros, seq))");
      PreparedStatement insert =
          session.prepare(
              "INSERT INTO frms_raw.readings_by_day (reactor_id, sensor_id, day, taken_at_micros,"
                  + " seq, value, unit, quality, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      AtomicLong written = new AtomicLong();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Semaphore inFlight = new Semaphore(IN_FLIGHT);
      long[] seqs = new long[partitions];
      long warmUpEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      long ends = warmUpEnds + TimeUnit.SECONDS.toNanos(seconds);
      long countedFrom = -1;
      for (int p = 0; System.nanoTime() < ends; p = (p + 1) % partitions) {
        if (countedFrom < 0 && System.nanoTime() >= warmUpEnds) {
          countedFrom = written.get();
        }
        if (failure.get() != null) {
          throw new IllegalStateException("raw write failed: " + failure.get(), failure.get());
        }
        inFlight.acquire();
        session
            .executeAsync(batch(insert, p, seqs))
            .whenComplete(
                (result, error) -> {
                  if (error != null) {
                    failure.compareAndSet(null, error);
                  } else {
                    written.addAndGet(BATCH_ROWS);
                  }
                  inFlight.release();
                });
      }
      inFlight.acquire(IN_FLIGHT);
      return (written.get() - countedFrom) / ((System.nanoTime() - warmUpEnds) / 1e9);
    }
  }

  private static BatchStatement batch(PreparedStatement insert, int partition, long[] seqs) {
    long nowMicros = System.currentTimeMillis() * 1000;
    LocalDate day = LocalDate.now(ZoneOffset.UTC);
    List<BatchableStatement<?>> rows = new ArrayList<>(BATCH_ROWS);
    for (int i = 0; i < BATCH_ROWS; i++) {
      long seq = ++seqs[partition];
      rows.add(
          insert.bind(
              "raw-" + partition / 8,
              "s" + partition % 8,
              day,
              nowMicros + i,
              seq,
              20.0 + seq % 100 / 10.0,
              "degC",
              "GOOD",
              ""));
    }
    return BatchStatement.newInstance(BatchType.UNLOGGED).addAll(rows);
  }
}
