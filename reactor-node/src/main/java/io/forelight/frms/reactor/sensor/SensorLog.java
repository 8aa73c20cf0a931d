package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.journal.EventCodec;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogs;
import io.forelight.frms.reactor.journal.StoredEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * One sensor's readings in the node's flash log, written there directly: the same records, bytes
 * and persistence id the readings journal plugin writes (so the link, the read journal and the
 * checks read them as before), without Pekko Persistence's per-command machinery and the journal
 * actor in between, which were most of a reading's cost on the node. {@link Sensor} is its only
 * writer.
 */
class SensorLog {

  private final FlashLog log;
  private final EventCodec codec;
  private final String persistenceId;
  private final Executor io;
  private final String writerUuid = UUID.randomUUID().toString();

  SensorLog(FlashLog log, EventCodec codec, String persistenceId, Executor io) {
    this.log = log;
    this.codec = codec;
    this.persistenceId = persistenceId;
    this.io = io;
  }

  /**
   * The log behind the journal plugin at {@code journalPluginId} ("" for the system's default
   * readings journal).
   */
  static SensorLog of(ActorSystem<?> system, String journalPluginId, String persistenceId) {
    String path =
        journalPluginId.isEmpty()
            ? system.settings().config().getString("pekko.persistence.journal.plugin")
            : journalPluginId;
    String ioDispatcher = system.settings().config().getString(path + ".io-dispatcher");
    return new SensorLog(
        FlashLogs.get(system).forJournal(path),
        new EventCodec(system.classicSystem()),
        persistenceId,
        system.dispatchers().lookup(DispatcherSelector.fromConfig(ioDispatcher)));
  }

  /** Where the log's blocking reads run. */
  Executor io() {
    return io;
  }

  /** The highest sequence number this sensor's log holds (0 for none). */
  long highestSeq() {
    return log.highestSeq(persistenceId);
  }

  /**
   * Appends these events (continuing the log, in sequence order) as one atomic write; completes
   * when they are durable, exceptionally if they are not in the log.
   */
  CompletableFuture<Void> append(List<Sensor.Event> events) {
    long now = System.currentTimeMillis();
    List<StoredEvent> stored = new ArrayList<>(events.size());
    for (Sensor.Event event : events) {
      stored.add(codec.encode(event.seq(), now, writerUuid, event));
    }
    return log.append(Map.of(persistenceId, stored));
  }

  /**
   * The latest reading still on disk, up to {@code highest} (the log's {@link #highestSeq}), or
   * null if there is none (the log is empty, or its latest readings were stored centrally and their
   * segment dropped). Blocking file I/O.
   */
  Sensor.ReadingTaken latestRetained(long highest) throws IOException {
    if (highest == 0) {
      return null;
    }
    // the latest event may be a lost range logged just before a reading that failed to land
    List<StoredEvent> last = log.readRetained(persistenceId, Math.max(1, highest - 1), 2);
    for (int i = last.size() - 1; i >= 0; i--) {
      if (codec.payload(last.get(i)) instanceof Sensor.ReadingTaken reading) {
        return reading;
      }
    }
    return null;
  }
}
