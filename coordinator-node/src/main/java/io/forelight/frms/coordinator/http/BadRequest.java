package io.forelight.frms.coordinator.http;

/** A request that cannot be answered as asked; the message says what is wrong (HTTP 400). */
final class BadRequest extends RuntimeException {

  BadRequest(String message) {
    super(message);
  }
}
