package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.readings.Quality;
import io.forelight.frms.coordinator.readings.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinuteBookTest {

  private static final long M = Minute.MICROS;

  /** Readings of sensor t, seq from..to, one per second from second seq, value seq. */
  private static List<Reading> seconds(long from, long to) {
    List<Reading> list = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      list.add(new Reading("t", seq, seq * 1_000_000L, seq, "u", Quality.GOOD, ""));
    }
    return list;
  }

  private static MinuteBook.SensorMinute minute(long start) {
    return new MinuteBook.SensorMinute("t", start);
  }

  @Test
  void theFirstMinuteAfterAStartIsCompletedFromTheRowsBeforeItsFirstReading() {
    MinuteBook book = new MinuteBook();

    MinuteBook.Rollup first = book.record(seconds(30, 70), Map.of());
    assertEquals(List.of(), first.closed());
    assertEquals(Set.of(), first.recount());
    // seconds 0..29 were written before: read from the rows, seconds 30..59 as tallied
    assertEquals(
        List.of(new MinuteBook.Partial(new Minute("t", 0, 30, 0, 30, 59, 1335), 30_000_000L, 30)),
        first.partial());

    MinuteBook.Rollup second = book.record(seconds(71, 125), Map.of());
    // minute 1 holds seconds 60..119: 60 values from 60 to 119
    assertEquals(List.of(new Minute("t", M, 60, 0, 60, 119, 5370)), second.closed());
    assertEquals(Set.of(), second.recount());
    assertEquals(List.of(), second.partial());
  }

  @Test
  void aFirstMinuteWhoseReadingsCameOutOfTimeOrderIsRecountedWhole() {
    MinuteBook book = new MinuteBook();
    book.record(seconds(30, 40), Map.of());
    Reading clockSetBack = new Reading("t", 41, 20 * 1_000_000L, 1.0, "u", Quality.GOOD, "");
    book.record(List.of(clockSetBack), Map.of());

    MinuteBook.Rollup rollup = book.record(seconds(61, 62), Map.of());

    assertEquals(Set.of(minute(0)), rollup.recount(), "rows before second 30 may be tallied");
    assertEquals(List.of(), rollup.partial());
  }

  @Test
  void aRowIsTalliedAlreadyFromTheFirstReadingOnButNotAnotherAtItsInstant() {
    MinuteBook.Partial partial = new MinuteBook.Partial(new Minute("t", 0, 1, 0, 1, 1, 1), 30, 7);

    assertFalse(partial.tallied(29, 6));
    assertTrue(partial.tallied(30, 7));
    assertFalse(partial.tallied(30, 6), "another reading at the same instant, written before");
    assertTrue(partial.tallied(31, 8));
  }

  @Test
  void aReadingWrittenAgainIsNotCountedTwice() {
    MinuteBook book = new MinuteBook();
    book.record(seconds(1, 70), Map.of());
    book.record(seconds(60, 90), Map.of()); // redelivered after a failed offset save
    MinuteBook.Rollup rollup = book.record(seconds(91, 120), Map.of());

    assertEquals(List.of(new Minute("t", M, 60, 0, 60, 119, 5370)), rollup.closed());
  }

  @Test
  void aReadingOfAnOlderMinuteHasThatMinuteRecounted() {
    MinuteBook book = new MinuteBook();
    book.record(seconds(1, 130), Map.of());
    Reading clockSetBack = new Reading("t", 131, 10 * 1_000_000L, 1.0, "u", Quality.GOOD, "");

    MinuteBook.Rollup rollup = book.record(List.of(clockSetBack), Map.of());

    assertEquals(Set.of(minute(0)), rollup.recount());
    assertEquals(List.of(), rollup.closed());
  }

  @Test
  void aValueMissingIsCountedApartAndTheNewLogIncarnationContinuesTheMinute() {
    MinuteBook book = new MinuteBook();
    book.record(seconds(1, 61), Map.of());
    List<Reading> incarnation2 =
        List.of(
            new Reading("t", 1, 62 * 1_000_000L, Double.NaN, "u", Quality.BAD, "no probe"),
            new Reading("t", 2, 63 * 1_000_000L, 5.0, "u", Quality.GOOD, ""),
            new Reading("t", 3, 121 * 1_000_000L, 5.0, "u", Quality.GOOD, ""));

    MinuteBook.Rollup rollup = book.record(incarnation2, Map.of("t", 2));

    assertEquals(List.of(new Minute("t", M, 3, 1, 5, 61, 126)), rollup.closed());
  }

  @Test
  void keepsOneCopyOfASensorIdHoweverManyReadingsBringTheirOwn() {
    // as readings read back from the journal do
    MinuteBook book = new MinuteBook();
    for (long second = 1; second <= 130; second++) {
      book.record(
          List.of(
              new Reading(
                  new String("t"), second, second * 1_000_000L, 1.0, "u", Quality.GOOD, "")),
          Map.of());
    }

    MinuteBook.Rollup rollup =
        book.record(
            List.of(
                new Reading(new String("t"), 131, 181 * 1_000_000L, 1.0, "u", Quality.GOOD, "")),
            Map.of());

    assertSame("t".intern(), rollup.closed().get(0).sensorId(), "minute 2's tally");
  }

  @Test
  void afterForgettingTheNextMinuteIsCompletedFromItsRows() {
    MinuteBook book = new MinuteBook();
    book.record(seconds(1, 70), Map.of());
    book.forget();

    MinuteBook.Rollup rollup = book.record(seconds(71, 130), Map.of());

    assertEquals(List.of(), rollup.closed());
    assertEquals(Set.of(), rollup.recount());
    assertEquals(1, rollup.partial().size(), "completed from the rows before second 71");
    assertEquals(71_000_000L, rollup.partial().get(0).firstMicros());
  }
}
