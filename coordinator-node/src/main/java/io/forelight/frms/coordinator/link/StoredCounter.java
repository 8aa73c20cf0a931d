package io.forelight.frms.coordinator.link;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the readings a link stored (logging the count at DEBUG every ten seconds while it grows;
 * the node's summary line, {@code CoordinatorOps}, is at INFO every minute), the time of the
 * newest, and when the reactor was last heard. Written by the link's actor and stream, read by JMX.
 * The count is the node's for the reactor ({@code CoordinatorOps.storedTotal}): it goes on from
 * where it was when the link restarts with its Reactor entity.
 */
final class StoredCounter {

  private static final Logger log = LoggerFactory.getLogger(StoredCounter.class);
  private static final long LOG_EVERY_MILLIS = 10_000;

  private final String reactorId;
  private final LongAdder total;
  private volatile long lastStoredAtMillis;
  private volatile long newestReadingMicros;
  private volatile long lastHeardMillis;
  private long logged;
  private long loggedAtMillis;

  StoredCounter(String reactorId, LongAdder total) {
    this.reactorId = reactorId;
    this.total = total;
    this.logged = total.sum();
  }

  /** The reactor sent something: readings or a heartbeat. */
  void heard() {
    lastHeardMillis = System.currentTimeMillis();
  }

  void stored(long readings, long newestTakenAtMicros) {
    newestReadingMicros = Math.max(newestReadingMicros, newestTakenAtMicros);
    total.add(readings);
    lastStoredAtMillis = System.currentTimeMillis();
    if (log.isDebugEnabled() && lastStoredAtMillis - loggedAtMillis >= LOG_EVERY_MILLIS) {
      long all = total.sum();
      log.debug(
          "reactor {}: stored {} readings in Cassandra ({} in all)", reactorId, all - logged, all);
      logged = all;
      loggedAtMillis = lastStoredAtMillis;
    }
  }

  long total() {
    return total.sum();
  }

  long lastStoredAtMillis() {
    return lastStoredAtMillis;
  }

  long newestReadingMicros() {
    return newestReadingMicros;
  }

  long lastHeardMillis() {
    return lastHeardMillis;
  }
}
