package io.forelight.frms.coordinator.link;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a coordinator talks to reactors: reconnect backoff (jittered, capped at a few seconds), batch
 * bounds it asks for, how many readings waiting batches may be joined into for one store, how long
 * a silent stream may stay silent before it is treated as dead (the reactor sends heartbeats),
 * timeouts of single calls and of stores, how often stored positions are acknowledged to a reactor
 * (at most), and how far a reactor's clock may be off before it is reported.
 */
public record LinkSettings(
    Duration minBackoff,
    Duration maxBackoff,
    double randomFactor,
    int maxBatchSize,
    Duration maxLinger,
    int maxReadingsPerStore,
    Duration idleTimeout,
    Duration callTimeout,
    Duration storeTimeout,
    Duration redescribeInterval,
    Duration acknowledgeInterval,
    Duration maxClockSkew) {

  public static LinkSettings fromConfig(Config c) {
    return new LinkSettings(
        c.getDuration("min-backoff"),
        c.getDuration("max-backoff"),
        c.getDouble("random-factor"),
        c.getInt("max-batch-size"),
        c.getDuration("max-linger"),
        c.getInt("max-readings-per-store"),
        c.getDuration("idle-timeout"),
        c.getDuration("call-timeout"),
        c.getDuration("store-timeout"),
        c.getDuration("redescribe-interval"),
        c.getDuration("acknowledge-interval"),
        c.getDuration("max-clock-skew"));
  }

  /** The delay before reconnect attempt n (1-based): exponential, capped, with jitter. */
  public Duration backoff(int attempt, double random) {
    double base = minBackoff.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    double capped = Math.min(base, maxBackoff.toMillis());
    double jittered = capped * (1 + randomFactor * (random * 2 - 1));
    return Duration.ofMillis(
        (long) Math.max(minBackoff.toMillis(), Math.min(jittered, maxBackoff.toMillis())));
  }
}
