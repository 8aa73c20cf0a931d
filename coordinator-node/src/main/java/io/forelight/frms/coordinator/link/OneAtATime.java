package io.forelight.frms.coordinator.link;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import scala.concurrent.ExecutionContext;

/**
 * Runs the events posted to it one at a time, in arrival order, on {@code executor}, from any
 * thread: what they touch needs no lock. An event that throws goes to {@code failed}, which runs as
 * part of that event. Keeps no thread, actor or stream of its own: an idle one is a queue and a
 * counter.
 */
final class OneAtATime {

  private final ExecutionContext executor;
  private final Scheduler scheduler;
  private final Consumer<RuntimeException> failed;
  private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();

  OneAtATime(ExecutionContext executor, Scheduler scheduler, Consumer<RuntimeException> failed) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.failed = failed;
  }

  void post(Runnable event) {
    events.add(event);
    if (queued.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  /** Posts {@code event} after {@code delay}; a timer cancelled as it fires may still post it. */
  Cancellable postAfter(Duration delay, Runnable event) {
    return scheduler.scheduleOnce(delay, () -> post(event), executor);
  }

  private void drain() {
    do {
      Runnable event = events.poll();
      try {
        event.run();
      } catch (RuntimeException error) {
        failed.accept(error);
      }
    } while (queued.decrementAndGet() > 0);
  }
}
