package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.groups.GroupCommand;
import io.forelight.frms.coordinator.reactor.ReactorState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What became of a group command at each member, from the member's outbox and outcomes: {@code
 * applied}, {@code rejected} (with the reactor's reason), {@code queued} (the link is up; on its
 * way), {@code offline} (pending while the reactor is unreachable), {@code not-submitted} (its
 * coordinator could not take it: post the same id again) or {@code unknown} (its coordinator did
 * not answer now). Complete once every member applied or rejected it.
 */
record GroupCommandStatus(boolean complete, Map<String, Long> counts, List<Outcome> outcomes) {

  /** One member's outcome; {@code at} when it was answered (null while pending). */
  record Outcome(String reactorId, String outcome, String reason, Instant at) {

    boolean answered() {
      return outcome.equals("applied") || outcome.equals("rejected");
    }
  }

  static CompletionStage<GroupCommandStatus> of(
      GroupCommand command, Function<String, CompletionStage<ReactorState>> stateOf) {
    List<CompletableFuture<Outcome>> asks =
        command.members().stream()
            .map(
                member ->
                    stateOf
                        .apply(member)
                        .thenApply(state -> outcome(member, command.id(), state))
                        .exceptionally(
                            error ->
                                new Outcome(
                                    member,
                                    "unknown",
                                    "its coordinator did not answer: " + cause(error).getMessage(),
                                    null))
                        .toCompletableFuture())
            .toList();
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<Outcome> outcomes = asks.stream().map(CompletableFuture::join).toList();
              return new GroupCommandStatus(
                  outcomes.stream().allMatch(Outcome::answered),
                  outcomes.stream()
                      .collect(
                          Collectors.groupingBy(
                              Outcome::outcome, TreeMap::new, Collectors.counting())),
                  outcomes);
            });
  }

  static Outcome outcome(String member, String key, ReactorState state) {
    if (state.entry() == null && !state.knows(key)) {
      return new Outcome(member, "not-submitted", "the reactor is not in the fleet", null);
    }
    if (state.pending(key).isPresent()) {
      return state.linkUp()
          ? new Outcome(member, "queued", null, null)
          : new Outcome(member, "offline", "pending until the reactor is reachable", null);
    }
    Optional<ReactorState.Settled> settled = state.settledCommand(key);
    if (settled.isPresent()) {
      return new Outcome(
          member,
          settled.get().applied() ? "applied" : "rejected",
          settled.get().reason(),
          Instant.ofEpochMilli(settled.get().atMillis()));
    }
    return state
        .answeredKeys()
        .outcomeOf(key)
        .map(
            applied ->
                new Outcome(
                    member,
                    applied ? "applied" : "rejected",
                    "answered long ago (its reason is no longer kept)",
                    null))
        .orElseGet(
            () ->
                new Outcome(
                    member,
                    "not-submitted",
                    "not in its outbox: post the same id again to send it",
                    null));
  }

  private static Throwable cause(Throwable error) {
    return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
