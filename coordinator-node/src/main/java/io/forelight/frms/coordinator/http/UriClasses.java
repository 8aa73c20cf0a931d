package io.forelight.frms.coordinator.http;

import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.http.javadsl.model.Uri;

/**
 * Initializes pekko-http's Java {@link Uri} class on one thread before the node serves anything.
 *
 * <p>Its static block makes an instance of its own subclass ({@code impl.model.JavaUri}), so
 * initializing the two from two threads at once deadlocks for good: one thread starts the subclass
 * (the {@link Guard} reading a request's path) and waits for the superclass, the other starts the
 * superclass and waits for the subclass. Pekko Management's start does the second on the main
 * thread just after the HTTP API is bound; the first requests (a client polling for the node to
 * come up) did the first. On a busy two-core machine both hung: four dispatcher threads and the
 * health checks stuck, no answer on {@code /api} ever (two reliability tests' timeouts). Once the
 * superclass is initialized, the subclass is too, and nothing is left to race. {@link Query} is
 * built the same way (its static block makes a {@code JavaQuery}), so it is initialized here too.
 */
public final class UriClasses {

  private UriClasses() {}

  /** Call before the actor system starts (the main thread, nothing else running yet). */
  public static void initialize() {
    if (Uri.EMPTY == null || Query.EMPTY == null) {
      throw new IllegalStateException("pekko-http's Uri.EMPTY or Query.EMPTY is not set");
    }
  }
}
