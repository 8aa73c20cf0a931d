package io.forelight.frms.coordinator;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * The restart-with-backoff strategies of the actors a coordinator keeps one of per reactor, made
 * once per node (a history writer, no longer an actor, starts over by itself): a strategy is
 * immutable, and one made in each actor's constructor (a strategy and its three durations, twice
 * over as Pekko's supervisor keeps a copy) cost ~0.7 KB per reactor.
 */
public final class Backoffs {

  /** An event-sourced entity whose journal write failed: restarted, recovering from the journal. */
  public static final BackoffSupervisorStrategy ENTITY =
      SupervisorStrategy.restartWithBackoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);

  private Backoffs() {}
}
