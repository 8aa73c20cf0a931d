package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.readings.LostAtSource;
import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RangeBookTest {

  private final List<String> loads = new ArrayList<>();

  private RangeBook book(Optional<StoredRange> stored) {
    return new RangeBook(
        (sensor, sequence) -> {
          loads.add(sensor + "#" + sequence);
          return CompletableFuture.completedFuture(
              stored.filter(r -> r.sensorId().equals(sensor) && r.sequence() == sequence));
        });
  }

  private static List<Reading> readings(String sensor, long... seqs) {
    List<Reading> list = new ArrayList<>();
    for (long seq : seqs) {
      list.add(new Reading(sensor, seq, seq, 1.0, "u", Quality.GOOD, ""));
    }
    return list;
  }

  private static List<StoredRange> record(RangeBook book, List<Reading> readings) {
    return book.record(readings, Map.of()).toCompletableFuture().join();
  }

  @Test
  void extendsTheStoredRangeAndOpensANewOneAfterAGap() {
    RangeBook book = book(Optional.of(new StoredRange("t", 1, 1, 10, 10)));

    assertEquals(List.of(new StoredRange("t", 1, 1, 12, 12)), record(book, readings("t", 11, 12)));
    assertEquals(
        List.of(new StoredRange("t", 1, 1, 13, 13), new StoredRange("t", 1, 20, 21, 2)),
        record(book, readings("t", 13, 20, 21)));
    assertEquals(List.of("t#1"), loads, "read from the store once");
  }

  @Test
  void keepsTheRangesChangedSinceTheLastSaveUntilTheyAreSaved() {
    RangeBook book = book(Optional.of(new StoredRange("t", 1, 1, 10, 10)));
    record(book, readings("t", 11));
    record(book, readings("t", 12));
    record(book, readings("u", 1, 2));

    List<StoredRange> toSave = book.unsaved();
    assertEquals(
        List.of(new StoredRange("t", 1, 1, 12, 12), new StoredRange("u", 1, 1, 2, 2)),
        toSave,
        "the latest of each range, once");
    record(book, readings("t", 13, 20)); // extends t's range, opens another after the gap
    book.saved(toSave);

    assertEquals(
        List.of(new StoredRange("t", 1, 1, 13, 13), new StoredRange("t", 1, 20, 20, 1)),
        book.unsaved(),
        "a range changed again while it was saved stays unsaved");
    book.saved(book.unsaved());
    assertEquals(List.of(), book.unsaved());
  }

  @Test
  void forgettingDropsUnsavedRangesAndSaysSo() {
    RangeBook book = book(Optional.of(new StoredRange("t", 1, 1, 10, 10)));
    record(book, readings("t", 11));

    assertTrue(book.forget(), "an unsaved range was dropped");
    assertEquals(List.of(), book.unsaved());
    assertEquals(List.of(new StoredRange("t", 1, 1, 11, 11)), record(book, readings("t", 11)));
    assertEquals(List.of("t#1", "t#1"), loads, "read from the store again");
    book.saved(book.unsaved());
    assertFalse(book.forget(), "nothing unsaved");
  }

  @Test
  void keepsOneCopyOfASensorIdHoweverManyReadingsAndRowsBringTheirOwn() {
    // as readings read back from the journal and rows read from Cassandra do
    String fromRow = new String("ph");
    RangeBook book = book(Optional.of(new StoredRange(fromRow, 1, 1, 10, 10)));

    StoredRange extended = record(book, readings(new String("ph"), 11)).get(0);
    StoredRange again = record(book, readings(new String("ph"), 12)).get(0);

    assertSame("ph".intern(), extended.sensorId());
    assertSame("ph".intern(), again.sensorId());
    assertNotSame(fromRow, extended.sensorId());
  }

  @Test
  void readsEachSensorOnceWhileItsReadIsStillOnTheWay() {
    List<CompletableFuture<Optional<StoredRange>>> pending = new ArrayList<>();
    RangeBook book =
        new RangeBook(
            (sensor, sequence) -> {
              loads.add(sensor + "#" + sequence);
              CompletableFuture<Optional<StoredRange>> read = new CompletableFuture<>();
              pending.add(read);
              return read;
            });
    List<Reading> batch = new ArrayList<>(readings("t", 1, 2, 3));
    batch.addAll(readings("p", 1, 2));

    CompletableFuture<List<StoredRange>> changed =
        book.record(batch, Map.of()).toCompletableFuture();

    assertEquals(List.of("t#1", "p#1"), loads, "one read per sensor, not one per reading");
    pending.forEach(read -> read.complete(Optional.empty()));
    assertEquals(
        List.of(new StoredRange("t", 1, 1, 3, 3), new StoredRange("p", 1, 1, 2, 2)),
        changed.join());
  }

  @Test
  void recordingTheSameReadingsAgainChangesNothing() {
    RangeBook book = book(Optional.empty());
    record(book, readings("t", 1, 2, 3));

    assertEquals(List.of(), record(book, readings("t", 2, 3)));
    assertEquals(List.of(new StoredRange("t", 1, 1, 4, 4)), record(book, readings("t", 3, 4)));
  }

  @Test
  void aLostReadingThatStandsForSeveralNumbersCoversThemInOneRow() {
    RangeBook book = book(Optional.empty());
    Reading lost =
        new Reading("t", 3, 0, Double.NaN, "", Quality.BAD, "", new LostAtSource(0, 0, 4, "x", 6));
    List<Reading> batch = new ArrayList<>(readings("t", 1, 2));
    batch.add(lost);
    batch.addAll(readings("t", 7));

    assertEquals(List.of(new StoredRange("t", 1, 1, 7, 4)), record(book, batch));
  }

  @Test
  void eachSequenceOfASensorHasItsOwnRanges() {
    RangeBook book = book(Optional.empty());

    List<StoredRange> changed =
        book.record(readings("t", 1, 2), Map.of("t", 2)).toCompletableFuture().join();

    assertEquals(List.of(new StoredRange("t", 2, 1, 2, 2)), changed);
    assertEquals(List.of("t#2"), loads);
  }

  @Test
  void aSensorsNewSequenceHasItsRangeReadAndAnOlderOneComingBackIsReadAgain() {
    RangeBook book = book(Optional.empty());

    book.record(readings("t", 1, 2), Map.of("t", 1)).toCompletableFuture().join();
    List<StoredRange> next =
        book.record(readings("t", 1, 2, 3), Map.of("t", 2)).toCompletableFuture().join();
    List<StoredRange> older =
        book.record(readings("t", 3, 4), Map.of("t", 1)).toCompletableFuture().join();

    assertEquals(List.of(new StoredRange("t", 2, 1, 3, 3)), next);
    assertEquals(List.of(new StoredRange("t", 1, 3, 4, 2)), older, "a range of its own");
    assertEquals(List.of("t#1", "t#2", "t#1"), loads);
  }

  @Test
  void completenessFromRangesFindsTheGapBetweenThem() {
    Completeness completeness = new Completeness();
    completeness.addRange(1, 13, 13);
    completeness.addRange(20, 21, 2);

    Completeness.Report report = completeness.report("t");

    assertEquals(List.of(new Completeness.Gap(14, 19)), report.gaps());
    assertEquals(15, report.count());
    assertEquals(21, report.last());
  }
}
