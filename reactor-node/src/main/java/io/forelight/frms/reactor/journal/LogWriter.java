package io.forelight.frms.reactor.journal;

import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
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

  sealed interface Op permits AppendOp, AckOp, MarkOp {
    CompletableFuture<Void> done();
  }

  record AppendOp(List<Events> records, CompletableFuture<Void> done) implements Op {}

  record AckOp(String persistenceId, long seq, CompletableFuture<Void> done) implements Op {}

  /**
   * Makes these highest sequence numbers durable in the checkpoint file (see FlashLog#markSent).
   */
  record MarkOp(Map<String, Long> highest, CompletableFuture<Void> done) implements Op {}

  private final LogState state;
  private final FlashLogSettings settings;
  private final CheckpointFile checkpoints;
  private final long segmentBytes;
  private final BlockingQueue<Op> queue;
  private final Thread thread;
  private volatile CompletableFuture<Void> commitSignal = new CompletableFuture<>();
  private volatile IOException failure;
  private volatile String lastWriteFailed;
  private volatile String full;
  private volatile boolean stopped;

  LogWriter(
      LogState state, FlashLogSettings settings, CheckpointFile checkpoints, long segmentBytes) {
    this.state = state;
    this.settings = settings;
    this.checkpoints = checkpoints;
    this.segmentBytes = segmentBytes;
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
    if (full != null) {
      return Optional.of(fullness());
    }
    return Optional.ofNullable(lastWriteFailed);
  }

  /** Why the log takes no readings now for lack of space, if it does not. */
  Optional<String> full() {
    return full == null ? Optional.empty() : Optional.of(fullness());
  }

  /** The short reason the log is full ("disk full", "quota of N bytes reached"), if it is. */
  Optional<String> fullReason() {
    return Optional.ofNullable(full);
  }

  private String fullness() {
    FlashLog.Status status = state.status();
    return "log full: "
        + status.bytesOnDisk()
        + " bytes, "
        + status.unacknowledgedEvents()
        + " unacknowledged readings ("
        + full
        + ")";
  }

  /**
   * Ends the full state once there is room for a segment again (on the disk and under the quota):
   * checked after segments were dropped and every second while full.
   */
  private void checkRoom() {
    if (full == null) {
      return;
    }
    try {
      boolean underQuota =
          settings.maxBytes() == 0 || state.bytesWritten() + segmentBytes <= settings.maxBytes();
      if (underQuota && state.disk.usableSpace(state.dir) >= segmentBytes) {
        log.info("flash log {}: space again ({}), writes resume", state.dir, fullness());
        full = null;
      }
    } catch (IOException e) {
      log.warn("flash log {}: cannot tell the free space: {}", state.dir, e.toString());
    }
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
          checkRoom();
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
    List<AppendOp> appends = new ArrayList<>();
    List<AckOp> acks = new ArrayList<>();
    List<MarkOp> marks = new ArrayList<>();
    for (Op op : ops) {
      if (op instanceof AppendOp append) {
        appends.add(append);
      } else if (op instanceof AckOp ack) {
        acks.add(ack);
      } else if (op instanceof MarkOp mark) {
        marks.add(mark);
      }
    }
    if (!appends.isEmpty()) {
      append(appends);
    }
    if ((!acks.isEmpty() || !marks.isEmpty()) && failure == null) {
      checkpoint(acks, marks);
    }
  }

  /** Appends and forces the writes, then publishes them; all fail together if the disk does. */
  private void append(List<AppendOp> appends) {
    SegmentFile active = state.activeSegment();
    long sizeBefore = active.size();
    Batch batch;
    try {
      if (sizeBefore >= segmentBytes) {
        active = roll(active);
        sizeBefore = active.size();
      }
      // The log's size matters only under a quota: no summing of segments per commit otherwise.
      batch = new Batch(active, settings.maxBytes() > 0 ? state.bytesWritten() : 0);
      for (AppendOp op : appends) {
        batch.add(op);
      }
      if (batch.written.isEmpty()) {
        return;
      }
      batch.write();
      active.sync();
    } catch (IOException | RuntimeException e) {
      IOException cause = undoPartialWrite(active, sizeBefore, e);
      appends.forEach(op -> op.done().completeExceptionally(cause));
      return;
    }
    state.apply(active.id, batch.written, batch.positions, batch.highest);
    lastWriteFailed = null;
    signalCommit();
    batch.accepted.forEach(op -> op.done().complete(null));
  }

  /**
   * Records acknowledgements and every id's highest sequence number in the checkpoint file (in
   * place: no free byte needed), then deletes the segments that hold nothing unacknowledged any
   * more. Writes nothing when nothing new is acknowledged and the marks asked for are covered.
   */
  private void checkpoint(List<AckOp> acks, List<MarkOp> marks) {
    List<Op> ops = new ArrayList<>(acks);
    ops.addAll(marks);
    Map<String, Long> acknowledged = new HashMap<>();
    for (AckOp ack : acks) {
      String id = ack.persistenceId();
      long seq = Math.min(ack.seq(), state.highestSeq(id));
      if (seq > acknowledged.getOrDefault(id, state.acknowledgedSeq(id))) {
        acknowledged.put(id, seq);
      }
    }
    boolean marksNeeded = marks.stream().anyMatch(mark -> !state.checkpointCovers(mark.highest()));
    if (!acknowledged.isEmpty() || marksNeeded) {
      try {
        List<LogRecord.Position> positions = state.positionsWith(acknowledged);
        checkpoints.write(positions);
        state.checkpointed(positions);
      } catch (IOException | RuntimeException e) {
        IOException cause =
            e instanceof IOException io ? io : new IOException("checkpoint write failed: " + e, e);
        log.error("flash log {}: a checkpoint could not be written: {}", state.dir, e);
        ops.forEach(op -> op.done().completeExceptionally(cause));
        return;
      }
      state.acknowledge(acknowledged);
      if (!acknowledged.isEmpty()) {
        dropAcknowledgedSegments();
      }
    }
    ops.forEach(op -> op.done().complete(null));
  }

  /** A commit's frames are written together up to this many bytes (a record may make it more). */
  private static final int WRITE_BYTES = 1 << 20;

  /** One commit's appends, checked against the durable state and the quota. */
  private final class Batch {
    final SegmentFile segment;
    final Map<String, Long> highest = new HashMap<>();
    final List<Events> written = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    final List<Op> accepted = new ArrayList<>();

    /** Accepted records' frames not written yet, and their bytes: written about a MiB at most. */
    private final List<byte[]> frames = new ArrayList<>();

    private int frameBytes;
    long bytes;
    private LogRecord.Mark previous;

    Batch(SegmentFile segment, long bytesBefore) {
      this.segment = segment;
      this.bytes = bytesBefore;
      this.previous = state.lastMark();
    }

    void add(AppendOp append) throws IOException {
      String problem = sequenceProblem(append.records());
      if (problem != null) {
        append.done().completeExceptionally(new IllegalArgumentException(problem));
        return;
      }
      List<byte[]> recordFrames = new ArrayList<>();
      long size = 0;
      LogRecord.Mark mark = previous;
      for (Events record : append.records()) {
        byte[] frame = LogRecord.frame(record.after(mark));
        mark = record.mark();
        recordFrames.add(frame);
        size += frame.length;
      }
      if (settings.maxBytes() > 0 && bytes + size > settings.maxBytes()) {
        full = "quota of " + settings.maxBytes() + " bytes reached";
        append.done().completeExceptionally(new LogFullException(fullness()));
        return;
      }
      for (int i = 0; i < recordFrames.size(); i++) {
        Events record = append.records().get(i);
        positions.add(segment.size() + frameBytes);
        frames.add(recordFrames.get(i));
        frameBytes += recordFrames.get(i).length;
        written.add(record);
        highest.put(record.persistenceId(), record.lastSeq());
        if (frameBytes >= WRITE_BYTES) {
          write();
        }
      }
      bytes += size;
      previous = mark;
      accepted.add(append);
    }

    /** Writes the frames accepted so far, after the segment's end, in one write. */
    void write() throws IOException {
      if (frameBytes > 0) {
        segment.append(frames);
        frames.clear();
        frameBytes = 0;
      }
    }

    long highestOf(String persistenceId) {
      return highest.getOrDefault(persistenceId, state.highestSeq(persistenceId));
    }

    String sequenceProblem(List<Events> records) {
      // one atomic write is the usual append: no map of ids for it
      Map<String, Long> seen = records.size() == 1 ? Map.of() : new HashMap<>();
      for (Events record : records) {
        String id = record.persistenceId();
        String problem = sequenceProblem(record, seen.getOrDefault(id, highestOf(id)));
        if (problem != null) {
          return problem;
        }
        if (records.size() > 1) {
          seen.put(id, record.lastSeq());
        }
      }
      return null;
    }

    private static String sequenceProblem(Events record, long above) {
      for (StoredEvent event : record.events()) {
        if (event.seq() <= above) {
          return "sequence number "
              + event.seq()
              + " of "
              + record.persistenceId()
              + " is not above "
              + above;
        }
        above = event.seq();
      }
      return null;
    }
  }

  private SegmentFile roll(SegmentFile active) throws IOException {
    SegmentFile next = SegmentFile.open(state.disk, state.dir, active.id + 1);
    state.syncDirectory();
    state.addSegment(next, new SegmentIndex());
    return next;
  }

  /**
   * Deletes segments holding only acknowledged events. The checkpoint file already states every
   * id's position, so nothing needs writing first.
   */
  private void dropAcknowledgedSegments() {
    List<Long> deletable = state.fullyAcknowledgedSegments();
    if (deletable.isEmpty()) {
      return;
    }
    try {
      for (Long id : deletable) {
        SegmentFile segment = state.removeSegment(id);
        segment.close();
        state.disk.delete(segment.path);
      }
      state.syncDirectory();
      log.debug("dropped {} acknowledged segment(s) from {}", deletable.size(), state.dir);
    } catch (IOException e) {
      log.warn("could not delete an acknowledged segment of {}: {}", state.dir, e.toString());
    }
    checkRoom();
  }

  /**
   * Cuts a failed write off the segment so the next write does not follow garbage. If even that
   * fails, the log refuses all further writes.
   */
  private IOException undoPartialWrite(SegmentFile segment, long size, Exception e) {
    IOException cause =
        e instanceof IOException io ? io : new IOException("flash log write failed: " + e, e);
    lastWriteFailed = "the last write to " + state.dir + " failed: " + e.getMessage();
    boolean lackOfSpace = LogFullException.isLackOfSpace(e);
    if (lackOfSpace) {
      full = "disk full";
      cause = new LogFullException(fullness());
    }
    try {
      segment.truncate(size);
      if (lackOfSpace) {
        log.warn(
            "flash log {}: {}; it takes no readings until there is room",
            state.dir,
            cause.getMessage());
      } else {
        log.error("flash log write failed; the partial write was removed: {}", e.toString());
      }
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
