package io.forelight.frms.reactor.driver;

/** A device answered, but not with a usable value; the message says what it answered. */
public final class DriverException extends Exception {

  public DriverException(String message) {
    super(message);
  }

  public DriverException(String message, Throwable cause) {
    super(message, cause);
  }
}
