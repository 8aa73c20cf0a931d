package io.forelight.frms.coordinator.ownership;

import java.time.Duration;

/**
 * Until when the holder of a lease may act on it, by two clocks: the monotonic one (which keeps
 * counting while the process is stopped or paused by a long GC) and the wall clock (which a
 * hypervisor or NTP sets forward after a frozen VM resumes, when the monotonic clock may not have
 * counted the freeze). The lease is trusted only while both say the time since the renewal was sent
 * is under {@link LeaseTiming#trusted()}. Not thread-safe: its owner synchronizes.
 */
final class Validity {

  /** The two clocks, read together. */
  interface Clocks {
    long monotonicNanos();

    long wallMillis();

    Clocks SYSTEM =
        new Clocks() {
          @Override
          public long monotonicNanos() {
            return System.nanoTime();
          }

          @Override
          public long wallMillis() {
            return System.currentTimeMillis();
          }
        };
  }

  /** When a renewal (or acquisition) was sent, by both clocks. */
  record Sent(long monotonicNanos, long wallMillis) {
    static Sent now(Clocks clocks) {
      return new Sent(clocks.monotonicNanos(), clocks.wallMillis());
    }
  }

  private final Duration trusted;
  private final Clocks clocks;
  private Sent renewed;

  Validity(Duration trusted, Clocks clocks) {
    this.trusted = trusted;
    this.clocks = clocks;
  }

  /** A renewal sent at {@code sent} was applied: trust the lease for a while from then. */
  void renewed(Sent sent) {
    if (renewed == null || sent.monotonicNanos() - renewed.monotonicNanos() > 0) {
      renewed = sent;
    }
  }

  void clear() {
    renewed = null;
  }

  boolean held() {
    return renewed != null;
  }

  /** True while the lease is held and both clocks are within the trusted time of the renewal. */
  boolean valid() {
    return within(trusted);
  }

  /** True while the lease is held and both clocks are within {@code limit} of the renewal. */
  boolean within(Duration limit) {
    if (renewed == null) {
      return false;
    }
    long monotonic = clocks.monotonicNanos() - renewed.monotonicNanos();
    long wall = clocks.wallMillis() - renewed.wallMillis();
    return monotonic < limit.toNanos() && wall < limit.toMillis();
  }

  /** Time since the last renewal was sent (monotonic), for messages. */
  Duration sinceRenewal() {
    return renewed == null
        ? Duration.ZERO
        : Duration.ofNanos(clocks.monotonicNanos() - renewed.monotonicNanos());
  }
}
