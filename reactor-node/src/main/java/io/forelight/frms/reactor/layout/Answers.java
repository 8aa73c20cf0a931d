package io.forelight.frms.reactor.layout;

import io.forelight.frms.node.SeenKeys;
import io.forelight.frms.reactor.layout.SensorLayout.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answers an entity gave to commands: the outcomes of the most recent keys (oldest first, with
 * their reasons) and every key ever answered ({@code seen}, in 9 bytes a key), so that a key is
 * applied at most once however long ago it was first sent.
 */
public record Answers(List<Outcome> outcomes, SeenKeys seen) {

  public static final int REMEMBERED_KEYS = 1000;
  public static final Answers NONE = new Answers(List.of(), SeenKeys.NONE);

  public Answers {
    outcomes = List.copyOf(outcomes);
    seen = seen == null ? SeenKeys.NONE : seen;
  }

  public Optional<Outcome> outcomeOf(String key) {
    Optional<Outcome> recent = outcomes.stream().filter(o -> o.key().equals(key)).findFirst();
    if (recent.isPresent()) {
      return recent;
    }
    return seen.outcomeOf(key)
        .map(
            applied ->
                new Outcome(
                    key,
                    applied,
                    applied ? "" : "rejected when first sent (the reason is no longer kept)"));
  }

  public Answers remember(Outcome outcome) {
    List<Outcome> next = new ArrayList<>(outcomes);
    next.add(outcome);
    if (next.size() > REMEMBERED_KEYS) {
      next.remove(0);
    }
    return new Answers(next, seen.with(outcome.key(), outcome.applied()));
  }
}
