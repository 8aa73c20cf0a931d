package io.forelight.frms.coordinator.http;

/** What the request names does not exist; the message says what (HTTP 404). */
final class NotFound extends RuntimeException {

  NotFound(String message) {
    super(message);
  }
}
