package io.forelight.frms.reactor.actuator;

import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An actuator driver for tests: records every level set with its time, counts opens and closes, and
 * fails the next set when told to.
 */
final class RecordingDriver implements ActuatorDriverFactory {

  record Set(double level, long atNanos) {}

  final BlockingQueue<Set> sets = new LinkedBlockingQueue<>();
  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  volatile boolean failNextOn;
  private final boolean onOff;

  RecordingDriver(boolean onOff) {
    this.onOff = onOff;
  }

  /** The next level set within the deadline, or an AssertionError. */
  Set next(Duration within) throws InterruptedException {
    Set set = sets.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (set == null) {
      throw new AssertionError("no level set within " + within);
    }
    return set;
  }

  /** Skips sets until one with this level, within the deadline. */
  Set nextWith(double level, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Set set = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (set.level() == level) {
        return set;
      }
    }
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public java.util.Set<String> settings() {
    return java.util.Set.of();
  }

  @Override
  public void validate(String configPath, ActuatorSpec spec) {}

  @Override
  public ActuatorDriver open(ActuatorSpec spec, DriverContext context) {
    opens.incrementAndGet();
    return new ActuatorDriver() {
      @Override
      public boolean onOff() {
        return onOff;
      }

      @Override
      public void set(double level) throws Exception {
        if (level > 0 && failNextOn) {
          failNextOn = false;
          throw new java.io.IOException("GPIO line busy");
        }
        sets.add(new Set(level, System.nanoTime()));
      }

      @Override
      public void close() {
        closes.incrementAndGet();
      }
    };
  }
}
