package io.forelight.frms.reactor.journal;

import io.forelight.frms.reactor.journal.LogRecord.Checkpoint;
import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a flash log's state from its segment files. A bad record with nothing valid after it at
 * the end of the last segment is the write a crash interrupted: it is cut off. A bad record
 * anywhere else is damage a crash cannot cause: its bytes are copied aside and stepped over (see
 * {@link Resync}), every valid record before and after is kept, and the damage is reported. The
 * sequence numbers a damaged record used stay used: the record after it names them ({@link
 * LogRecord.Mark}). Recovery of a large log reports its progress every few seconds; it has no
 * deadline.
 */
final class LogRecovery {

  private static final Logger log = LoggerFactory.getLogger(LogRecovery.class);

  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private LogRecovery() {}

  static LogState recover(Path dir, LogDisk disk) throws IOException {
    Files.createDirectories(dir);
    LogState state = new LogState(dir, disk);
    List<Long> ids;
    try (Stream<Path> files = Files.list(dir)) {
      ids =
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> name.matches("\\d{20}\\.log"))
              .map(name -> Long.parseLong(name.substring(0, 20)))
              .sorted()
              .toList();
    }
    long totalBytes = 0;
    for (long id : ids) {
      totalBytes += Files.size(dir.resolve(SegmentFile.fileName(id)));
    }
    long started = System.nanoTime();
    long lastReport = started;
    long readBytes = 0;
    for (int i = 0; i < ids.size(); i++) {
      SegmentFile segment = SegmentFile.open(disk, dir, ids.get(i));
      readBytes += segment.size();
      state.addSegment(segment, recoverSegment(state, segment, i == ids.size() - 1));
      if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
        lastReport = System.nanoTime();
        log.info(
            "flash log {}: recovering, {} of {} segments read ({} of {} MiB) in {} s",
            dir,
            i + 1,
            ids.size(),
            readBytes >> 20,
            totalBytes >> 20,
            (lastReport - started) / 1_000_000_000L);
      }
    }
    if (lastReport != started) {
      log.info(
          "flash log {}: recovered {} segments ({} MiB) in {} s",
          dir,
          ids.size(),
          totalBytes >> 20,
          (System.nanoTime() - started) / 1_000_000_000L);
    }
    if (state.isEmpty()) {
      state.addSegment(SegmentFile.open(disk, dir, 1L), new SegmentIndex());
      state.syncDirectory();
    }
    return state;
  }

  private static SegmentIndex recoverSegment(LogState state, SegmentFile segment, boolean last)
      throws IOException {
    SegmentIndex index = new SegmentIndex();
    SegmentFile.Reader reader = segment.reader(segment.firstRecord(), segment.size());
    for (SegmentFile.Frame frame = reader.next(); frame != null; frame = reader.next()) {
      if (!frame.valid()) {
        long resume = Resync.nextValidFrame(segment, frame.position());
        if (resume < 0 && last) {
          log.warn(
              "flash log {}: cut off {} bytes of an unfinished write at byte {} ({})",
              segment.path,
              segment.size() - frame.position(),
              frame.position(),
              frame.problem());
          segment.truncate(frame.position());
          break;
        }
        LogDamage damage =
            Resync.setAside(
                state,
                segment,
                frame.position(),
                resume < 0 ? segment.size() : resume,
                frame.problem());
        state.addDamage(damage);
        log.error(
            "flash log {}: damaged record found: {}; every valid record before and after it is"
                + " kept, and the readings it held are reported lost at source",
            state.dir,
            damage.describe());
        if (resume < 0) {
          break;
        }
        reader = segment.reader(resume, segment.size());
        continue;
      }
      if (frame.record() instanceof Events events) {
        index.add(events, frame.position());
        state.applyRecovered(events);
      } else if (frame.record() instanceof Checkpoint checkpoint) {
        state.applyCheckpoint(checkpoint.positions());
      }
    }
    return index;
  }
}
