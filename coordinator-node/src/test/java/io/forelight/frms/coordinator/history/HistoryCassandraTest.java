package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import io.forelight.frms.coordinator.Guardian;
import io.forelight.frms.coordinator.TestConfigs;
import io.forelight.frms.coordinator.readings.LostAtSource;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.Statements;
import io.forelight.frms.coordinator.storage.WriteGate;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The history read model on the real Cassandra: store, projection, queries. */
@ExtendWith({CassandraExtension.class, LogCapturingExtension.class})
class HistoryCassandraTest {

  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long MIDNIGHT = 1_764_028_800_000_000L; // 2025-11-25T00:00:00Z
  private static ActorTestKit testKit;
  private static HistoryStore store;
  private static Statements statements;

  @BeforeAll
  static void start(TestCassandra cassandra) {
    Config config = TestConfigs.cassandra(cassandra);
    testKit = ActorTestKit.create("history", config);
    statements = Guardian.statements(testKit.system());
    store = Guardian.historyStore(testKit.system(), statements);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Reading reading(String sensor, long seq, long atMicros) {
    return new Reading(
        sensor, seq, atMicros, seq * 0.5, "°C", seq % 10 == 0 ? Quality.BAD : Quality.GOOD, "");
  }

  /**
   * The sensor's stored minutes from MIDNIGHT to {@code toMicros} (empty if they cannot be read).
   */
  private static List<Minute> minutes(String reactor, String sensor, long toMicros) {
    try {
      return await(
          store
              .minutes()
              .minutes(reactor, sensor, MIDNIGHT, toMicros)
              .runWith(Sink.seq(), testKit.system()));
    } catch (Exception e) {
      return List.of();
    }
  }

  /** A SensorLog of {@code reactor} with its history writer, as the node runs it. */
  private static ActorRef<SensorLog.Command> projectedLog(String reactor) {
    return projectedLog(reactor, testKit, store);
  }

  private static ActorRef<SensorLog.Command> projectedLog(
      String reactor, ActorTestKit kit, HistoryStore history) {
    CassandraReadJournal journal =
        PersistenceQuery.get(kit.system())
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    return kit.spawn(
        SensorLog.create(
            reactor,
            new SensorLog.Listeners(
                id -> HistoryWriter.start(id, history, journal, kit.system()), (id, r) -> {})));
  }

  /** How many rows of the reactor's "ph" sensor the read model holds. */
  private static int storedSeqs(String reactor) throws Exception {
    return storedSeqs(reactor, testKit, store);
  }

  private static int storedSeqs(String reactor, ActorTestKit kit, HistoryStore history)
      throws Exception {
    return await(history.seqs(reactor, "ph").runWith(Sink.seq(), kit.system())).size();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void storesReadingsLostAtSourceBesideTheBadReadingThatStandsForThem() throws Exception {
    LostAtSource lost = new LostAtSource(MIDNIGHT, MIDNIGHT + 4_000_000L, 5, "disk full");
    Reading range =
        new Reading(
            "t", 2, MIDNIGHT, Double.NaN, "", Quality.BAD, "lost at source: 5 (disk full)", lost);
    List<Reading> readings = List.of(reading("t", 1, MIDNIGHT - 1), range);
    await(store.write("r-lost", readings));
    await(store.write("r-lost", readings)); // written again after a handover: counted once

    List<HistoryStore.StoredLost> ranges =
        await(store.lostAtSource("r-lost", "t").runWith(Sink.seq(), testKit.system()));
    assertEquals(
        List.of(new HistoryStore.StoredLost(1, new Completeness.LostRange(2, lost))), ranges);
    assertEquals(
        List.of(new HistoryStore.StoredSeq(1, 1), new HistoryStore.StoredSeq(2, 1)),
        await(store.seqs("r-lost", "t").runWith(Sink.seq(), testKit.system())));
    assertEquals(
        List.of(),
        await(store.lostAtSource("r-lost", "other").runWith(Sink.seq(), testKit.system())));
  }

  @Test
  void keepsTheCalibrationVersionDetailAndQualityOfEachReadingAndTheirDefaults() throws Exception {
    Reading before = reading("ph", 1, MIDNIGHT + 1_000_000L); // defaults: left unset in the row
    Reading after =
        new Reading(
            "ph", 2, MIDNIGHT + 2_000_000L, 7.0, "pH", Quality.GOOD, "probe replaced", null, 3);
    Reading bad = reading("ph", 10, MIDNIGHT + 3_000_000L);
    await(store.write("r-cal", List.of(before, after, bad)));
    List<HistoryStore.Point> points =
        await(
            store
                .points("r-cal", "ph", MIDNIGHT, MIDNIGHT + DAY_MICROS)
                .runWith(Sink.seq(), testKit.system()));
    assertEquals(List.of(0, 3, 0), points.stream().map(HistoryStore.Point::calibration).toList());
    assertEquals(
        List.of("", "probe replaced", ""),
        points.stream().map(HistoryStore.Point::detail).toList());
    assertEquals(
        List.of(Quality.GOOD, Quality.GOOD, Quality.BAD),
        points.stream().map(HistoryStore.Point::quality).toList());
    assertEquals(
        List.of("1:", "2: detail=probe replaced calibration=3", "10: quality=BAD"),
        storedCells("r-cal", "ph"));
  }

  /**
   * Per row of the sensor's first day, "seq:" followed by the cells of quality, detail, calibration
   * and sequence that were written (a cell left at its default is not there).
   */
  private static List<String> storedCells(String reactor, String sensor) throws Exception {
    String cql =
        "SELECT seq, quality, detail, calibration, sequence FROM %s.readings_by_day"
            + " WHERE reactor_id = ? AND sensor_id = ? AND day = ?";
    List<Row> rows =
        await(
            statements
                .get(cql)
                .thenCompose(
                    select ->
                        statements
                            .session()
                            .selectAll(
                                select.bind(
                                    reactor,
                                    sensor,
                                    LocalDate.ofEpochDay(MIDNIGHT / DAY_MICROS)))));
    List<String> cells = new ArrayList<>();
    for (var row : rows) {
      StringBuilder written = new StringBuilder(row.getLong("seq") + ":");
      for (String column : List.of("quality", "detail", "calibration", "sequence")) {
        if (!row.isNull(column)) {
          written.append(' ').append(column).append('=').append(row.getObject(column));
        }
      }
      cells.add(written.toString());
    }
    return cells;
  }

  @Test
  void storesReadingsAcrossDaysIdempotentlyAndServesRanges() throws Exception {
    List<Reading> readings = new ArrayList<>();
    for (long seq = 1; seq <= 300; seq++) {
      readings.add(
          reading("t", seq, MIDNIGHT - 100_000_000L + seq * 1_000_000L)); // straddles midnight
    }
    await(store.write("r-days", readings));
    await(store.write("r-days", readings.subList(50, 120)));
    assertEquals(2, await(store.days("r-days", "t")).size());
    List<HistoryStore.Point> all =
        await(
            store
                .points("r-days", "t", MIDNIGHT - DAY_MICROS, MIDNIGHT + DAY_MICROS)
                .runWith(Sink.seq(), testKit.system()));
    assertEquals(300, all.size(), "a reading written twice is one row");
    assertEquals(1, all.get(0).seq());
    assertEquals(300, all.get(299).seq());
    List<HistoryStore.Point> afterMidnight =
        await(
            store
                .points("r-days", "t", MIDNIGHT, MIDNIGHT + DAY_MICROS)
                .runWith(Sink.seq(), testKit.system()));
    assertEquals(201, afterMidnight.size(), "seq 100 was taken at midnight exactly");
    assertEquals(100, afterMidnight.get(0).seq());
    Completeness completeness = new Completeness();
    await(
        store
            .seqs("r-days", "t")
            .runForeach(stored -> completeness.add(stored.seq()), testKit.system()));
    assertTrue(completeness.report("t").complete());
    assertEquals(300, completeness.report("t").count());
  }

  @Test
  void oneReadingOfEachOfManySensorsIsStoredWithItsRangeAndMinute() throws Exception {
    List<Reading> readings = new ArrayList<>();
    List<StoredRange> ranges = new ArrayList<>();
    List<Minute> minutes = new ArrayList<>();
    for (int s = 0; s < 25; s++) { // three packed batches per table (at most 10 partitions each)
      Reading r = reading("s" + s, 7, MIDNIGHT + s * 1_000_000L);
      readings.add(r);
      ranges.add(new StoredRange(r.sensorId(), 1, 1, 7, 7));
      minutes.add(new Minute(r.sensorId(), MIDNIGHT, 1, 0, r.value(), r.value(), r.value()));
    }
    await(store.write("r-many", readings));
    await(store.saveRanges("r-many", ranges));
    await(store.minutes().save("r-many", minutes));
    for (int s = 0; s < 25; s++) {
      String sensor = "s" + s;
      List<HistoryStore.Point> points =
          await(
              store
                  .points("r-many", sensor, MIDNIGHT, MIDNIGHT + DAY_MICROS)
                  .runWith(Sink.seq(), testKit.system()));
      assertEquals(List.of(7L), points.stream().map(HistoryStore.Point::seq).toList(), sensor);
      assertEquals(
          List.of(new StoredRange(sensor, 1, 1, 7, 7)), await(store.ranges("r-many", sensor)));
      assertEquals(List.of(minutes.get(s)), minutes("r-many", sensor, MIDNIGHT + DAY_MICROS));
    }
  }

  @Test
  void aDayIsBucketedFromItsStoredMinutesWithTheSameFiguresAsFromEveryReading() throws Exception {
    String reactor = "r-full-day";
    MinuteBook book = new MinuteBook();
    for (long from = 0; from < 86_400; from += 5000) {
      List<Reading> batch = new ArrayList<>();
      for (long s = from; s < Math.min(86_400, from + 5000); s++) {
        double value = s % 1000 == 7 ? Double.NaN : s % 100;
        batch.add(new Reading("d", s + 1, MIDNIGHT + s * 1_000_000L, value, "", Quality.GOOD, ""));
      }
      await(store.write(reactor, batch));
      MinuteBook.Rollup rollup = book.record(batch, java.util.Map.of());
      List<Minute> saved = new ArrayList<>(rollup.closed());
      saved.removeIf(m -> m.startMicros() == MIDNIGHT + 600 * Minute.MICROS); // never saved
      await(
          store
              .minutes()
              .save(
                  reactor,
                  new MinuteBook.Rollup(saved, rollup.recount(), rollup.partial()),
                  testKit.system()));
    }
    long from = MIDNIGHT + 90_500_000L;
    long to = MIDNIGHT + DAY_MICROS + 3_600_000_000L;
    Buckets fromReadings = Buckets.minuteAligned(from, to, 600);
    await(
        store
            .points(reactor, "d", from, to)
            .runForeach(p -> fromReadings.add(p.takenAtMicros(), p.value()), testKit.system()));

    List<Buckets.Bucket> result =
        await(BucketedHistory.of(store, reactor, "d", from, to, 600, testKit.system()));

    assertEquals(fromReadings.result(), result);
    assertEquals(86_400 - 91 - 86, result.stream().mapToLong(Buckets.Bucket::count).sum());
    assertEquals(
        1_438,
        minutes(reactor, "d", to).size(),
        "every minute of the day but the one left out and the last (still open)");
  }

  @Test
  void aWritersFirstMinuteIsCompletedWithTheRowsWrittenBeforeItStarted() throws Exception {
    String reactor = "r-first-minute";
    List<Reading> readings = new ArrayList<>();
    for (long s = 0; s < 70; s++) {
      readings.add(new Reading("m", s + 1, MIDNIGHT + s * 1_000_000L, s, "", Quality.GOOD, ""));
    }
    // a writer before this one wrote seconds 0..29; this one starts at second 25 (from its offset)
    await(store.write(reactor, readings.subList(0, 30)));
    MinuteBook book = new MinuteBook();
    List<Reading> rewritten = readings.subList(25, 70);
    await(store.write(reactor, rewritten));
    MinuteBook.Rollup rollup = book.record(rewritten, java.util.Map.of());
    assertEquals(1, rollup.partial().size(), rollup.toString());

    await(store.minutes().save(reactor, rollup, testKit.system()));

    // seconds 0..59, each value its second: 60 values, sum 1,770
    assertEquals(
        List.of(new Minute("m", MIDNIGHT, 60, 0, 0, 59, 1770)),
        minutes(reactor, "m", MIDNIGHT + Minute.MICROS));
  }

  @Test
  void theProjectionCatchesUpOnEventsStoredWhileItWasNotRunningThenFollowsLive() throws Exception {
    String reactor = "r-projection";
    TestProbe<StatusReply<SensorLog.Appended>> probe = testKit.createTestProbe();
    ActorRef<SensorLog.Command> unprojected =
        testKit.spawn(SensorLog.create(reactor, SensorLog.Listeners.NONE));
    for (long batch = 0; batch < 5; batch++) {
      List<Reading> readings = new ArrayList<>();
      for (long seq = batch * 20 + 1; seq <= batch * 20 + 20; seq++) {
        readings.add(reading("ph", seq, MIDNIGHT + seq * 1_000_000L));
      }
      unprojected.tell(new SensorLog.Append(readings, probe.getRef()));
      probe.receiveMessage(Duration.ofSeconds(60));
    }
    testKit.stop(unprojected);

    ActorRef<SensorLog.Command> projected = projectedLog(reactor);
    List<Reading> live = new ArrayList<>();
    for (long seq = 101; seq <= 150; seq++) {
      live.add(reading("ph", seq, MIDNIGHT + seq * 1_000_000L));
    }
    projected.tell(new SensorLog.Append(live, probe.getRef()));
    assertEquals(50, probe.receiveMessage(Duration.ofSeconds(30)).getValue().accepted());

    Await.until(
        Duration.ofSeconds(60),
        "the read model holds all 150 readings",
        () -> {
          try {
            Completeness completeness = new Completeness();
            await(
                store
                    .seqs(reactor, "ph")
                    .runForeach(stored -> completeness.add(stored.seq()), testKit.system()));
            Completeness.Report report = completeness.report("ph");
            return report.complete() && report.count() == 150;
          } catch (Exception e) {
            return false;
          }
        });
    // The writer saves the offset after the rows it covers, so it may trail them briefly.
    Await.until(
        Duration.ofSeconds(30),
        "offset: the six journal events written",
        () -> {
          try {
            return await(store.offset(reactor)) == 6L;
          } catch (Exception e) {
            return false;
          }
        });
    Await.until(
        Duration.ofSeconds(30),
        "minutes 0 and 1 rolled up (2 is open)",
        () ->
            minutes(reactor, "ph", MIDNIGHT + DAY_MICROS)
                .equals(
                    List.of(
                        new Minute("ph", MIDNIGHT, 59, 0, 0.5, 29.5, 885),
                        new Minute("ph", MIDNIGHT + Minute.MICROS, 60, 0, 30, 59.5, 2685))));
    assertEquals(
        List.of(59L, 60L, 31L),
        await(
                BucketedHistory.of(
                    store,
                    reactor,
                    "ph",
                    MIDNIGHT,
                    MIDNIGHT + 3 * Minute.MICROS,
                    3,
                    testKit.system()))
            .stream()
            .map(Buckets.Bucket::count)
            .toList());
  }

  @Test
  void theOffsetIsSavedOncePerIntervalAndCatchesUpAfterTheLastWrite() throws Exception {
    String reactor = "r-offset-pacing";
    ActorRef<SensorLog.Command> log = projectedLog(reactor);
    TestProbe<StatusReply<SensorLog.Appended>> probe = testKit.createTestProbe();
    long started = System.nanoTime();
    for (long seq = 1; seq <= 4; seq++) { // four stores of one reading, each written on its own
      log.tell(
          new SensorLog.Append(
              List.of(reading("ph", seq, MIDNIGHT + seq * 1_000_000L)), probe.getRef()));
      probe.receiveMessage(Duration.ofSeconds(30));
      long written = seq;
      Await.until(
          Duration.ofSeconds(30),
          "the read model holds reading " + seq,
          () -> {
            try {
              return storedSeqs(reactor) == written;
            } catch (Exception e) {
              return false;
            }
          });
    }
    List<StoredRange> rangesAfterRows = await(store.ranges(reactor, "ph"));
    long offsetAfterRows = await(store.offset(reactor));
    if (System.nanoTime() - started < HistoryWriter.OFFSET_INTERVAL.toNanos() * 4 / 5) {
      // Within one interval only the first write saved its offset and ranges (two requests saved
      // per write); the ranges saved cover what the offset does, never less.
      assertTrue(offsetAfterRows < 4, "offset saved by every write: " + offsetAfterRows);
      assertEquals(1, rangesAfterRows.size(), rangesAfterRows.toString());
      long rangeEnd = rangesAfterRows.get(0).toSeq();
      assertTrue(rangeEnd < 4, "ranges saved by every write: " + rangesAfterRows);
      assertTrue(rangeEnd >= offsetAfterRows, "ranges " + rangeEnd + ", offset " + offsetAfterRows);
    }
    // ...and the last write's offset is saved one interval after it, with no write to carry it.
    Await.until(
        Duration.ofSeconds(30),
        "offset: the four journal events written",
        () -> {
          try {
            return await(store.offset(reactor)) == 4L;
          } catch (Exception e) {
            return false;
          }
        });
    assertEquals(
        List.of(new StoredRange("ph", 1, 1, 4, 4)),
        await(store.ranges(reactor, "ph")),
        "the ranges saved before the offset");
  }

  @Test
  void batchesStoredWithinTheLingerAreWrittenToHistoryInOneWrite(TestCassandra cassandra)
      throws Exception {
    ActorTestKit lingering =
        ActorTestKit.create(
            "history-linger",
            com.typesafe.config.ConfigFactory.parseString(
                    "frms.coordinator.ingest.history-linger = 3s")
                .withFallback(TestConfigs.cassandra(cassandra)));
    try {
      String reactor = "r-linger";
      HistoryStore lingeringStore = Guardian.historyStore(lingering.system());
      ActorRef<SensorLog.Command> log = projectedLog(reactor, lingering, lingeringStore);
      WriteGate gate = WriteGate.get(lingering.system());
      TestProbe<StatusReply<SensorLog.Appended>> probe = lingering.createTestProbe();
      appendTens(log, probe, 0, 1); // the writer starts, catches up and writes the first
      awaitRows(lingeringStore, reactor, 10, lingering);
      Await.until(Duration.ofSeconds(10), "no write in flight", () -> gate.running() == 0);
      long historyWritesBefore = gate.spent(WriteGate.Turn.FINISHING).writes();

      appendTens(log, probe, 1, 4); // three stores well within the linger
      awaitRows(lingeringStore, reactor, 40, lingering);

      Await.until(Duration.ofSeconds(10), "no write in flight", () -> gate.running() == 0);
      assertEquals(
          1,
          gate.spent(WriteGate.Turn.FINISHING).writes() - historyWritesBefore,
          "one history write for the three stored batches");
    } finally {
      lingering.shutdownTestKit();
    }
  }

  /** Appends batches {@code from} to {@code to} (exclusive) of ten "ph" readings each. */
  private static void appendTens(
      ActorRef<SensorLog.Command> log,
      TestProbe<StatusReply<SensorLog.Appended>> probe,
      long from,
      long to) {
    for (long batch = from; batch < to; batch++) {
      List<Reading> readings = new ArrayList<>();
      for (long seq = batch * 10 + 1; seq <= batch * 10 + 10; seq++) {
        readings.add(reading("ph", seq, MIDNIGHT + seq * 1_000_000L));
      }
      log.tell(new SensorLog.Append(readings, probe.getRef()));
      assertEquals(10, probe.receiveMessage(Duration.ofSeconds(30)).getValue().accepted());
    }
  }

  private static void awaitRows(HistoryStore history, String reactor, int rows, ActorTestKit kit) {
    Await.until(
        Duration.ofSeconds(60),
        "the read model holds " + rows + " readings",
        () -> {
          try {
            return storedSeqs(reactor, kit, history) == rows;
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Test
  void aNodeWithNoRoomToQueueHistoryReadsEachStoredBatchBackFromTheJournal() throws Exception {
    String reactor = "r-no-room";
    HistoryWork work = HistoryWork.get(testKit.system());
    int taken = 0;
    for (int size = 100_000; size > 0; size /= 10) {
      while (work.queue(size)) {
        taken += size;
      }
    }
    try {
      long queuedBefore = work.queued();
      long readBackBefore = work.now().readBack();
      ActorRef<SensorLog.Command> log = projectedLog(reactor);
      appendTens(log, testKit.createTestProbe(), 0, 3);
      awaitRows(store, reactor, 30, testKit);
      assertEquals(queuedBefore, work.queued(), "no batch was queued in memory");
      assertTrue(
          work.now().readBack() - readBackBefore >= 3,
          "the three events were read back from the journal");
    } finally {
      work.unqueue(taken);
    }
  }
}
