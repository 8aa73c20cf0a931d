package io.forelight.frms.coordinator.storage;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Admission control for a node's ingest writes to Cassandra: at most {@code permits} writes (a
 * SensorLog's batch, a history write) run at once; the others wait their turn in arrival order,
 * writes that finish work already taken on (history) before those that take on new readings. When
 * reactors offer more than Cassandra takes, the writes queue here instead of all going to Cassandra
 * at once and timing out together (which opened the journal's circuit breaker for every entity).
 *
 * <p>Work-conserving and weighted: a free permit always goes to a waiting write, of either kind.
 * When both kinds wait, history writes ({@link Turn#FINISHING}) go first as long as they have held
 * at most {@code historyShare} of the permit-time used over the last seconds, and a store goes
 * otherwise. So a burst of slow history writes (Cassandra flushing) slows stores in proportion
 * instead of stopping them, and history catches up later in larger joined writes.
 *
 * <p>Waiting is bounded by whoever waits: each link and each history writer has at most one write
 * waiting, so the queue is at most two per reactor; {@code maxWaiting} guards the bound, and a
 * write past it fails at once, naming why.
 *
 * <p>Non-blocking: a write waiting for its turn holds no thread. Time out the write itself, not the
 * wait: a write that waits long is a busy node, not a Cassandra that is down.
 */
public final class WriteGate implements Extension {

  /**
   * The node's gate, from {@code frms.coordinator.ingest.max-writes-in-flight} and {@code
   * max-writes-waiting}.
   */
  public static final ExtensionId<WriteGate> ID =
      new ExtensionId<>() {
        @Override
        public WriteGate createExtension(ActorSystem<?> system) {
          com.typesafe.config.Config config =
              system.settings().config().getConfig("frms.coordinator.ingest");
          return new WriteGate(
              config.getInt("max-writes-in-flight"),
              config.getInt("max-writes-waiting"),
              config.getDouble("history-share"),
              system.executionContext(),
              System::nanoTime);
        }
      };

  /** A write was refused because too many were already waiting. */
  public static final class Overloaded extends RuntimeException {
    Overloaded(int waiting) {
      super("too many ingest writes waiting (" + waiting + ") for Cassandra on this node");
    }
  }

  /** How fast the permit-time used by each turn is forgotten (e-folding time). */
  private static final double SHARE_MEMORY_NANOS = 5e9;

  private final int permits;
  private final int maxWaiting;
  private final double historyShare;
  private final Executor executor;
  private final LongSupplier clock;
  private final ArrayDeque<CompletableFuture<Void>> finishing = new ArrayDeque<>();
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private final LongAdder admitted = new LongAdder();
  private final Times[] times = {new Times(), new Times()};
  private final double[] recentlyUsed = new double[2]; // permit-nanos per turn, fading
  private long usedAsOf;
  private int running;

  /** A gate that gives history writes every permit they wait for (a history share of 1). */
  public WriteGate(int permits, int maxWaiting, Executor executor) {
    this(permits, maxWaiting, 1.0, executor, System::nanoTime);
  }

  /**
   * Writes whose turn comes start on {@code executor} (never on the thread that ended another);
   * {@code clock} gives nanoseconds, as {@link System#nanoTime()}.
   */
  public WriteGate(
      int permits, int maxWaiting, double historyShare, Executor executor, LongSupplier clock) {
    if (permits < 1) {
      throw new IllegalArgumentException(
          "frms.coordinator.ingest.max-writes-in-flight must be at least 1, got " + permits);
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException(
          "frms.coordinator.ingest.max-writes-waiting must not be negative, got " + maxWaiting);
    }
    if (!(historyShare > 0 && historyShare <= 1)) {
      throw new IllegalArgumentException(
          "frms.coordinator.ingest.history-share must be above 0 and at most 1, got "
              + historyShare);
    }
    this.permits = permits;
    this.maxWaiting = maxWaiting;
    this.historyShare = historyShare;
    this.executor = executor;
    this.clock = clock;
    this.usedAsOf = clock.getAsLong();
  }

  public static WriteGate get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** Whether a write finishes work already taken on or takes on new work. */
  public enum Turn {
    /**
     * Finishes what was taken on (a history write of readings already stored): goes before every
     * {@link #NEW} write, so what waits in memory behind it stays small.
     */
    FINISHING,
    /** Takes on new readings (a link's store): waits, and meanwhile the readings wait upstream. */
    NEW
  }

  /**
   * Runs {@code write} once a permit is free and holds the permit until the write's stage
   * completes, however it completes.
   */
  public <T> CompletionStage<T> run(Supplier<CompletionStage<T>> write) {
    return run(Turn.NEW, write);
  }

  /** As {@link #run(Supplier)}, waiting in the queue of its {@code turn}. */
  public <T> CompletionStage<T> run(Turn turn, Supplier<CompletionStage<T>> write) {
    long asked = clock.getAsLong();
    return admission(turn)
        .thenCompose(
            admittedNow -> {
              admitted.increment();
              long startedAt = clock.getAsLong();
              CompletionStage<T> started;
              try {
                started = write.get();
              } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
              }
              return started.whenComplete(
                  (result, error) -> {
                    long ran = clock.getAsLong() - startedAt;
                    times[turn.ordinal()].add(startedAt - asked, ran);
                    release(turn, ran);
                  });
            });
  }

  private CompletionStage<Void> admission(Turn turn) {
    synchronized (this) {
      if (running < permits) {
        running++;
        return CompletableFuture.completedFuture(null);
      }
      int queued = waiting.size() + finishing.size();
      if (queued >= maxWaiting) {
        return CompletableFuture.failedFuture(new Overloaded(queued));
      }
      CompletableFuture<Void> admitted = new CompletableFuture<>();
      (turn == Turn.FINISHING ? finishing : waiting).add(admitted);
      return admitted;
    }
  }

  /**
   * Counts the permit-time a write of {@code turn} used and hands its permit to the longest waiting
   * write of the turn whose go it is, if any: started on the executor, so a chain of writes that
   * end at once does not nest on one thread's stack.
   */
  private void release(Turn turn, long ranNanos) {
    CompletableFuture<Void> next;
    synchronized (this) {
      fade();
      recentlyUsed[turn.ordinal()] += ranNanos;
      next = historysGo() ? finishing.poll() : waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      executor.execute(() -> next.complete(null));
    }
  }

  /** Whether a history write goes next: none but history waits, or history is within its share. */
  private boolean historysGo() {
    if (finishing.isEmpty() || waiting.isEmpty()) {
      return !finishing.isEmpty();
    }
    double history = recentlyUsed[Turn.FINISHING.ordinal()];
    return history <= historyShare * (history + recentlyUsed[Turn.NEW.ordinal()]);
  }

  private void fade() {
    long now = clock.getAsLong();
    double kept = Math.exp(-(now - usedAsOf) / SHARE_MEMORY_NANOS);
    recentlyUsed[0] *= kept;
    recentlyUsed[1] *= kept;
    usedAsOf = now;
  }

  public synchronized int running() {
    return running;
  }

  public synchronized int waiting() {
    return waiting.size() + finishing.size();
  }

  /** Writes admitted so far. */
  public long admitted() {
    return admitted.sum();
  }

  /** The time writes of {@code turn} have spent waiting for a permit and holding one, so far. */
  public Spent spent(Turn turn) {
    return times[turn.ordinal()].now();
  }

  /** Writes that ended, and their total nanoseconds waiting for their turn and running. */
  public record Spent(long writes, long waitingNanos, long runningNanos) {

    public Spent since(Spent earlier) {
      return new Spent(
          writes - earlier.writes,
          waitingNanos - earlier.waitingNanos,
          runningNanos - earlier.runningNanos);
    }

    /** "n writes, waited x ms, ran y ms" on average, or "none". */
    public String describe() {
      if (writes == 0) {
        return "none";
      }
      return String.format(
          "%,d (waited %.0f ms, ran %.0f ms on average)",
          writes, waitingNanos / 1e6 / writes, runningNanos / 1e6 / writes);
    }
  }

  private static final class Times {
    private final LongAdder writes = new LongAdder();
    private final LongAdder waiting = new LongAdder();
    private final LongAdder running = new LongAdder();

    void add(long waitedNanos, long ranNanos) {
      writes.increment();
      waiting.add(waitedNanos);
      running.add(ranNanos);
    }

    Spent now() {
      return new Spent(writes.sum(), waiting.sum(), running.sum());
    }
  }
}
