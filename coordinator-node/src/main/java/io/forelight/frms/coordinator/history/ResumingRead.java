package io.forelight.frms.coordinator.history;

import com.datastax.oss.driver.api.core.DriverException;
import java.time.Duration;
import java.util.function.LongFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long read of one sensor's points (an export) that survives a failed page read: when Cassandra
 * does not answer one (a timeout under load, a node restarting), the read starts again after the
 * last point it gave, after a pause, up to {@code attempts} times; points at the same time as that
 * one and at or below its number were given before and are skipped. Only a failure of every try
 * ends the stream.
 */
public final class ResumingRead {

  private static final Logger log = LoggerFactory.getLogger(ResumingRead.class);

  private ResumingRead() {}

  /** {@code readFrom.apply(t)}: the points at or after time t, in (time, seq) order. */
  public static Source<HistoryStore.Point, NotUsed> of(
      LongFunction<Source<HistoryStore.Point, NotUsed>> readFrom,
      long fromMicros,
      int attempts,
      Duration pause) {
    return Source.fromMaterializer(
            (materializer, attributes) -> {
              Position last = new Position(fromMicros);
              return read(readFrom, last, attempts, pause, Duration.ZERO);
            })
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  private static Source<HistoryStore.Point, NotUsed> read(
      LongFunction<Source<HistoryStore.Point, NotUsed>> readFrom,
      Position last,
      int attemptsLeft,
      Duration pause,
      Duration delay) {
    Source<HistoryStore.Point, NotUsed> points =
        Source.single(last)
            .initialDelay(delay)
            .flatMapConcat(position -> readFrom.apply(position.takenAtMicros()))
            .filter(last::isNew);
    if (attemptsLeft <= 0) {
      return points;
    }
    return points.recoverWithRetries(
        1,
        DriverException.class,
        () -> {
          log.warn(
              "a read of stored readings failed after {}; resuming from there in {} ms ({} tries"
                  + " left)",
              last,
              pause.toMillis(),
              attemptsLeft);
          return read(readFrom, last, attemptsLeft - 1, pause.multipliedBy(2), pause);
        });
  }

  /** The last point given: its time and number. */
  private static final class Position {
    long takenAtMicros;
    long seq = Long.MIN_VALUE;

    Position(long fromMicros) {
      this.takenAtMicros = fromMicros;
    }

    synchronized long takenAtMicros() {
      return takenAtMicros;
    }

    synchronized boolean isNew(HistoryStore.Point p) {
      if (p.takenAtMicros() < takenAtMicros
          || (p.takenAtMicros() == takenAtMicros && p.seq() <= seq)) {
        return false;
      }
      takenAtMicros = p.takenAtMicros();
      seq = p.seq();
      return true;
    }

    @Override
    public synchronized String toString() {
      return "time " + takenAtMicros + " µs, number " + seq;
    }
  }
}
