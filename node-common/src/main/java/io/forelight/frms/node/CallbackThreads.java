package io.forelight.frms.node;

import java.util.OptionalInt;

/**
 * Where callbacks on Pekko's Java futures run. Pekko hands out Scala futures as {@code
 * CompletionStage}s whose plain {@code whenComplete}, {@code thenApply} and the rest run as their
 * {@code *Async} forms on the JDK's default executor: the common fork-join pool, unless that pool
 * has fewer than two threads (its default is one less than the cores), when the JDK starts a new
 * thread for every callback. On a two-core machine that was a thread per ask, per store and per
 * acknowledgement: 16 % of a 1,000-reactor coordinator's CPU samples. {@link #atLeastTwo} gives the
 * pool two threads where it would have fewer. It must run before {@code CompletableFuture} is first
 * used, which logging's set-up already does: in a static block above a main class's logger. A
 * parallelism set on the command line is left as it is.
 */
public final class CallbackThreads {

  public static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CallbackThreads() {}

  /** Gives the common pool at least two threads unless its parallelism was set explicitly. */
  public static void atLeastTwo() {
    parallelismFor(Runtime.getRuntime().availableProcessors(), System.getProperty(PROPERTY))
        .ifPresent(threads -> System.setProperty(PROPERTY, Integer.toString(threads)));
  }

  /** The parallelism to set for {@code cores}, or none when the default is enough or set. */
  static OptionalInt parallelismFor(int cores, String configured) {
    if (configured != null && !configured.isBlank()) {
      return OptionalInt.empty();
    }
    return cores - 1 >= 2 ? OptionalInt.empty() : OptionalInt.of(2);
  }
}
