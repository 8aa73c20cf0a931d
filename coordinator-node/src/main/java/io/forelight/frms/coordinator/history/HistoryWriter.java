package io.forelight.frms.coordinator.history;

import io.forelight.frms.coordinator.ReceiveInOneMethod;
import io.forelight.frms.coordinator.ownership.Ownership;
import io.forelight.frms.coordinator.readings.Reading;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.WriteGate;
import io.forelight.frms.node.Logs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;

/**
 * Keeps the history read model of one reactor (child of its SensorLog): its rows, then the stored
 * ranges completeness reads ({@link RangeBook}) and the minutes charts read ({@link MinuteBook}),
 * then its offset. A projection of the SensorLog's journal, in journal order, at least once (rows
 * are idempotent). It starts from the offset it saved and catches up from the journal; after that
 * the SensorLog hands it each stored batch directly. Anything it missed (a full queue, a failed
 * write, a restart) it reads back from the journal, so the read model always ends up equal to the
 * journal.
 *
 * <p>The offset is saved with a write at most once per {@link #OFFSET_INTERVAL}, and that long
 * after the last write it was left out of: a reactor storing every second cost Cassandra a request
 * a second for it, a fifth of its history's requests. A restart writes again what came after the
 * saved offset (at most that interval's batches), as it would after any crash.
 */
public final class HistoryWriter extends AbstractBehavior<HistoryWriter.Command> {

  private static final int MAX_QUEUED = 64;

  /**
   * Readings kept in memory for the next writes; past that a batch is left to be read back from the
   * journal, so a writer that lags (a node offered more than Cassandra takes) holds little.
   */
  private static final int MAX_QUEUED_READINGS = 8000;

  private static final int MAX_READINGS_PER_WRITE = 2000;
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(15);
  static final Duration OFFSET_INTERVAL = Duration.ofSeconds(5);

  public sealed interface Command
      permits Stored, OffsetLoaded, Written, CaughtUp, Failed, Retry, SaveOffset {}

  /** The SensorLog stored this batch as journal event {@code journalSeq}. */
  public record Stored(long journalSeq, SensorLog.ReadingsStored event) implements Command {

    List<Reading> readings() {
      return event.readings();
    }
  }

  private record OffsetLoaded(long offset) implements Command {}

  /** Rows up to journal event {@code journalSeq} are written, and its offset if {@code saved}. */
  private record Written(long journalSeq, boolean offsetSaved) implements Command {}

  /** The journal was read to its end; {@code last} is the last event written (or next - 1). */
  private record CaughtUp(long last) implements Command {}

  private record Failed(Throwable error) implements Command {}

  private enum Retry implements Command {
    INSTANCE
  }

  /** Saves the offset a write left out, if no write has saved it since. */
  private enum SaveOffset implements Command {
    INSTANCE
  }

  private final String reactorId;
  private final String persistenceId;
  private final HistoryStore store;
  private final CurrentEventsByPersistenceIdQuery journal;
  private final TimerScheduler<Command> timers;
  private final Ownership ownership;
  private final ArrayDeque<Stored> queue = new ArrayDeque<>();
  private final RangeBook ranges;
  private final MinuteBook minutes = new MinuteBook();
  private final ActorSystem<Void> system;
  private final WriteGate writeGate;
  private boolean loaded;
  private boolean busy;
  private long next = 1;
  private long knownLast = Long.MAX_VALUE;
  private int failures;
  private int queuedReadings;
  private long offsetSavedAtNanos; // 0: not since this writer (re)started writing
  private boolean offsetBehind; // a write left its offset out and none saved one since

  private HistoryWriter(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String reactorId,
      HistoryStore store,
      CurrentEventsByPersistenceIdQuery journal) {
    super(context);
    this.timers = timers;
    this.reactorId = reactorId;
    this.persistenceId = SensorLog.persistenceIdOf(reactorId);
    this.store = store;
    this.journal = journal;
    this.ownership = Ownership.get(context.getSystem());
    this.system = context.getSystem();
    this.writeGate = WriteGate.get(system);
    this.ranges =
        new RangeBook((sensor, sequence) -> store.latestRange(reactorId, sensor, sequence));
    loadOffset();
  }

  public static Behavior<Command> create(
      String reactorId, HistoryStore store, CurrentEventsByPersistenceIdQuery journal) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new HistoryWriter(context, timers, reactorId, store, journal)));
  }

  @Override
  public Receive<Command> createReceive() {
    return new ReceiveInOneMethod<>(this::onMessage, this::onSignal);
  }

  private Behavior<Command> onMessage(Command message) {
    if (message instanceof Stored stored) {
      return onStored(stored);
    } else if (message instanceof OffsetLoaded loaded) {
      return onOffsetLoaded(loaded);
    } else if (message instanceof Written written) {
      return onWritten(written);
    } else if (message instanceof CaughtUp caughtUp) {
      return onCaughtUp(caughtUp);
    } else if (message instanceof Failed failed) {
      return onFailed(failed);
    } else if (message instanceof Retry) {
      return onRetry();
    } else if (message instanceof SaveOffset) {
      return onSaveOffset();
    }
    return Behaviors.unhandled();
  }

  private Behavior<Command> onSignal(Signal signal) {
    return signal instanceof PostStop ? onStopped() : Behaviors.unhandled();
  }

  private Behavior<Command> onStopped() {
    store.forget(reactorId);
    return this;
  }

  private void loadOffset() {
    getContext()
        .pipeToSelf(
            store.offset(reactorId),
            (offset, error) -> error == null ? new OffsetLoaded(offset) : new Failed(error));
  }

  private Behavior<Command> onOffsetLoaded(OffsetLoaded loaded) {
    this.loaded = true;
    next = loaded.offset() + 1;
    failures = 0;
    drive();
    return this;
  }

  private Behavior<Command> onStored(Stored stored) {
    if (knownLast == Long.MAX_VALUE || stored.journalSeq() > knownLast) {
      knownLast = stored.journalSeq();
    }
    if (stored.journalSeq() >= next
        && queue.size() < MAX_QUEUED
        && queuedReadings + stored.readings().size() <= MAX_QUEUED_READINGS) {
      queue.add(stored);
      queuedReadings += stored.readings().size();
    }
    drive();
    return this;
  }

  private Behavior<Command> onWritten(Written written) {
    busy = false;
    failures = 0;
    next = Math.max(next, written.journalSeq() + 1);
    offsetBehind = !written.offsetSaved();
    if (offsetBehind && !timers.isTimerActive(SaveOffset.INSTANCE)) {
      timers.startSingleTimer(SaveOffset.INSTANCE, OFFSET_INTERVAL);
    }
    drive();
    return this;
  }

  /** Saves the offset of the last event written (every event before {@code next} is). */
  private Behavior<Command> onSaveOffset() {
    if (!offsetBehind) {
      return this;
    }
    if (busy) { // the write in flight saves it, or leaves it to the timer again
      timers.startSingleTimer(SaveOffset.INSTANCE, OFFSET_INTERVAL);
      return this;
    }
    busy = true;
    offsetSavedAtNanos = System.nanoTime();
    long journalSeq = next - 1;
    pipe(
        unlessFenced(
            () ->
                writeGate.run(
                    WriteGate.Turn.FINISHING, () -> store.saveOffset(reactorId, journalSeq))),
        journalSeq,
        true);
    return this;
  }

  private Behavior<Command> onCaughtUp(CaughtUp caughtUp) {
    busy = false;
    failures = 0;
    next = Math.max(next, caughtUp.last() + 1);
    if (knownLast == Long.MAX_VALUE || knownLast < caughtUp.last()) {
      knownLast = caughtUp.last();
    }
    drive();
    return this;
  }

  private Behavior<Command> onFailed(Failed failed) {
    busy = false;
    offsetSavedAtNanos = 0;
    ranges.forget();
    minutes.forget();
    failures++;
    Duration delay = MIN_RETRY.multipliedBy(1L << Math.min(4, failures - 1));
    if (delay.compareTo(MAX_RETRY) > 0) {
      delay = MAX_RETRY;
    }
    log()
        .warn(
            "history of {}: {}; retrying in {} ms",
            reactorId,
            failed.error().toString(),
            delay.toMillis());
    timers.startSingleTimer(Retry.INSTANCE, delay);
    return this;
  }

  private Behavior<Command> onRetry() {
    if (!loaded) {
      loadOffset();
    } else {
      drive();
    }
    return this;
  }

  /**
   * Writes the next batch: straight from the queue if it is the next one (with the batches queued
   * right after it, one write and one offset for all), else from the journal.
   */
  private void drive() {
    if (!loaded || busy) {
      return;
    }
    while (!queue.isEmpty() && queue.peek().journalSeq() < next) {
      take();
    }
    if (!queue.isEmpty() && queue.peek().journalSeq() == next) {
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

  private Stored take() {
    Stored stored = queue.poll();
    queuedReadings -= stored.readings().size();
    return stored;
  }

  /** Writes every journal event from {@code next} to the journal's current end. */
  private void catchUp() {
    long from = next;
    CompletionStage<Long> done =
        journal
            .currentEventsByPersistenceId(persistenceId, from, Long.MAX_VALUE)
            .mapAsync(
                1,
                (EventEnvelope envelope) ->
                    (envelope.event() instanceof SensorLog.ReadingsStored stored
                            ? write(
                                envelope.sequenceNr(),
                                stored.readings(),
                                stored.sequences(),
                                stored.receivedAtMicros(),
                                true)
                            : CompletableFuture.completedFuture(Done.getInstance()))
                        .thenApply(ignored -> envelope.sequenceNr()))
            .runWith(Sink.fold(from - 1, (last, seq) -> seq), getContext().getSystem());
    getContext()
        .pipeToSelf(done, (last, error) -> error == null ? new CaughtUp(last) : new Failed(error));
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
                        .thenCompose(changed -> store.saveRanges(reactorId, changed))
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

  private CompletionStage<Done> unlessFenced(Supplier<CompletionStage<Done>> write) {
    Optional<String> refusal = ownership.refusal(persistenceId);
    if (refusal.isPresent()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("not writing the read model: " + refusal.get()));
    }
    return write.get();
  }

  private void pipe(CompletionStage<Done> write, long journalSeq, boolean offsetSaved) {
    getContext()
        .pipeToSelf(
            write,
            (done, error) ->
                error == null ? new Written(journalSeq, offsetSaved) : new Failed(error));
  }

  /** The actor's logger, its lines marked with the reactor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(getContext().getLog(), "reactor", reactorId);
  }
}
