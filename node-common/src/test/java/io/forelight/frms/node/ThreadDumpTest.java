package io.forelight.frms.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadDumpTest {

  @Test
  void namesAWaitingThreadWhatItWaitsOnAndWhere() throws Exception {
    Object lock = new Object();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              synchronized (lock) {
                holding.countDown();
                await(release);
              }
            },
            "dump-test-holder");
    Thread waiter =
        new Thread(
            () -> {
              synchronized (lock) {
                // entered once the holder lets go
              }
            },
            "dump-test-waiter");
    holder.start();
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    waiter.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (waiter.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      String dump = ThreadDump.text();
      assertTrue(dump.contains("\"dump-test-waiter\" BLOCKED on java.lang.Object@"), dump);
      assertTrue(dump.contains("held by \"dump-test-holder\""), dump);
      assertTrue(dump.contains(ThreadDumpTest.class.getName() + ".lambda$"), dump);
    } finally {
      release.countDown();
      holder.join();
      waiter.join();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
