package io.forelight.frms.coordinator.access;

/**
 * A user or token request that cannot be done as asked: invalid (400), unknown (404), clashing
 * (409).
 */
public final class AccessProblem extends RuntimeException {

  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    STARTING
  }

  private final Kind kind;

  public AccessProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static AccessProblem invalid(String message) {
    return new AccessProblem(Kind.INVALID, message);
  }
}
