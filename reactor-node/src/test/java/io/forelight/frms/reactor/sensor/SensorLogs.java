package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.journal.EventCodec;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/** A sensor's log on a real {@link FlashLog} for tests, able to fail its next writes. */
final class SensorLogs extends SensorLog {

  private final FlashLog log;
  private final EventCodec codec;
  private final String persistenceId;
  private final AtomicInteger failures = new AtomicInteger();

  private SensorLogs(ActorSystem<?> system, FlashLog log, SensorSpec spec) {
    this(log, new EventCodec(system.classicSystem()), SensorSpec.persistenceId(spec.id()), system);
  }

  private SensorLogs(FlashLog log, EventCodec codec, String persistenceId, ActorSystem<?> system) {
    super(log, codec, persistenceId, system.dispatchers().lookup(DispatcherSelector.blocking()));
    this.log = log;
    this.codec = codec;
    this.persistenceId = persistenceId;
  }

  static SensorLogs on(ActorSystem<?> system, FlashLog log, SensorSpec spec) {
    return new SensorLogs(system, log, spec);
  }

  /** The next {@code count} writes fail as a disk error would (nothing reaches the log). */
  void failNextWrites(int count) {
    failures.set(count);
  }

  @Override
  CompletableFuture<Void> append(List<Sensor.Event> events) {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return CompletableFuture.failedFuture(new IOException("injected: the disk said no"));
    }
    return super.append(events);
  }

  /** Every event of this sensor the log holds, decoded. */
  List<Object> events() {
    try {
      return log.read(persistenceId, 1, Long.MAX_VALUE, 100_000).stream()
          .map(this::decode)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object decode(StoredEvent event) {
    return codec.payload(event);
  }
}
