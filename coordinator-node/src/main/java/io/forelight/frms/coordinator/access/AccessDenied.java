package io.forelight.frms.coordinator.access;

import java.time.Duration;

/**
 * A request refused for who made it: not logged in (401), not allowed (403), or too many failed
 * logins (429, with how long to wait). The message says which, never whether a name exists.
 */
public final class AccessDenied extends RuntimeException {

  public enum Kind {
    UNAUTHENTICATED,
    FORBIDDEN,
    THROTTLED
  }

  private final Kind kind;
  private final Duration retryAfter;

  public AccessDenied(Kind kind, String message) {
    this(kind, message, Duration.ZERO);
  }

  public AccessDenied(Kind kind, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public static AccessDenied forbidden(String message) {
    return new AccessDenied(Kind.FORBIDDEN, message);
  }
}
