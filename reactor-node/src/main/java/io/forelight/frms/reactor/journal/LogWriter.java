package io.forelight.frms.reactor.journal;

import io.forelight.frms.reactor.journal.LogRecord.Checkpoint;
import io.forelight.frms.reactor.journal.LogRecord.Events;
import io.forelight.frms.reactor.journal.LogRecord.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flash log's single writer thread. It takes every queued operation at once, appends them,
 * fsyncs once (group commit), then publishes them to the {@link LogState} and completes them. A
 * failed write is cut off again so the next one does not follow garbage.
 */
final class LogWriter {

  private static final Logger log = LoggerFactory.getLogger(LogWriter.class);
  private static final int MAX_OPS_PER_COMMIT = 4096;

  /**
   * Wakes an idle writer to notice that it is stopped; never committed. (The writer otherwise
   * sleeps up to a second between checks: a host of many logs must not wake them all constantly.)
   */
  private static final Op WAKE_UP = new AckOp("", 0, new CompletableFuture<>());

  sealed interface Op permits AppendOp, AckOp {
    CompletableFuture<Void> done();
  }

  record AppendOp(List<Events> records, CompletableFuture<Void> done) implements Op {}

  record AckOp(String persistenceId, long seq, CompletableFuture<Void> done) implements Op {}

  private final LogState state;
  private final FlashLogSettings settings;
  private final BlockingQueue<Op> queue;
  private final Thread thread;
  private volatile CompletableFuture<Void> commitSignal = new CompletableFuture<>();
  private volatile IOException failure;
  private volatile String lastWriteFailed;
  private volatile boolean stopped;

  LogWriter(LogState state, FlashLogSettings settings) {
    this.state = state;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.maxPendingWrites());
    this.thread = new Thread(this::run, "frms-flash-log-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  CompletableFuture<Void> submit(Op op) {
    if (stopped) {
      op.done().completeExceptionally(new IllegalStateException("flash log is closed"));
    } else if (failure != null) {
      op.done().completeExceptionally(failure);
    } else if (!queue.offer(op)) {
      op.done()
          .completeExceptionally(
              new IllegalStateException(
                  "flash log write queue is full (" + settings.maxPendingWrites() + " writes)"));
    }
    return op.done();
  }

  CompletableFuture<Void> nextCommit() {
    return commitSignal;
  }

  /** Why the log cannot take writes: closed, failed for good, or the last commit failed. */
  Optional<String> problem() {
    if (stopped) {
      return Optional.of("the flash log is closed");
    }
    if (failure != null) {
      return Optional.of("the flash log refuses writes after an error: " + failure.getMessage());
    }
    return Optional.ofNullable(lastWriteFailed);
  }

  /** Refuses new writes, commits everything already queued, then ends the writer thread. */
  void stop() {
    stopped = true;
    queue.offer(WAKE_UP); // if the queue is full the writer is busy and sees the flag anyway
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.forEach(op -> op.done().completeExceptionally(new IllegalStateException("closed")));
  }

  private void run() {
    List<Op> ops = new ArrayList<>();
    while (!(stopped && queue.isEmpty())) {
      try {
        Op first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        ops.add(first);
        queue.drainTo(ops, MAX_OPS_PER_COMMIT);
        ops.removeIf(op -> op == WAKE_UP);
        if (!ops.isEmpty()) {
          commit(ops);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        ops.clear();
      }
    }
    queue.forEach(op -> op.done().completeExceptionally(new IllegalStateException("closed")));
  }

  private void commit(List<Op> ops) {
    if (failure != null) {
      ops.forEach(op -> op.done().completeExceptionally(failure));
      return;
    }
    SegmentFile active = state.activeSegment();
    long sizeBefore = active.size();
    Batch batch;
    try {
      if (sizeBefore >= settings.segmentBytes()) {
        active = roll(active);
        sizeBefore = 0;
      }
      batch = new Batch(active);
      for (Op op : ops) {
        batch.add(op);
      }
      batch.appendCheckpoint();
      active.sync();
    } catch (IOException | RuntimeException e) {
      IOException cause = undoPartialWrite(active, sizeBefore, e);
      ops.forEach(op -> op.done().completeExceptionally(cause));
      return;
    }
    state.apply(active.id, batch.written, batch.positions, batch.highest, batch.acks);
    lastWriteFailed = null;
    signalCommit();
    if (!batch.acks.isEmpty()) {
      dropAcknowledgedSegments(active);
    }
    batch.accepted.forEach(op -> op.done().complete(null));
  }

  /** One commit's appends and acknowledgements, checked against the durable state. */
  private final class Batch {
    final SegmentFile segment;
    final Map<String, Long> highest = new HashMap<>();
    final Map<String, Long> acks = new HashMap<>();
    final List<Events> written = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    final List<Op> accepted = new ArrayList<>();

    Batch(SegmentFile segment) {
      this.segment = segment;
    }

    void add(Op op) throws IOException {
      if (op instanceof AppendOp append) {
        String problem = sequenceProblem(append.records());
        if (problem != null) {
          op.done().completeExceptionally(new IllegalArgumentException(problem));
          return;
        }
        for (Events record : append.records()) {
          positions.add(segment.append(LogRecord.frame(record)));
          written.add(record);
          highest.put(record.persistenceId(), record.lastSeq());
        }
      } else if (op instanceof AckOp ack) {
        String id = ack.persistenceId();
        long seq = Math.min(ack.seq(), highestOf(id));
        if (seq > acks.getOrDefault(id, state.acknowledgedSeq(id))) {
          acks.put(id, seq);
        }
      }
      accepted.add(op);
    }

    long highestOf(String persistenceId) {
      return highest.getOrDefault(persistenceId, state.highestSeq(persistenceId));
    }

    String sequenceProblem(List<Events> records) {
      Map<String, Long> seen = new HashMap<>();
      for (Events record : records) {
        String id = record.persistenceId();
        long above = seen.getOrDefault(id, highestOf(id));
        for (StoredEvent event : record.events()) {
          if (event.seq() <= above) {
            return "sequence number " + event.seq() + " of " + id + " is not above " + above;
          }
          above = event.seq();
        }
        seen.put(id, above);
      }
      return null;
    }

    void appendCheckpoint() throws IOException {
      if (acks.isEmpty()) {
        return;
      }
      List<Position> changed = new ArrayList<>();
      acks.forEach((id, seq) -> changed.add(new Position(id, highestOf(id), seq)));
      segment.append(LogRecord.frame(new Checkpoint(changed)));
    }
  }

  private SegmentFile roll(SegmentFile active) throws IOException {
    SegmentFile next = SegmentFile.open(state.dir, active.id + 1);
    state.syncDirectory();
    state.addSegment(next, new SegmentIndex());
    return next;
  }

  /** Deletes segments holding only acknowledged events, after restating every position. */
  private void dropAcknowledgedSegments(SegmentFile active) {
    List<Long> deletable = state.fullyAcknowledgedSegments();
    if (deletable.isEmpty()) {
      return;
    }
    long sizeBefore = active.size();
    try {
      active.append(LogRecord.frame(new Checkpoint(state.positions())));
      active.sync();
    } catch (IOException | RuntimeException e) {
      undoPartialWrite(active, sizeBefore, e);
      return;
    }
    try {
      for (Long id : deletable) {
        SegmentFile segment = state.removeSegment(id);
        segment.close();
        Files.deleteIfExists(segment.path);
      }
      state.syncDirectory();
      log.debug("dropped {} acknowledged segment(s) from {}", deletable.size(), state.dir);
    } catch (IOException e) {
      log.warn("could not delete an acknowledged segment of {}: {}", state.dir, e.toString());
    }
  }

  /**
   * Cuts a failed write off the segment so the next write does not follow garbage. If even that
   * fails, the log refuses all further writes.
   */
  private IOException undoPartialWrite(SegmentFile segment, long size, Exception e) {
    IOException cause =
        e instanceof IOException io ? io : new IOException("flash log write failed: " + e, e);
    lastWriteFailed = "the last write to " + state.dir + " failed: " + e.getMessage();
    try {
      segment.truncate(size);
      log.error("flash log write failed; the partial write was removed: {}", e.toString());
    } catch (IOException truncateFailed) {
      failure = cause;
      log.error("flash log write failed and cannot be undone; log closed: {}", e.toString());
      commitSignal.completeExceptionally(cause);
    }
    return cause;
  }

  private void signalCommit() {
    CompletableFuture<Void> signal = commitSignal;
    commitSignal = new CompletableFuture<>();
    signal.complete(null);
  }
}
