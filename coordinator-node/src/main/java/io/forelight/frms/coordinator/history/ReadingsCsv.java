package io.forelight.frms.coordinator.history;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Stored readings as CSV, one row per reading: {@code time} (ISO-8601 UTC), {@code reactor}, {@code
 * sensor}, {@code seq}, {@code value} (empty when not a number), {@code unit}, {@code quality},
 * {@code calibration}. Read from Cassandra page by page as the consumer pulls, reactor by reactor
 * and sensor by sensor in time order, so memory stays bounded whatever the range; a page read that
 * fails is tried again from where it stopped ({@link ResumingRead}: 5 tries, pauses from 1 s).
 */
public final class ReadingsCsv {

  public static final String HEADER = "time,reactor,sensor,seq,value,unit,quality,calibration\n";
  private static final int ROWS_PER_CHUNK = 512;
  private static final int RETRIES = 5;
  private static final java.time.Duration FIRST_PAUSE = java.time.Duration.ofSeconds(1);

  private ReadingsCsv() {}

  /** Told of every row as it is written (to count what an export holds). */
  @FunctionalInterface
  public interface RowObserver {
    void row(String reactor, String sensor, HistoryStore.Point point);
  }

  /** The CSV (header first) of {@code sensorsOf(reactor)} of each reactor in [from, to). */
  public static Source<ByteString, NotUsed> of(
      HistoryStore store,
      List<String> reactors,
      Function<String, Source<String, NotUsed>> sensorsOf,
      long fromMicros,
      long toMicros) {
    return of(store, reactors, sensorsOf, fromMicros, toMicros, (reactor, sensor, point) -> {});
  }

  /** The same, telling {@code observer} of each row. */
  public static Source<ByteString, NotUsed> of(
      HistoryStore store,
      List<String> reactors,
      Function<String, Source<String, NotUsed>> sensorsOf,
      long fromMicros,
      long toMicros,
      RowObserver observer) {
    return Source.single(ByteString.fromString(HEADER))
        .concat(
            Source.from(reactors)
                .flatMapConcat(
                    reactor ->
                        sensorsOf
                            .apply(reactor)
                            .flatMapConcat(
                                sensor ->
                                    ResumingRead.of(
                                            from -> store.points(reactor, sensor, from, toMicros),
                                            fromMicros,
                                            RETRIES,
                                            FIRST_PAUSE)
                                        .map(
                                            p -> {
                                              observer.row(reactor, sensor, p);
                                              return row(reactor, sensor, p);
                                            })))
                .grouped(ROWS_PER_CHUNK)
                .map(rows -> ByteString.fromString(String.join("", rows))));
  }

  static String row(String reactor, String sensor, HistoryStore.Point p) {
    long micros = p.takenAtMicros();
    Instant time =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    return time
        + ","
        + cell(reactor)
        + ","
        + cell(sensor)
        + ","
        + p.seq()
        + ","
        + (Double.isFinite(p.value()) ? Double.toString(p.value()) : "")
        + ","
        + cell(p.unit())
        + ","
        + p.quality().name()
        + ","
        + p.calibration()
        + "\n";
  }

  /** Quoted only when it must be; a leading =, +, - or @ is defused (no spreadsheet formula). */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote = safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
