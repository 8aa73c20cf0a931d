package io.forelight.frms.node;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits on the main thread for a step of a node's start (a port bound, for example). A step that
 * fails (a port in use) fails the start at once; one that is only slow (a busy machine: the node
 * catching up with a backlog on two cores) is waited for longer, with a warning, rather than ending
 * a node that works. The warning carries the node's thread stacks, so a step that never completes
 * can be read from the log.
 */
public final class StartStep {

  private static final Logger log = LoggerFactory.getLogger(StartStep.class);

  /** How long a step may take before the warning. */
  public static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How long a step may take in all before the start fails. */
  public static final Duration DEADLINE = Duration.ofMinutes(5);

  private StartStep() {}

  /** The step's result; fails with its cause, or with a TimeoutException after the deadline. */
  public static <T> T await(CompletionStage<T> step, String what)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      return step.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      log.warn(
          "{} not ready after {} s (the machine is busy?); waiting up to {} s in all; the node's"
              + " threads now:\n{}",
          what,
          PATIENCE.toSeconds(),
          DEADLINE.toSeconds(),
          ThreadDump.text());
      T result =
          step.toCompletableFuture()
              .get(DEADLINE.minus(PATIENCE).toMillis(), TimeUnit.MILLISECONDS);
      log.info("{} ready", what);
      return result;
    }
  }
}
