package io.forelight.frms.coordinator.history;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * What the history writers of a node did beyond writing what their SensorLogs handed them, counted
 * for the node's ingest summary: journal events they read back (a writer that fell behind its
 * queue, or started from its saved offset), minutes they recounted whole from stored rows (readings
 * out of time order, a clock set back), and writes that failed. Each is extra Cassandra work that
 * competes with stores.
 *
 * <p>It also bounds the readings the node's history writers keep queued in memory for their next
 * writes ({@code frms.coordinator.ingest.max-history-queued}). Each writer's queue is bounded (64
 * batches, 8,000 readings), but not their sum: with history lagging under overload, 1,000 writers
 * could hold 8 million readings (~1.6 GB). A batch that finds no room is not queued; its writer
 * reads it back from the journal when it gets there, as it does past its own bound.
 *
 * <p>And it holds how long a writer lingers for more stored batches to join into one write ({@code
 * history-linger}).
 */
public final class HistoryWork implements Extension {

  public static final ExtensionId<HistoryWork> ID =
      new ExtensionId<>() {
        @Override
        public HistoryWork createExtension(ActorSystem<?> system) {
          com.typesafe.config.Config ingest =
              system.settings().config().getConfig("frms.coordinator.ingest");
          return new HistoryWork(
              ingest.getLong("max-history-queued"), ingest.getDuration("history-linger"));
        }
      };

  private final LongAdder readBack = new LongAdder();
  private final LongAdder recounted = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicLong queued = new AtomicLong();
  private final long maxQueued;
  private final long lingerNanos;

  /** Writers that write each batch as it comes (no linger). */
  public HistoryWork(long maxQueued) {
    this(maxQueued, Duration.ZERO);
  }

  public HistoryWork(long maxQueued, Duration linger) {
    if (maxQueued < 0) {
      throw new IllegalArgumentException(
          "frms.coordinator.ingest.max-history-queued must be at least 0, got " + maxQueued);
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException(
          "frms.coordinator.ingest.history-linger must not be negative, got " + linger);
    }
    this.maxQueued = maxQueued;
    this.lingerNanos = linger.toNanos();
  }

  /** How long a history writer waits for more stored batches to join into one write. */
  long lingerNanos() {
    return lingerNanos;
  }

  public static HistoryWork get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  void readBack() {
    readBack.increment();
  }

  void recounted() {
    recounted.increment();
  }

  void failed() {
    failed.increment();
  }

  /** Takes room for {@code readings} queued in memory, if the node has it; false otherwise. */
  boolean queue(int readings) {
    long before;
    do {
      before = queued.get();
      if (before + readings > maxQueued) {
        return false;
      }
    } while (!queued.compareAndSet(before, before + readings));
    return true;
  }

  /** {@code readings} queued before were written, or let go. */
  void unqueue(int readings) {
    queued.addAndGet(-readings);
  }

  /** Readings the node's history writers hold queued in memory now. */
  public long queued() {
    return queued.get();
  }

  public Counts now() {
    return new Counts(readBack.sum(), recounted.sum(), failed.sum());
  }

  /** Journal events read back, minutes recounted and writes failed, so far. */
  public record Counts(long readBack, long recounted, long failed) {

    public static final Counts NONE = new Counts(0, 0, 0);

    public Counts since(Counts earlier) {
      return new Counts(
          readBack - earlier.readBack, recounted - earlier.recounted, failed - earlier.failed);
    }

    public String describe() {
      return String.format(
          "%,d journal events read back, %,d minutes recounted, %,d failed",
          readBack, recounted, failed);
    }
  }
}
