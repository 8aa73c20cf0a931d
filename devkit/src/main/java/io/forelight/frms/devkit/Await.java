package io.forelight.frms.devkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, checking it every 100 ms: no sleep-and-hope. */
public final class Await {

  private Await() {}

  /**
   * Returns once the condition holds; throws AssertionError with the description if it never does.
   */
  public static void until(Duration timeout, String description, BooleanSupplier condition) {
    until(timeout, () -> description, condition);
  }

  /**
   * Whether the condition came to hold within the timeout (checked every 100 ms), for a scenario
   * that asserts it later, after checks that matter more.
   */
  public static boolean holds(Duration timeout, BooleanSupplier condition) {
    try {
      until(timeout, "", condition);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  public static void until(
      Duration timeout, Supplier<String> description, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for: " + description.get());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + description.get());
      }
    }
  }
}
