package io.forelight.frms.reactor.journal;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Where a flash log lives, how big its segments grow, and how much it may hold. {@code
 * maxPendingWrites} bounds the queue in front of the writer: beyond it, writes fail fast instead of
 * piling up in memory. {@code maxBytes} (0: no quota) is a quota the log treats exactly like a full
 * disk.
 */
public record FlashLogSettings(Path dir, long segmentBytes, int maxPendingWrites, long maxBytes) {

  /** Segments are never smaller than this, whatever the size limit. */
  static final long MIN_SEGMENT_BYTES = 4096;

  /** A size limit is split into at least this many segments, so acknowledged ones can go. */
  static final int SEGMENTS_PER_LIMIT = 16;

  public FlashLogSettings {
    if (segmentBytes < MIN_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "segment-size must be at least 4 KiB, got " + segmentBytes);
    }
    if (maxPendingWrites < 1) {
      throw new IllegalArgumentException("max-pending-writes must be positive");
    }
    if (maxBytes != 0 && maxBytes < SEGMENTS_PER_LIMIT * MIN_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "max-bytes must be 0 (no quota) or at least "
              + SEGMENTS_PER_LIMIT * MIN_SEGMENT_BYTES
              + " bytes, got "
              + maxBytes);
    }
  }

  public FlashLogSettings(Path dir, long segmentBytes, int maxPendingWrites) {
    this(dir, segmentBytes, maxPendingWrites, 0);
  }

  /** Reads {@code dir}, {@code segment-size}, {@code max-pending-writes} and {@code max-bytes}. */
  public static FlashLogSettings fromConfig(Config config) {
    return new FlashLogSettings(
        Path.of(config.getString("dir")),
        config.getBytes("segment-size"),
        config.getInt("max-pending-writes"),
        config.getBytes("max-bytes"));
  }

  /**
   * The segment size to use under a size limit (the quota, or else the disk's size): at most a
   * sixteenth of it, so a small card still frees acknowledged readings segment by segment.
   */
  long segmentBytesWithin(long diskBytes) {
    long limit = maxBytes > 0 ? maxBytes : diskBytes;
    if (limit <= 0) {
      return segmentBytes;
    }
    return Math.min(segmentBytes, Math.max(MIN_SEGMENT_BYTES, limit / SEGMENTS_PER_LIMIT));
  }
}
