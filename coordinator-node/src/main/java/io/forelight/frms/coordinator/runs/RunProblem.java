package io.forelight.frms.coordinator.runs;

/** A run request that cannot be done as asked: invalid (400), unknown (404), clashing (409). */
public final class RunProblem extends RuntimeException {

  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;

  public RunProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
