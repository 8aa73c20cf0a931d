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
