package io.forelight.frms.coordinator.history;

import io.forelight.frms.coordinator.OneAtATime;
import io.forelight.frms.coordinator.ownership.Ownership;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.WriteGate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the history read model of one reactor (started and stopped by its SensorLog): its rows,
 * then the stored ranges completeness reads ({@link RangeBook}) and the minutes charts read ({@link
 * MinuteBook}), then its offset. A projection of the SensorLog's journal, in journal order, at
 * least once (rows are idempotent). It starts from the offset it saved and catches up from the
 * journal; after that the SensorLog hands it each stored batch directly, and it joins the batches
 * handed within a short linger into one write. Anything it missed (a full queue, a failed write, a
 * restart) it reads back from the journal, so the read model always ends up equal to the journal.
 *
 * <p>The offset is saved with a write at most once per {@link #OFFSET_INTERVAL}, and that long
 * after the last write it was left out of: a reactor storing every second cost Cassandra a request
 * a second for it, a fifth of its history's requests. The stored ranges changed since are saved
 * right before it, so they too lag the rows by at most that interval (completeness reads them: a
 * sensor shows complete up to that much later) and never reach past what the rows hold; the offset
 * never passes what the saved ranges cover. A restart, or a failed write that left ranges unsaved,
 * writes again what came after the saved offset (at most that interval's batches), as it would
 * after any crash.
 *
 * <p>Not an actor: what happens to it (a batch stored, a write or read answered, a timer) runs as
 * an event {@link OneAtATime}, which costs a reactor a queue where an actor cost a cell, mailbox,
 * path, timers and supervisor. A failure of its own (a bug) starts it over as a restart did: from
 * the saved offset, after a backoff.
 */
public final class HistoryWriter implements SensorLog.History {

  private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

  private static final int MAX_QUEUED = 64;

  /**
   * Readings kept in memory for the next writes; past that (or past the node's bound, {@link
   * HistoryWork#queue}) a batch is left to be read back from the journal, so a writer that lags (a
   * node offered more than Cassandra takes) holds little.
   */
  private static final int MAX_QUEUED_READINGS = 8000;

  private static final int MAX_READINGS_PER_WRITE = 2000;

  /** Queued readings that make a write large enough to go without lingering. */
  private static final int LINGER_READINGS = MAX_READINGS_PER_WRITE / 2;

  /** How long a catch-up waits for more journal events to join into one write. */
  private static final Duration CATCH_UP_LINGER = Duration.ofMillis(100);

  private static final Duration MIN_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(15);
  static final Duration OFFSET_INTERVAL = Duration.ofSeconds(5);

  /** The SensorLog stored this batch as journal event {@code journalSeq}. */
  public record Stored(long journalSeq, SensorLog.ReadingsStored event) {

    List<Reading> readings() {
      return event.readings();
    }
  }

  private final String reactorId;
  private final String persistenceId;
  private final HistoryStore store;
  private final CurrentEventsByPersistenceIdQuery journal;
  private final OneAtATime events;
  private final OneAtATime.Timer retry;
  private final OneAtATime.Timer offsetTimer;
  private final OneAtATime.Timer lingerTimer;
  private final Ownership ownership;
  private final ArrayDeque<Stored> queue = new ArrayDeque<>();
  private final RangeBook ranges;
  private final MinuteBook minutes = new MinuteBook();
  private final ActorSystem<?> system;
  private final WriteGate writeGate;
  private final HistoryWork work;
  private long generation; // a start over or a stop: what was in flight before is ignored
  private boolean stopped;
  private boolean loaded;
  private boolean busy;
  private long next = 1;
  private long knownLast = Long.MAX_VALUE;
  private int failures;
  private int queuedReadings;
  private long queuedSinceNanos; // when the queue last went from empty to not
  private long offsetSavedAtNanos; // 0: not since this writer (re)started writing
  private boolean offsetBehind; // a write left its offset out and none saved one since

  private HistoryWriter(
      String reactorId,
      HistoryStore store,
      CurrentEventsByPersistenceIdQuery journal,
      ActorSystem<?> system) {
    this.reactorId = reactorId;
    this.persistenceId = SensorLog.persistenceIdOf(reactorId);
    this.store = store;
    this.journal = journal;
    this.system = system;
    this.events =
        new OneAtATime(
            system.executionContext(), system.classicSystem().scheduler(), this::crashed);
    this.retry = events.timer();
    this.offsetTimer = events.timer();
    this.lingerTimer = events.timer();
    this.ownership = Ownership.get(system);
    this.writeGate = WriteGate.get(system);
    this.work = HistoryWork.get(system);
    this.ranges =
        new RangeBook((sensor, sequence) -> store.latestRange(reactorId, sensor, sequence));
  }

  /** Starts the history writer of {@code reactorId}: it loads its offset and catches up. */
  public static HistoryWriter start(
      String reactorId,
      HistoryStore store,
      CurrentEventsByPersistenceIdQuery journal,
      ActorSystem<?> system) {
    HistoryWriter writer = new HistoryWriter(reactorId, store, journal, system);
    writer.events.post(writer::loadOffset);
    return writer;
  }

  @Override
  public void stored(Stored stored) {
    events.post(() -> onStored(stored));
  }

  /** Stops for good: nothing more is written; a write in flight completes unheeded. */
  @Override
  public void stop() {
    events.post(
        () -> {
          if (!stopped) {
            stopped = true;
            generation++;
            retry.cancel();
            offsetTimer.cancel();
            lingerTimer.cancel();
            letGoOfQueue();
            store.forget(reactorId);
          }
        });
  }

  /**
   * Runs {@code step} with what {@code stage} gave, as an event, unless stopped or started over.
   */
  private <T> void then(CompletionStage<T> stage, BiConsumer<T, Throwable> step) {
    long current = generation;
    stage.whenComplete(
        (value, error) ->
            events.post(
                () -> {
                  if (!stopped && generation == current) {
                    step.accept(value, error);
                  }
                }));
  }

  private void loadOffset() {
    if (stopped) {
      return;
    }
    then(
        store.offset(reactorId),
        (offset, error) -> {
          if (error != null) {
            onFailed(error);
          } else {
            onOffsetLoaded(offset);
          }
        });
  }

  private void onOffsetLoaded(long offset) {
    this.loaded = true;
    next = offset + 1;
    failures = 0;
    drive();
  }

  private void onStored(Stored stored) {
    if (stopped) {
      return;
    }
    if (knownLast == Long.MAX_VALUE || stored.journalSeq() > knownLast) {
      knownLast = stored.journalSeq();
    }
    int size = stored.readings().size();
    if (stored.journalSeq() >= next
        && queue.size() < MAX_QUEUED
        && queuedReadings + size <= MAX_QUEUED_READINGS
        && work.queue(size)) {
      if (queue.isEmpty()) {
        queuedSinceNanos = System.nanoTime();
      }
      queue.add(stored);
      queuedReadings += size;
    }
    drive();
  }

  private void onWritten(long journalSeq, boolean offsetSaved) {
    busy = false;
    failures = 0;
    next = Math.max(next, journalSeq + 1);
    offsetBehind = !offsetSaved;
    if (offsetBehind && !offsetTimer.active()) {
      offsetTimer.start(OFFSET_INTERVAL, this::onSaveOffset);
    }
    drive();
  }

  /** Saves the offset of the last event written (every event before {@code next} is). */
  private void onSaveOffset() {
    if (!offsetBehind || !loaded) {
      return;
    }
    if (busy) { // the write in flight saves it, or leaves it to the timer again
      offsetTimer.start(OFFSET_INTERVAL, this::onSaveOffset);
      return;
    }
    busy = true;
    offsetSavedAtNanos = System.nanoTime();
    long journalSeq = next - 1;
    pipe(
        unlessFenced(
            () ->
                writeGate.run(
                    WriteGate.Turn.FINISHING,
                    () ->
                        saveRanges()
                            .thenCompose(saved -> store.saveOffset(reactorId, journalSeq)))),
        journalSeq,
        true);
  }

  private void onCaughtUp(long last) {
    busy = false;
    failures = 0;
    next = Math.max(next, last + 1);
    if (knownLast == Long.MAX_VALUE || knownLast < last) {
      knownLast = last;
    }
    drive();
  }

  private void onFailed(Throwable error) {
    busy = false;
    offsetSavedAtNanos = 0;
    if (ranges.forget()) {
      // ranges of rows written since the saved offset were not saved: write those rows again
      // from the saved offset, so the ranges read back from the store are extended without a gap
      // (and save no offset past them meanwhile)
      loaded = false;
      offsetBehind = false;
      offsetTimer.cancel();
    }
    minutes.forget();
    work.failed();
    failures++;
    Duration delay = MIN_RETRY.multipliedBy(1L << Math.min(4, failures - 1));
    if (delay.compareTo(MAX_RETRY) > 0) {
      delay = MAX_RETRY;
    }
    log.warn("history of {}: {}; retrying in {} ms", reactorId, error.toString(), delay.toMillis());
    retry.start(delay, this::onRetry);
  }

  /**
   * A failure of this writer's own (not of a write): starts over from the saved offset after a
   * backoff, forgetting what it held and ignoring what was in flight, as a restarted actor did.
   */
  private void crashed(RuntimeException error) {
    if (stopped) {
      return;
    }
    log.error("history of {} starts over after a failure of its own", reactorId, error);
    generation++;
    loaded = false;
    letGoOfQueue();
    next = 1;
    knownLast = Long.MAX_VALUE;
    offsetBehind = false;
    offsetTimer.cancel();
    onFailed(error);
  }

  private void onRetry() {
    if (!loaded) {
      loadOffset();
    } else {
      drive();
    }
  }

  /**
   * Writes the next batch: straight from the queue if it is the next one (with the batches queued
   * right after it, one write and one offset for all), else from the journal.
   */
  private void drive() {
    if (!loaded || busy || stopped) {
      return;
    }
    while (!queue.isEmpty() && queue.peek().journalSeq() < next) {
      take();
    }
    if (!queue.isEmpty() && queue.peek().journalSeq() == next) {
      if (lingering()) {
        return;
      }
      Map<String, Integer> sequences = queue.peek().event().sequences();
      long receivedAt = queue.peek().event().receivedAtMicros();
      List<Reading> readings = new ArrayList<>(queue.peek().readings());
      long last = take().journalSeq();
      while (!queue.isEmpty()
          && queue.peek().journalSeq() == last + 1
          && queue.peek().event().sequences().equals(sequences)
          && readings.size() + queue.peek().readings().size() <= MAX_READINGS_PER_WRITE) {
        Stored stored = take();
        readings.addAll(stored.readings());
        last = stored.journalSeq();
      }
      busy = true;
      boolean saveOffset = offsetDue();
      pipe(write(last, readings, sequences, receivedAt, saveOffset), last, saveOffset);
    } else if (knownLast >= next) {
      busy = true;
      catchUp();
    }
  }

  /**
   * Whether the queued batches wait to be joined with the next ones ({@code
   * frms.coordinator.ingest.history-linger}, counted from the first queued): a reactor storing
   * every second wrote its history every second too, as many writes as its stores; joined over the
   * linger, one write carries several stores' readings. Not once enough are queued for a large
   * write.
   */
  private boolean lingering() {
    long left = queuedSinceNanos + work.lingerNanos() - System.nanoTime();
    if (left <= 0 || queuedReadings >= LINGER_READINGS) {
      lingerTimer.cancel();
      return false;
    }
    if (!lingerTimer.active()) {
      lingerTimer.start(Duration.ofNanos(left), this::drive);
    }
    return true;
  }

  private Stored take() {
    Stored stored = queue.poll();
    queuedReadings -= stored.readings().size();
    work.unqueue(stored.readings().size());
    return stored;
  }

  private void letGoOfQueue() {
    queue.clear();
    work.unqueue(queuedReadings);
    queuedReadings = 0;
  }

  /**
   * Writes every journal event from {@code next} to the journal's current end: consecutive events
   * joined into writes of up to {@link #MAX_READINGS_PER_WRITE} readings, as the live path joins
   * queued ones, each write saving the offset of its last event (a writer far behind, after a
   * failover or a full queue, catches up in a few large writes instead of one per event).
   */
  private void catchUp() {
    long from = next;
    CompletionStage<Long> done =
        journal
            .currentEventsByPersistenceId(persistenceId, from, Long.MAX_VALUE)
            .wireTap(envelope -> work.readBack())
            .groupedWeightedWithin(
                MAX_READINGS_PER_WRITE, HistoryWriter::readingsIn, CATCH_UP_LINGER)
            .mapAsync(1, this::writeJoined)
            .runWith(Sink.fold(from - 1, (last, seq) -> seq), system);
    then(
        done,
        (last, error) -> {
          if (error != null) {
            onFailed(error);
          } else {
            onCaughtUp(last);
          }
        });
  }

  private static long readingsIn(EventEnvelope envelope) {
    return envelope.event() instanceof SensorLog.ReadingsStored stored
        ? stored.readings().size()
        : 0;
  }

  /**
   * Writes the readings of consecutive journal events, one write per run of events with the same
   * sequences (almost always one), and completes with the last event's number.
   */
  private CompletionStage<Long> writeJoined(List<EventEnvelope> envelopes) {
    CompletionStage<Done> written = CompletableFuture.completedFuture(Done.getInstance());
    List<Reading> readings = new ArrayList<>();
    SensorLog.ReadingsStored first = null;
    long runLast = 0;
    for (EventEnvelope envelope : envelopes) {
      if (!(envelope.event() instanceof SensorLog.ReadingsStored stored)) {
        continue;
      }
      if (first != null && !stored.sequences().equals(first.sequences())) {
        written = writeAfter(written, runLast, readings, first);
        readings = new ArrayList<>();
        first = null;
      }
      if (first == null) {
        first = stored;
      }
      readings.addAll(stored.readings());
      runLast = envelope.sequenceNr();
    }
    if (first != null) {
      written = writeAfter(written, runLast, readings, first);
    }
    long last = envelopes.get(envelopes.size() - 1).sequenceNr();
    return written.thenApply(done -> last);
  }

  private CompletionStage<Done> writeAfter(
      CompletionStage<Done> before,
      long journalSeq,
      List<Reading> readings,
      SensorLog.ReadingsStored first) {
    return before.thenCompose(
        done -> write(journalSeq, readings, first.sequences(), first.receivedAtMicros(), true));
  }

  /** Whether the next write saves its offset: the first one, then once per interval. */
  private boolean offsetDue() {
    long now = System.nanoTime();
    if (offsetSavedAtNanos != 0 && now - offsetSavedAtNanos < OFFSET_INTERVAL.toNanos()) {
      return false;
    }
    offsetSavedAtNanos = now;
    return true;
  }

  /**
   * Writes rows (and the offset if {@code saveOffset}) when the node's write gate admits it, unless
   * this node no longer holds the reactor's SensorLog lease.
   */
  private CompletionStage<Done> write(
      long journalSeq,
      List<Reading> readings,
      Map<String, Integer> sequences,
      long receivedAt,
      boolean saveOffset) {
    return unlessFenced(
        () ->
            writeGate.run(
                WriteGate.Turn.FINISHING,
                () ->
                    store
                        .write(reactorId, readings, sequences, receivedAt)
                        .thenCompose(written -> ranges.record(readings, sequences))
                        .thenCompose(
                            changed ->
                                saveOffset
                                    ? saveRanges()
                                    : CompletableFuture.completedFuture(Done.getInstance()))
                        .thenCompose(
                            saved ->
                                store
                                    .minutes()
                                    .save(reactorId, minutes.record(readings, sequences), system))
                        .thenCompose(
                            saved ->
                                saveOffset
                                    ? store.saveOffset(reactorId, journalSeq)
                                    : CompletableFuture.completedFuture(Done.getInstance()))));
  }

  /** Saves the ranges changed since they were last saved. */
  private CompletionStage<Done> saveRanges() {
    List<StoredRange> unsaved = ranges.unsaved();
    return store
        .saveRanges(reactorId, unsaved)
        .thenApply(
            saved -> {
              ranges.saved(unsaved);
              return saved;
            });
  }

  private CompletionStage<Done> unlessFenced(Supplier<CompletionStage<Done>> write) {
    Optional<String> refusal = ownership.refusal(persistenceId);
    if (refusal.isPresent()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("not writing the read model: " + refusal.get()));
    }
    return write.get();
  }

  private void pipe(CompletionStage<Done> write, long journalSeq, boolean offsetSaved) {
    then(
        write,
        (done, error) -> {
          if (error != null) {
            onFailed(error);
          } else {
            onWritten(journalSeq, offsetSaved);
          }
        });
  }
}
