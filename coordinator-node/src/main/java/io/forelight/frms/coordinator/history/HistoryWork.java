package io.forelight.frms.coordinator.history;

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
 */
public final class HistoryWork implements Extension {

  public static final ExtensionId<HistoryWork> ID =
      new ExtensionId<>() {
        @Override
        public HistoryWork createExtension(ActorSystem<?> system) {
          return new HistoryWork();
        }
      };

  private final LongAdder readBack = new LongAdder();
  private final LongAdder recounted = new LongAdder();
  private final LongAdder failed = new LongAdder();

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
