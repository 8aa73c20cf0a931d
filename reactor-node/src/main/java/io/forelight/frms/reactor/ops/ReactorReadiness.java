package io.forelight.frms.reactor.ops;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Readiness check of a reactor node (Pekko Management {@code /ready}): ready when the readings log
 * takes writes and every running sensor logged a usable reading within its stale limit. When not,
 * the check fails with every reason, naming the sensors.
 */
public final class ReactorReadiness implements Supplier<CompletionStage<Boolean>> {

  private final ReactorOps ops;

  public ReactorReadiness(ActorSystem system) {
    this.ops = ReactorOps.get(Adapter.toTyped(system));
  }

  @Override
  public CompletionStage<Boolean> get() {
    List<String> problems = ops.problems();
    if (problems.isEmpty()) {
      return CompletableFuture.completedFuture(true);
    }
    return CompletableFuture.failedFuture(
        new IllegalStateException("not ready: " + String.join("; ", problems)));
  }
}
