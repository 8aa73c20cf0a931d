package io.forelight.frms.coordinator.link;

import org.slf4j.Logger;

/**
 * Counts the readings a link stored (logging the count every ten seconds while it grows), the time
 * of the newest, and when the reactor was last heard. Written by the link's actor and stream, read
 * by JMX.
 */
final class StoredCounter {

  private static final long LOG_EVERY_MILLIS = 10_000;

  private final String reactorId;
  private final Logger log;
  private volatile long total;
  private volatile long lastStoredAtMillis;
  private volatile long newestReadingMicros;
  private volatile long lastHeardMillis;
  private long logged;
  private long loggedAtMillis;

  StoredCounter(String reactorId, Logger log) {
    this.reactorId = reactorId;
    this.log = log;
  }

  /** The reactor sent something: readings or a heartbeat. */
  void heard() {
    lastHeardMillis = System.currentTimeMillis();
  }

  void stored(long readings, long newestTakenAtMicros) {
    newestReadingMicros = Math.max(newestReadingMicros, newestTakenAtMicros);
    total += readings;
    lastStoredAtMillis = System.currentTimeMillis();
    if (lastStoredAtMillis - loggedAtMillis >= LOG_EVERY_MILLIS) {
      log.info(
          "reactor {}: stored {} readings in Cassandra ({} in all)",
          reactorId,
          total - logged,
          total);
      logged = total;
      loggedAtMillis = lastStoredAtMillis;
    }
  }

  long total() {
    return total;
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
