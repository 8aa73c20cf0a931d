package io.forelight.frms.coordinator.http;

/**
 * A request that cannot be answered now because the coordinator holding the reactor cannot be
 * reached; the message says which and since when (HTTP 503).
 */
final class Unavailable extends RuntimeException {

  Unavailable(String message) {
    super(message);
  }
}
