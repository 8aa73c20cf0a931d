package io.forelight.frms.reactor.sensor;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.dispatch.ExecutionContexts;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContextExecutor;

/**
 * One scheduled task per sampling interval for all of a node's samplers with that interval: they
 * sample at the same instants anyway ({@link Sampler#untilAligned}), and one task that runs each
 * sampler's beat costs the scheduler one entry per instant instead of one per sensor. A beat runs
 * on the scheduler's thread, so it must only hand work on (tell), never block.
 */
public final class Metronomes implements Extension {

  public static final ExtensionId<Metronomes> ID =
      new ExtensionId<>() {
        @Override
        public Metronomes createExtension(ActorSystem<?> system) {
          return new Metronomes(system);
        }
      };

  /** Runs the beats where the scheduler fires them: they only tell, which never blocks. */
  private static final ExecutionContextExecutor ON_THE_SCHEDULER =
      ExecutionContexts.fromExecutor(Runnable::run);

  private record Key(long intervalMillis, long phase) {}

  /** The samplers of one interval and the task that beats for them. */
  private static final class Beat {
    final List<Runnable> beats = new CopyOnWriteArrayList<>();
    Cancellable task;
  }

  private final ActorSystem<?> system;
  private final LoggingAdapter log;
  private final Map<Key, Beat> beats = new HashMap<>();

  private Metronomes(ActorSystem<?> system) {
    this.system = system;
    this.log = Logging.getLogger(system.classicSystem(), Metronomes.class);
  }

  public static Metronomes get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /**
   * Runs {@code beat} every {@code interval}, at the instants {@link Sampler#untilAligned} gives
   * for {@code phaseKey}, until the answer is cancelled.
   */
  public synchronized Cancellable join(Duration interval, long phaseKey, Runnable beat) {
    long millis = interval.toMillis();
    Key key = new Key(millis, Math.floorMod(phaseKey, millis));
    Beat shared = beats.get(key);
    if (shared == null) {
      Beat created = new Beat();
      created.task =
          system
              .scheduler()
              .scheduleAtFixedRate(
                  Sampler.untilAligned(interval, phaseKey, System.currentTimeMillis()),
                  interval,
                  () -> beat(created),
                  ON_THE_SCHEDULER);
      beats.put(key, created);
      shared = created;
    }
    shared.beats.add(beat);
    return new Member(key, shared, beat);
  }

  private void beat(Beat shared) {
    for (Runnable beat : shared.beats) {
      try {
        beat.run();
      } catch (RuntimeException e) { // one sampler's fault must not silence the others
        log.error(e, "a sampling beat failed");
      }
    }
  }

  private synchronized boolean leave(Key key, Beat shared, Runnable beat) {
    boolean removed = shared.beats.remove(beat);
    if (shared.beats.isEmpty() && beats.get(key) == shared) {
      shared.task.cancel();
      beats.remove(key);
    }
    return removed;
  }

  /** One sampler's place in a beat; cancelling it leaves the beat (the last one stops it). */
  private final class Member implements Cancellable {
    private final Key key;
    private final Beat shared;
    private final Runnable beat;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    Member(Key key, Beat shared, Runnable beat) {
      this.key = key;
      this.shared = shared;
      this.beat = beat;
    }

    @Override
    public boolean cancel() {
      return cancelled.compareAndSet(false, true) && leave(key, shared, beat);
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get();
    }
  }
}
