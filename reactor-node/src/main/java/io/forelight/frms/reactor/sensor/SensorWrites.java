package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.ops.SensorStatus;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import io.forelight.frms.reactor.sensor.Sensor.ReadingsLost;
import io.forelight.frms.reactor.sensor.Sensor.Record;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A {@link Sensor}'s writes to its log: one write in flight, the records that arrive meanwhile
 * waiting (bounded) to go together in the next one. Used by the sensor actor alone, except for what
 * the log's commit does on its writer thread when a write is durable: it publishes the readings
 * (the sensor's status, the answers asked for) and, only if records wait, wakes the sensor with a
 * message. At a sensor's pace a write is durable long before the next sample, so the sensor learns
 * that it ended when the next record comes, without a message per reading.
 */
final class SensorWrites {

  /** Records waiting while a write is in flight; beyond it samples are counted lost. */
  static final int MAX_WAITING = 1000;

  /** Readings in one write at most (a record of the log holds at most 8 MiB). */
  static final int MAX_PER_WRITE = 256;

  /** One write: its records, and their events (a lost range first, if any). */
  record Batch(List<Record> records, List<Sensor.Event> events, ReadingsLost lost) {
    long lastSeq() {
      return events.get(events.size() - 1).seq();
    }

    ReadingTaken reading(int i) {
      return (ReadingTaken) events.get(lost == null ? i : i + 1);
    }
  }

  /** What the write in flight's end must do: the sensor waits for a message (records wait). */
  private static final Object WAKE = new Object();

  /** The write in flight is durable and published; the sensor settles it when it next looks. */
  private static final Object DONE = new Object();

  /** The write in flight failed; a message tells the sensor. */
  private static final Object FAILED = new Object();

  private final SensorSpec spec;
  private final SensorLog log;
  private final SensorStatus status;
  private final Supplier<Optional<String>> logFull;
  private final Supplier<Optional<Integer>> calibrationVersion;
  private final BiConsumer<Batch, Throwable> wake;
  private final Logger logger;
  private final LostReadings lost = new LostReadings();
  private final ArrayDeque<Record> waiting = new ArrayDeque<>();

  /** The write in flight itself while it runs, then WAKE, DONE or FAILED: shared with its end. */
  private final AtomicReference<Object> handoff = new AtomicReference<>();

  private long lastSeq;
  private ReadingTaken latest;
  private Batch inFlight;
  private boolean writesFailing;

  /**
   * {@code wake}: tells the sensor a write ended (from any thread); it answers with {@link
   * #written}.
   */
  SensorWrites(
      SensorSpec spec,
      SensorLog log,
      SensorStatus status,
      long lastSeq,
      ReadingTaken latest,
      Supplier<Optional<String>> logFull,
      Supplier<Optional<Integer>> calibrationVersion,
      BiConsumer<Batch, Throwable> wake,
      Logger logger) {
    this.spec = spec;
    this.log = log;
    this.status = status;
    this.lastSeq = lastSeq;
    this.latest = latest;
    this.logFull = logFull;
    this.calibrationVersion = calibrationVersion;
    this.wake = wake;
    this.logger = logger;
  }

  /**
   * Logs the sample as the next reading, after the range of readings lost before it, if any. While
   * the log is full (or too many records wait) the sample is only counted as lost, and the answer's
   * seq is 0.
   */
  void add(Record record) {
    Optional<String> full = logFull.get();
    if (full.isPresent() || waiting.size() >= MAX_WAITING) {
      lost.add(
          record.sample().takenAtMicros(),
          full.orElse("more than " + MAX_WAITING + " readings waiting for the log"));
      answer(record, 0);
      return;
    }
    waiting.add(record);
    if (inFlight != null && !settleIfDone()) {
      // still running: its end wakes the sensor; unless it ended meanwhile, or already will
      if (handoff.compareAndSet(inFlight, WAKE) || !settleIfDone()) {
        return;
      }
    }
    write();
  }

  /** The sensor's answer to {@code wake}. */
  void written(Batch batch, Throwable error) {
    if (batch != inFlight) { // a write of the sensor before it restarted: the log knows its fate
      return;
    }
    if (error == null) {
      settle(batch);
    } else if (log.highestSeq() >= batch.lastSeq()) { // reported failed, but the log holds it
      publish(batch);
      settle(batch);
    } else {
      notLogged(batch, error);
    }
    if (!waiting.isEmpty()) {
      write();
    }
  }

  /** The highest sequence number logged. */
  long lastSeq() {
    settleIfDone();
    return lastSeq;
  }

  /** The latest reading logged (null before the first, or if the log no longer holds it). */
  ReadingTaken latest() {
    settleIfDone();
    return latest;
  }

  /** Writes the waiting records (and the lost range, if any) as one atomic write of the log. */
  private void write() {
    long seq = lastSeq;
    List<Sensor.Event> events = new ArrayList<>(Math.min(waiting.size(), MAX_PER_WRITE) + 1);
    ReadingsLost lostRange = null;
    if (!lost.isEmpty()) {
      lostRange = lost.event(++seq);
      lost.clear();
      events.add(lostRange);
    }
    List<Record> records = new ArrayList<>(Math.min(waiting.size(), MAX_PER_WRITE));
    int calibration = calibrationVersion.get().orElse(latest == null ? 0 : latest.calibration());
    while (!waiting.isEmpty() && records.size() < MAX_PER_WRITE) {
      Record record = waiting.poll();
      Sample s = record.sample();
      records.add(record);
      events.add(
          new ReadingTaken(
              ++seq,
              s.takenAtMicros(),
              s.value(),
              spec.unit(),
              s.quality(),
              s.detail(),
              calibration));
    }
    Batch batch = new Batch(records, events, lostRange);
    inFlight = batch;
    handoff.set(waiting.isEmpty() ? batch : WAKE); // more than one write's worth: wake for the rest
    CompletableFuture<Void> append;
    try {
      append = log.append(events);
    } catch (RuntimeException e) {
      append = CompletableFuture.failedFuture(e);
    }
    append.whenComplete((ok, error) -> ended(batch, error));
  }

  /** On the log's writer thread (or the sensor's, if the write failed at once). */
  private void ended(Batch batch, Throwable error) {
    if (error == null) {
      // DONE first, so that a record answered below finds this write ended; the next write's
      // end runs on this same thread, after this one's publishing
      boolean nothingWaits = handoff.compareAndSet(batch, DONE);
      publish(batch);
      if (nothingWaits) {
        return; // the sensor settles it when it next looks
      }
    } else {
      handoff.set(FAILED);
    }
    wake.accept(batch, error);
  }

  private boolean settleIfDone() {
    if (inFlight != null && handoff.get() == DONE) {
      settle(inFlight);
      return true;
    }
    return false;
  }

  /** The readings are durable: the status says so and the records that asked are answered. */
  private void publish(Batch batch) {
    if (batch.lost() != null) {
      status.lost(batch.lost());
    }
    for (int i = 0; i < batch.records().size(); i++) {
      ReadingTaken reading = batch.reading(i);
      status.logged(reading);
      answer(batch.records().get(i), reading.seq());
    }
  }

  private void settle(Batch batch) {
    inFlight = null;
    lastSeq = batch.lastSeq();
    latest = batch.reading(batch.records().size() - 1);
    if (writesFailing) {
      writesFailing = false;
      logger.info("sensor {}: logging again from seq {}", spec.id(), batch.events().get(0).seq());
    }
  }

  /** The write is not in the log: its samples are counted lost, its records answered with 0. */
  private void notLogged(Batch batch, Throwable error) {
    inFlight = null;
    lastSeq = log.highestSeq();
    String why = logFull.get().orElse("log write failed");
    if (batch.lost() != null) {
      lost.add(batch.lost());
    }
    for (Record record : batch.records()) {
      lost.add(record.sample().takenAtMicros(), why);
      answer(record, 0);
    }
    if (!writesFailing) {
      writesFailing = true;
      logger.warn(
          "sensor {}: writing {} readings to its log failed ({}); its samples are counted lost"
              + " until a write succeeds",
          spec.id(),
          batch.records().size(),
          error.getMessage());
    }
  }

  private static void answer(Record record, long seq) {
    if (record.answer()) {
      record.replyTo().tell(new Sensor.Recorded(seq, record.number()));
    }
  }
}
