package io.forelight.frms.coordinator;

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
 * counter, where an actor per reactor costs a cell, a mailbox, a path, props and its behaviours.
 * For what a coordinator keeps per reactor and drives by callbacks (a link's reading call, a
 * reactor's history writer).
 */
public final class OneAtATime {

  private final ExecutionContext executor;
  private final Scheduler scheduler;
  private final Consumer<RuntimeException> failed;
  private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();

  public OneAtATime(
      ExecutionContext executor, Scheduler scheduler, Consumer<RuntimeException> failed) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.failed = failed;
  }

  public void post(Runnable event) {
    events.add(event);
    if (queued.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  /** Posts {@code event} after {@code delay}; a timer cancelled as it fires may still post it. */
  public Cancellable postAfter(Duration delay, Runnable event) {
    return scheduler.scheduleOnce(delay, () -> post(event), executor);
  }

  /** A timer of its own, for events only. */
  public Timer timer() {
    return new Timer();
  }

  /**
   * One timer, started and cancelled by events: its event runs only if the timer was neither
   * cancelled nor started again since (a cancelled timer's post is dropped).
   */
  public final class Timer {
    private Cancellable scheduled;
    private long starts;

    private Timer() {}

    public void start(Duration delay, Runnable event) {
      cancel();
      long start = starts;
      scheduled =
          postAfter(
              delay,
              () -> {
                if (starts == start && scheduled != null) {
                  scheduled = null;
                  event.run();
                }
              });
    }

    public boolean active() {
      return scheduled != null;
    }

    public void cancel() {
      starts++;
      if (scheduled != null) {
        scheduled.cancel();
        scheduled = null;
      }
    }
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
