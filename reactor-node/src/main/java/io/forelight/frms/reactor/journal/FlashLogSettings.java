package io.forelight.frms.reactor.journal;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Where a flash log lives and how big its segments grow. {@code maxPendingWrites} bounds the queue
 * in front of the writer: beyond it, writes fail fast instead of piling up in memory.
 */
public record FlashLogSettings(Path dir, long segmentBytes, int maxPendingWrites) {

  public FlashLogSettings {
    if (segmentBytes < 4096) {
      throw new IllegalArgumentException(
          "segment-size must be at least 4 KiB, got " + segmentBytes);
    }
    if (maxPendingWrites < 1) {
      throw new IllegalArgumentException("max-pending-writes must be positive");
    }
  }

  /** Reads {@code dir}, {@code segment-size} and {@code max-pending-writes}. */
  public static FlashLogSettings fromConfig(Config config) {
    return new FlashLogSettings(
        Path.of(config.getString("dir")),
        config.getBytes("segment-size"),
        config.getInt("max-pending-writes"));
  }
}
