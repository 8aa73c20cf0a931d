package io.forelight.frms.coordinator.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open streams (live readings: each holds a bounded buffer) so that beyond {@code max} a new
 * one is refused with the reason, and open pages cannot add up to unbounded memory on a node.
 */
final class StreamGate {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  StreamGate(int max) {
    this.max = max;
  }

  /** Whether all places are taken: a new stream is then refused. */
  boolean full() {
    return open.get() >= max;
  }

  /**
   * Takes a place when a stream starts (it may go a little over {@code max} when streams start at
   * the same moment; a place is never taken for a stream that does not start).
   */
  void enter() {
    open.incrementAndGet();
  }

  /** Gives back the place of a stream that ended. */
  void leave() {
    open.decrementAndGet();
  }

  int open() {
    return open.get();
  }

  String refusal() {
    return "this coordinator already serves "
        + max
        + " live streams; close one, or ask another coordinator";
  }
}
