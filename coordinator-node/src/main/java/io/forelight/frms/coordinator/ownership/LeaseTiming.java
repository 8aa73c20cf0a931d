package io.forelight.frms.coordinator.ownership;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * The times of a Cassandra lease, read from its config section and checked: the lease row lives
 * {@code heartbeat-timeout} (a Cassandra TTL) after each renewal; the holder renews it every {@code
 * heartbeat-interval} and trusts it only until {@code heartbeat-timeout - safety-margin} after the
 * renewal was <em>sent</em>, so it stops writing before anyone else can take the lease.
 */
public record LeaseTiming(
    Duration ttl,
    Duration heartbeatInterval,
    Duration operationTimeout,
    Duration safetyMargin,
    Duration acquireRetryInterval,
    Duration releaseCheckInterval) {

  /** A lease setting that cannot work. */
  public static final class Problem extends RuntimeException {
    Problem(String message) {
      super(message);
    }
  }

  public static LeaseTiming fromConfig(Config lease, String path) {
    try {
      LeaseTiming timing =
          new LeaseTiming(
              lease.getDuration("heartbeat-timeout"),
              lease.getDuration("heartbeat-interval"),
              lease.getDuration("lease-operation-timeout"),
              lease.getDuration("safety-margin"),
              lease.getDuration("acquire-retry-interval"),
              lease.getDuration("release-check-interval"));
      timing.check(path);
      return timing;
    } catch (ConfigException e) {
      throw new Problem(e.getMessage());
    }
  }

  private void check(String path) {
    if (ttl.toMillis() % 1000 != 0 || ttl.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new Problem(
          path
              + ".heartbeat-timeout: must be whole seconds (a Cassandra TTL), at least 2 s, got "
              + ttl);
    }
    if (safetyMargin.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new Problem(
          path
              + ".safety-margin: must be at least 1 s (Cassandra's TTL counts whole seconds), got "
              + safetyMargin);
    }
    if (heartbeatInterval.isNegative()
        || heartbeatInterval.isZero()
        || heartbeatInterval.multipliedBy(2).compareTo(trusted()) > 0) {
      throw new Problem(
          path
              + ".heartbeat-interval: must be positive and at most half of heartbeat-timeout"
              + " minus safety-margin ("
              + trusted().toMillis()
              + " ms), so a renewal can fail once without losing the lease; got "
              + heartbeatInterval);
    }
    for (Duration positive :
        new Duration[] {operationTimeout, acquireRetryInterval, releaseCheckInterval}) {
      if (positive.isNegative() || positive.isZero()) {
        throw new Problem(
            path
                + ": lease-operation-timeout, acquire-retry-interval and release-check-interval"
                + " must be positive");
      }
    }
  }

  /** How long after sending a successful renewal the holder may still write. */
  public Duration trusted() {
    return ttl.minus(safetyMargin);
  }

  public int ttlSeconds() {
    return (int) ttl.toSeconds();
  }
}
