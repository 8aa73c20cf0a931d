package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The UTC day a reading's partition belongs to, from its timestamp in microseconds. */
class HistoryDayTest {

  private static final long DAY = 86_400_000_000L;

  @Test
  void aReadingBelongsToTheUtcDayOfItsTimestamp() {
    assertEquals(LocalDate.of(1970, 1, 1), HistoryStore.day(0));
    assertEquals(LocalDate.of(1970, 1, 1), HistoryStore.day(DAY - 1));
    assertEquals(LocalDate.of(1970, 1, 2), HistoryStore.day(DAY));
    assertEquals(LocalDate.of(1969, 12, 31), HistoryStore.day(-1));
    assertEquals(LocalDate.of(2026, 12, 4), HistoryStore.day(1_796_385_600_000_000L));
  }

  @Test
  void aRangeCoversEveryDayItTouches() {
    assertEquals(
        List.of(LocalDate.of(1970, 1, 1), LocalDate.of(1970, 1, 2)),
        HistoryStore.daysOf(DAY - 1, DAY + 1));
    assertEquals(List.of(LocalDate.of(1970, 1, 2)), HistoryStore.daysOf(DAY, 2 * DAY));
  }
}
