package io.forelight.frms.coordinator.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A sensor's history over a range as chart buckets (min, mean, max). A range of at least as many
 * minutes as buckets is cut at whole minutes ({@link Buckets#minuteAligned}) and read from the
 * stored {@link Minute}s: 1,440 rows for a day instead of 86,400 readings at 1 Hz. What no stored
 * minute covers is read from the readings themselves: the part minutes at both ends, the newest
 * minute (not closed yet) and any minute never rolled up, so the figures are those of the readings
 * either way. Shorter ranges are bucketed from the readings. Nothing but the buckets is held.
 */
public final class BucketedHistory {

  private BucketedHistory() {}

  /** A stretch of time read from the readings, or a stored minute. */
  private sealed interface Piece permits Gap, Whole {}

  private record Gap(long fromMicros, long toMicros) implements Piece {}

  private record Whole(Minute minute) implements Piece {}

  public static CompletionStage<List<Buckets.Bucket>> of(
      HistoryStore store,
      String reactorId,
      String sensorId,
      long fromMicros,
      long toMicros,
      int buckets,
      ActorSystem<?> system) {
    long firstMinute = Minute.startOf(fromMicros + Minute.MICROS - 1);
    long endMinute = Minute.startOf(toMicros);
    if ((toMicros - fromMicros) / Minute.MICROS < buckets || firstMinute >= endMinute) {
      Buckets raw = new Buckets(fromMicros, toMicros, buckets);
      return store
          .points(reactorId, sensorId, fromMicros, toMicros)
          .runForeach(p -> raw.add(p.takenAtMicros(), p.value()), system)
          .thenApply(done -> raw.result());
    }
    Buckets aligned = Buckets.minuteAligned(fromMicros, toMicros, buckets);
    return store
        .minutes()
        .minutes(reactorId, sensorId, firstMinute, endMinute)
        .map(Optional::of)
        .concat(Source.single(Optional.empty()))
        .statefulMap(
            () -> new long[] {fromMicros},
            (long[] covered, Optional<Minute> next) -> {
              List<Piece> pieces = new ArrayList<>(2);
              long until = next.map(Minute::startMicros).orElse(toMicros);
              if (until > covered[0]) {
                pieces.add(new Gap(covered[0], until));
              }
              next.ifPresent(
                  minute -> {
                    pieces.add(new Whole(minute));
                    covered[0] = minute.startMicros() + Minute.MICROS;
                  });
              return Pair.create(covered, pieces);
            },
            covered -> Optional.empty())
        .mapConcat(pieces -> pieces)
        .flatMapConcat(
            piece -> {
              if (piece instanceof Whole whole) {
                return Source.single((Consumer<Buckets>) b -> b.add(whole.minute()));
              }
              Gap gap = (Gap) piece;
              return store
                  .points(reactorId, sensorId, gap.fromMicros(), gap.toMicros())
                  .map(p -> (Consumer<Buckets>) b -> b.add(p.takenAtMicros(), p.value()));
            })
        .runForeach(add -> add.accept(aligned), system)
        .thenApply(done -> aligned.result());
  }
}
