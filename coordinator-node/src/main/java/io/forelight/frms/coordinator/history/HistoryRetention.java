package io.forelight.frms.coordinator.history;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How long raw readings are kept: {@code frms.coordinator.history.retention}, 0 (the default) for
 * ever. A reading expires that long after it was written to the read model (a Cassandra TTL, so it
 * is enforced by Cassandra itself); the SensorLog journal, the store of record, is not touched.
 */
public final class HistoryRetention {

  static final String PATH = "frms.coordinator.history.retention";

  /** Cassandra's largest TTL: 20 years. */
  static final Duration MAX = Duration.ofDays(20 * 365);

  private HistoryRetention() {}

  public static Duration of(Config config) {
    Duration retention = config.hasPath(PATH) ? config.getDuration(PATH) : Duration.ZERO;
    if (retention.isNegative()
        || (!retention.isZero() && retention.compareTo(Duration.ofDays(1)) < 0)
        || retention.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          PATH
              + ": 0 (keep for ever) or from 1 day to 20 years, got "
              + retention
              + " (for example 365d)");
    }
    return retention;
  }
}
