package io.forelight.frms.coordinator.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The link's copy of its entity's outbox and which command is in flight: commands go one at a time,
 * oldest first; a command leaves only when the reactor has answered it.
 */
final class CommandDelivery {

  private List<PendingCommand> outbox = List.of();
  private String inFlight;

  void replace(List<PendingCommand> pending) {
    outbox = List.copyOf(pending);
  }

  /** The command to send now, marked in flight; empty if one is in flight or none waits. */
  Optional<PendingCommand> next() {
    if (inFlight != null || outbox.isEmpty()) {
      return Optional.empty();
    }
    PendingCommand next = outbox.get(0);
    inFlight = next.key();
    return Optional.of(next);
  }

  /** True if the answer is for the command in flight, which is then no longer in flight. */
  boolean answered(String key) {
    if (!key.equals(inFlight)) {
      return false;
    }
    inFlight = null;
    return true;
  }

  /** The reactor answered this command: it leaves the outbox. */
  void settled(String key) {
    List<PendingCommand> rest = new ArrayList<>(outbox);
    rest.removeIf(pending -> pending.key().equals(key));
    outbox = List.copyOf(rest);
  }

  /** A new connection: whatever was in flight will be sent again (same key). */
  void reset() {
    inFlight = null;
  }
}
