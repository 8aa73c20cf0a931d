package io.forelight.frms.coordinator.http;

/** The request cannot be done in the state things are in; the message says why (HTTP 409). */
final class Conflict extends RuntimeException {

  Conflict(String message) {
    super(message);
  }
}
