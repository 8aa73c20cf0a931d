package io.forelight.frms.coordinator.groups;

/** A group request that cannot be done as asked: invalid (400), unknown (404), clashing (409). */
public final class GroupProblem extends RuntimeException {

  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;

  public GroupProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
