package io.forelight.frms.reactor.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.LoggerFactory;

/**
 * How recovery gets past a damaged record: it finds the next frame that holds (its length fits, its
 * checksum matches, it decodes), copies the damaged bytes into {@code damaged/} beside the segments
 * for inspection, and overwrites them with padding records that every reader steps over.
 */
final class Resync {

  static final String DAMAGED_DIR = "damaged";

  private Resync() {}

  /**
   * Position of the first valid frame after the bad one at {@code bad}, or -1 if nothing valid
   * follows in the segment. A real frame is at least {@link LogRecord#MIN_FRAME_BYTES} long, so the
   * search starts that far on: the damaged range always has room for a padding frame.
   */
  static long nextValidFrame(SegmentFile segment, long bad) throws IOException {
    long from = bad + LogRecord.MIN_FRAME_BYTES;
    if (from + LogRecord.MIN_FRAME_BYTES > segment.size()) {
      return -1;
    }
    byte[] rest = segment.readBytes(from, segment.size());
    ByteBuffer view = ByteBuffer.wrap(rest);
    for (int at = 0; at + LogRecord.MIN_FRAME_BYTES <= rest.length; at++) {
      if (holdsFrame(view, rest, at)) {
        return from + at;
      }
    }
    return -1;
  }

  private static boolean holdsFrame(ByteBuffer view, byte[] bytes, int at) {
    int length = view.getInt(at);
    if (length <= 0
        || length > LogRecord.MAX_BODY_BYTES
        || length > bytes.length - at - LogRecord.FRAME_HEADER_BYTES) {
      return false;
    }
    byte[] body = new byte[length];
    System.arraycopy(bytes, at + LogRecord.FRAME_HEADER_BYTES, body, 0, length);
    if (!LogRecord.checksumHolds(body, view.getInt(at + 4))) {
      return false;
    }
    try {
      LogRecord.decode(body);
      return true;
    } catch (IOException | RuntimeException undecodable) {
      return false;
    }
  }

  /**
   * Copies bytes {@code from..to} of the segment into {@code damaged/}, then overwrites them with
   * padding (or, when nothing valid follows in an older segment, cuts them off).
   */
  static LogDamage setAside(LogState state, SegmentFile segment, long from, long to, String problem)
      throws IOException {
    Path copy = copyAside(state, segment, from, to);
    if (to == segment.size()) {
      segment.truncate(from);
    } else {
      pad(segment, from, to);
    }
    return new LogDamage(segment.path, from, to, problem, copy);
  }

  /** The copy's path, or null if it could not be written (a full card): then no copy is kept. */
  private static Path copyAside(LogState state, SegmentFile segment, long from, long to) {
    Path dir = state.dir.resolve(DAMAGED_DIR);
    Path copy = dir.resolve(segment.path.getFileName() + "." + from + "-" + to + ".bin");
    try {
      Files.createDirectories(dir);
      try (FileChannel out =
          state.disk.open(
              copy,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(segment.readBytes(from, to));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      state.disk.syncDirectory(dir);
      return copy;
    } catch (IOException e) {
      LoggerFactory.getLogger(Resync.class)
          .warn("flash log {}: no copy of the damaged bytes kept: {}", state.dir, e.toString());
      return null;
    }
  }

  private static void pad(SegmentFile segment, long from, long to) throws IOException {
    int maxFrame = LogRecord.FRAME_HEADER_BYTES + LogRecord.MAX_BODY_BYTES;
    long at = from;
    while (at < to) {
      long left = to - at;
      int frame = (int) Math.min(left, maxFrame);
      if (left - frame > 0 && left - frame < LogRecord.MIN_FRAME_BYTES) {
        frame -= LogRecord.MIN_FRAME_BYTES;
      }
      segment.overwrite(at, LogRecord.frame(new LogRecord.Padding(frame)));
      at += frame;
    }
  }
}
