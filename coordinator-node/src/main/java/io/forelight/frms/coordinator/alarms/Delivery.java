package io.forelight.frms.coordinator.alarms;

import java.util.concurrent.CompletionStage;

/** Where an alarm's transitions go: the read model and audit trail, or the webhook. */
public interface Delivery {

  /** Completes when {@code t} arrived; fails to be retried. A repeat of {@code t} may come. */
  CompletionStage<?> deliver(Transition t);
}
