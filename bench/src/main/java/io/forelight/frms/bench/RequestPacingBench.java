package io.forelight.frms.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.forelight.frms.devkit.cassandra.CassandraSettings;
import io.forelight.frms.devkit.cassandra.EmbeddedCassandra;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the same requests cost Cassandra's CPU when they come one by one, evenly spread, versus in
 * one burst per interval: a node's lease renewals (lightweight transactions, one per lease every
 * {@code interval-ms}) and the same number of plain updates. Cassandra's request threads spin for a
 * while between requests, so a trickle costs it far more per request than a burst.
 */
final class RequestPacingBench {

  private RequestPacingBench() {}

  static void run(Bench.Options options) throws Exception {
    int rows = options.integer("leases", 200);
    int intervalMs = options.integer("interval-ms", 1500);
    int seconds = options.integer("seconds", 60);
    Path dir = Files.createTempDirectory("frms-pacing");
    CassandraSettings free = CassandraSettings.withFreePorts(dir);
    CassandraSettings settings =
        new CassandraSettings(
            free.dataDir(),
            free.cqlPort(),
            free.storagePort(),
            options.integer("cassandra-heap-mb", 2048));
    Report report =
        new Report(
            "request-pacing",
            "Cassandra CPU for "
                + rows
                + " requests every "
                + intervalMs
                + " ms, spread evenly or in one burst");
    try (EmbeddedCassandra cassandra = EmbeddedCassandra.start(settings);
        CqlSession session =
            CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.cqlPort()))
                .withLocalDatacenter("datacenter1")
                .build()) {
      session.execute(
          "CREATE KEYSPACE pacing WITH replication = {'class': 'SimpleStrategy',"
              + " 'replication_factor': 1}");
      session.execute("CREATE TABLE pacing.leases (name text PRIMARY KEY, owner text)");
      for (int i = 0; i < rows; i++) {
        session.execute("INSERT INTO pacing.leases (name, owner) VALUES ('l" + i + "', 'me')");
      }
      PreparedStatement lwt =
          session.prepare("UPDATE pacing.leases SET owner = ? WHERE name = ? IF owner = ?");
      PreparedStatement plain =
          session.prepare("UPDATE pacing.leases SET owner = ? WHERE name = ?");
      System.out.println("warming up for " + seconds + " s");
      measure(session, cassandra.pid(), rows, intervalMs, seconds, false, lwt);
      for (int round = 1; round <= 2; round++) {
        for (boolean burst : new boolean[] {false, true}) {
          for (PreparedStatement statement : new PreparedStatement[] {lwt, plain}) {
            double cores =
                measure(session, cassandra.pid(), rows, intervalMs, seconds, burst, statement);
            String name =
                (statement == lwt ? "lightweight transactions" : "plain updates")
                    + (burst ? ", one burst per interval" : ", spread evenly")
                    + " (round "
                    + round
                    + ")";
            System.out.printf("%s: Cassandra %.3f cores%n", name, cores);
            report.add(name, cores * 1000, "millicores");
          }
        }
      }
    }
    report.publish(options);
  }

  private static double measure(
      CqlSession session,
      long pid,
      int rows,
      int intervalMs,
      int seconds,
      boolean burst,
      PreparedStatement statement)
      throws InterruptedException {
    boolean conditional = statement.getQuery().contains(" IF ");
    AtomicLong sent = new AtomicLong();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    Runnable one =
        () -> {
          String name = "l" + Math.floorMod(sent.getAndIncrement(), rows);
          session.executeAsync(
              conditional ? statement.bind("me", name, "me") : statement.bind("me", name));
        };
    if (burst) {
      timer.scheduleAtFixedRate(
          () -> {
            for (int i = 0; i < rows; i++) {
              one.run();
            }
          },
          0,
          intervalMs,
          TimeUnit.MILLISECONDS);
    } else {
      timer.scheduleAtFixedRate(one, 0, intervalMs * 1000L / rows, TimeUnit.MICROSECONDS);
    }
    double before = BenchFleet.cpuSeconds(pid);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double cores = (BenchFleet.cpuSeconds(pid) - before) / ((System.nanoTime() - start) / 1e9);
    timer.shutdownNow();
    Thread.sleep(2000); // the last requests answered before the next measurement
    return cores;
  }
}
