package io.forelight.frms.coordinator.ownership;

import java.time.Instant;

/**
 * The coordinator holding an entity's lease ({@code node} is its host:port) and whether this node
 * can reach it: reachable, unreachable since a time, or removed from the cluster since a time (its
 * lease then runs out and the entity starts elsewhere).
 */
public record Owner(String node, State state, Instant since) {

  public enum State {
    REACHABLE,
    UNREACHABLE,
    REMOVED
  }

  public boolean reachable() {
    return state == State.REACHABLE;
  }

  /** One sentence for the API, naming the owner and since when it is unreachable or gone. */
  public String describe() {
    return switch (state) {
      case REACHABLE -> "held by coordinator " + node;
      case UNREACHABLE ->
          "owner unreachable since "
              + since
              + ": coordinator "
              + node
              + " holds this reactor; it moves to another coordinator once that one is downed";
      case REMOVED ->
          "owner removed from the cluster at "
              + since
              + ": coordinator "
              + node
              + " held this reactor; it starts on another coordinator once its lease runs out";
    };
  }
}
