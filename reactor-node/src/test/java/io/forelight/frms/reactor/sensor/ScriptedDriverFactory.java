package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A driver for tests that answers from a script: a Double is returned, an Exception thrown, {@link
 * #HANG} blocks until {@link #release}. An empty script answers {@code idleValue}. {@code
 * failOpens} makes the first opens fail.
 */
final class ScriptedDriverFactory implements SensorDriverFactory {

  static final Object HANG = new Object();

  final BlockingQueue<Object> script = new LinkedBlockingQueue<>();
  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger failOpens = new AtomicInteger();
  final CountDownLatch released = new CountDownLatch(1);
  volatile double idleValue = 1.0;

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Set<String> settings() {
    return Set.of();
  }

  @Override
  public void validate(String configPath, SensorSpec spec) {}

  @Override
  public SensorDriver open(SensorSpec spec, DriverContext context) throws Exception {
    opens.incrementAndGet();
    if (failOpens.getAndDecrement() > 0) {
      throw new java.io.IOException("no device at address 0x63");
    }
    return () -> {
      Object next = script.poll();
      if (next == null) {
        return idleValue;
      }
      if (next == HANG) {
        released.await(30, TimeUnit.SECONDS);
        return 99.0;
      }
      if (next instanceof Exception e) {
        throw e;
      }
      return (Double) next;
    };
  }

  void release() {
    released.countDown();
  }
}
