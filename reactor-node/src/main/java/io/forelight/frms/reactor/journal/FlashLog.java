package io.forelight.frms.reactor.journal;

import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, crash-safe event log in a folder of segment files, for a reactor's flash.
 *
 * <p>Writes are group-committed by one writer thread (one fsync for all queued writes), so 32
 * sensors at 10 Hz cost a few fsyncs per second, not 320. Readers only see what an fsync covered.
 * Each atomic write is one checksummed record: a power cut loses at most the write in flight, and
 * on open a torn record at the tail is cut off with everything before it intact. Acknowledged
 * events are dropped a whole segment at a time; the highest sequence number of every persistence id
 * survives in the {@link CheckpointFile}, so sequence numbers are never reused. A full disk (or the
 * log's quota) stops appends, never acknowledgements: those free space without needing any.
 */
public final class FlashLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FlashLog.class);

  /** How much the log holds. */
  public record Status(long unacknowledgedEvents, long bytesOnDisk, int segments) {}

  private final LogState state;
  private final CheckpointFile checkpoints;
  private final LogWriter writer;

  private FlashLog(LogState state, CheckpointFile checkpoints, LogWriter writer) {
    this.state = state;
    this.checkpoints = checkpoints;
    this.writer = writer;
  }

  /** Opens (or creates) the log in its folder, recovering from a torn tail if there is one. */
  public static FlashLog open(FlashLogSettings settings) throws IOException {
    return open(settings, LogDisk.REAL);
  }

  static FlashLog open(FlashLogSettings settings, LogDisk disk) throws IOException {
    LogState state = LogRecovery.recover(settings.dir(), disk);
    CheckpointFile checkpoints = CheckpointFile.open(disk, settings.dir());
    state.applyCheckpoint(checkpoints.recovered());
    long segmentBytes = settings.segmentBytesWithin(disk.totalSpace(settings.dir()));
    if (segmentBytes < settings.segmentBytes()) {
      log.info(
          "flash log {}: segments of {} KiB (a sixteenth of its size limit)",
          settings.dir(),
          segmentBytes / 1024);
    }
    return new FlashLog(
        state, checkpoints, new LogWriter(state, settings, checkpoints, segmentBytes));
  }

  public Path dir() {
    return state.dir;
  }

  /**
   * The id of this log's incarnation: made with the log and kept in its checkpoints, new when the
   * log was created afresh or recreated after damage. Sequence numbers continue only within one.
   */
  public String incarnation() {
    return checkpoints.incarnation().toString();
  }

  /** Appends atomic writes (one record each); completes when they are durable. */
  public CompletableFuture<Void> append(List<Events> records) {
    return writer.submit(new LogWriter.AppendOp(List.copyOf(records), new CompletableFuture<>()));
  }

  /**
   * Appends one atomic write per persistence id (each id's events in sequence order, continuing its
   * log) without going through the journal plugin; completes when all are durable. For tools that
   * fill a log directly, such as the benchmark's load generator.
   */
  public CompletableFuture<Void> append(Map<String, List<StoredEvent>> writes) {
    List<Events> records = new ArrayList<>(writes.size());
    writes.forEach((id, events) -> records.add(new Events(id, List.copyOf(events))));
    return append(records);
  }

  /**
   * Records that events of this id up to {@code seq} are stored elsewhere and may be dropped; a seq
   * above the highest written is capped to it. Completes when that is durable.
   */
  public CompletableFuture<Void> acknowledge(String persistenceId, long seq) {
    return writer.submit(new LogWriter.AckOp(persistenceId, seq, new CompletableFuture<>()));
  }

  /**
   * Completes once the checkpoint file holds each id at or above these sequence numbers: call it
   * before sending events elsewhere, so that a log that later loses its tail (a cut file, a
   * restored image) still knows every number someone else may hold and never uses it again.
   * Immediate when an earlier checkpoint covers them; one in-place write otherwise (no free space
   * needed), shared with acknowledgements.
   */
  public CompletableFuture<Void> markSent(Map<String, Long> highestSeqs) {
    if (highestSeqs.isEmpty() || state.checkpointCovers(highestSeqs)) {
      return CompletableFuture.completedFuture(null);
    }
    return writer.submit(new LogWriter.MarkOp(Map.copyOf(highestSeqs), new CompletableFuture<>()));
  }

  /** Completes at the next durable commit (exceptionally if the log fails for good). */
  public CompletableFuture<Void> nextCommit() {
    return writer.nextCommit();
  }

  public long highestSeq(String persistenceId) {
    return state.highestSeq(persistenceId);
  }

  public long acknowledgedSeq(String persistenceId) {
    return state.acknowledgedSeq(persistenceId);
  }

  public Status status() {
    return state.status();
  }

  /** Why this log cannot take writes now, if it cannot. */
  public Optional<String> problem() {
    return writer.problem();
  }

  /**
   * Why this log takes no readings now for lack of space ("log full: N bytes, M unacknowledged
   * readings (disk full)"), if it does not; it ends by itself when space returns.
   */
  public Optional<String> full() {
    return writer.full();
  }

  /** Like {@link #full}, only the reason: "disk full" or "quota of N bytes reached". */
  public Optional<String> fullReason() {
    return writer.fullReason();
  }

  /**
   * Durable, unacknowledged events of one id from {@code fromSeq} to {@code toSeq}, at most {@code
   * max} of them, in sequence order. The latest few of each id come from memory; older ones are
   * read from the segments, blocking file I/O: call it off the actor threads.
   */
  public List<StoredEvent> read(String persistenceId, long fromSeq, long toSeq, int max)
      throws IOException {
    return read(persistenceId, fromSeq, toSeq, max, false);
  }

  /**
   * Like {@link #read}, but from the last acknowledged event on while it is still on disk: the link
   * sends it again so the coordinator can check that its copy matches this log.
   */
  public List<StoredEvent> readFromLastAcknowledged(
      String persistenceId, long fromSeq, long toSeq, int max) throws IOException {
    return read(persistenceId, fromSeq, toSeq, max, true);
  }

  /**
   * Like {@link #readFromLastAcknowledged}, but only from memory, without blocking: empty if the
   * read must go to the disk.
   */
  public Optional<List<StoredEvent>> readRecentFromLastAcknowledged(
      String persistenceId, long fromSeq, long toSeq, int max) {
    return state.readRecent(
        persistenceId, state.readableFrom(persistenceId, fromSeq, true), toSeq, max);
  }

  private List<StoredEvent> read(
      String persistenceId, long fromSeq, long toSeq, int max, boolean lastAcknowledged)
      throws IOException {
    long from = state.readableFrom(persistenceId, fromSeq, lastAcknowledged);
    Optional<List<StoredEvent>> recent = state.readRecent(persistenceId, from, toSeq, max);
    if (recent.isPresent()) {
      return recent.get();
    }
    try {
      return readOnce(persistenceId, from, toSeq, max);
    } catch (ClosedChannelException segmentDroppedMeanwhile) {
      return readOnce(
          persistenceId, state.readableFrom(persistenceId, fromSeq, lastAcknowledged), toSeq, max);
    }
  }

  /**
   * Every event of one id still on disk from {@code fromSeq}, acknowledged or not (segments that
   * were dropped are gone): for audits that compare the log with the central store.
   */
  public List<StoredEvent> readRetained(String persistenceId, long fromSeq, int max)
      throws IOException {
    return readOnce(persistenceId, fromSeq, Long.MAX_VALUE, max);
  }

  private List<StoredEvent> readOnce(String persistenceId, long from, long toSeq, int max)
      throws IOException {
    List<StoredEvent> result = new ArrayList<>();
    for (LogState.ReadPlan plan : state.planRead(persistenceId, from)) {
      SegmentFile.Reader reader = plan.segment().reader(plan.start(), plan.limit(), persistenceId);
      for (SegmentFile.Frame frame = reader.next(); frame != null; frame = reader.next()) {
        if (!frame.valid()) {
          throw new IOException(
              "corrupt record in "
                  + plan.segment().path
                  + " at byte "
                  + frame.position()
                  + ": "
                  + frame.problem());
        }
        if (frame.record() instanceof Events events
            && events.persistenceId().equals(persistenceId)) {
          for (StoredEvent event : events.events()) {
            if (event.seq() > toSeq || result.size() >= max) {
              return result;
            }
            if (event.seq() >= from) {
              result.add(event);
            }
          }
        }
      }
    }
    return result;
  }

  /** Damage found (and stepped over) when the log was opened; empty for a sound log. */
  public List<LogDamage> damage() {
    return state.damage();
  }

  @Override
  public void close() {
    writer.stop();
    try {
      checkpoints.close();
    } catch (IOException e) {
      log.warn("closing the checkpoint file of {} failed: {}", state.dir, e.toString());
    }
    for (SegmentFile segment : state.allSegments()) {
      try {
        segment.close();
      } catch (IOException e) {
        log.warn("closing {} failed: {}", segment.path, e.toString());
      }
    }
  }
}
