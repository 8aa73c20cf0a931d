package io.forelight.frms.coordinator.link;

import org.slf4j.Logger;

/** Counts the readings a link stored and logs the count every ten seconds while it grows. */
final class StoredCounter {

  private static final long LOG_EVERY_MILLIS = 10_000;

  private final String reactorId;
  private final Logger log;
  private long total;
  private long lastStoredAtMillis;
  private long logged;
  private long loggedAtMillis;

  StoredCounter(String reactorId, Logger log) {
    this.reactorId = reactorId;
    this.log = log;
  }

  void stored(long readings) {
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
}
