package io.forelight.frms.coordinator.readings;

import static io.forelight.frms.coordinator.readings.Readings.concat;
import static io.forelight.frms.coordinator.readings.Readings.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContinuityTest {

  @Test
  void acceptsTheContinuationOfEachSensor() {
    Continuity.Outcome outcome =
        Continuity.check(Map.of("t", 2L), Map.of(), concat(of("t", 3, 5), of("ph", 1, 2)));
    assertEquals(concat(of("t", 3, 5), of("ph", 1, 2)), outcome.accepted());
    assertEquals(Map.of("t", 5L, "ph", 2L), outcome.positions());
    assertFalse(outcome.hasGaps());
    assertEquals(0, outcome.duplicates());
  }

  @Test
  void dropsWhatIsAlreadyStored() {
    Continuity.Outcome outcome = Continuity.check(Map.of("t", 4L), Map.of(), of("t", 2, 6));
    assertEquals(of("t", 5, 6), outcome.accepted());
    assertEquals(3, outcome.duplicates());
    assertEquals(Map.of("t", 6L), outcome.positions());
  }

  @Test
  void aGapStopsThatSensorButNotTheOthers() {
    Continuity.Outcome outcome =
        Continuity.check(
            Map.of("t", 4L, "ph", 1L),
            Map.of(),
            concat(of("t", 7, 9), of("ph", 2, 3), of("t", 5, 5)));
    assertTrue(outcome.hasGaps());
    assertEquals(Map.of("t", 5L), outcome.gaps());
    assertEquals(of("ph", 2, 3), outcome.accepted());
    assertEquals(4L, outcome.positions().get("t"));
  }

  @Test
  void aResentLastReadingThatMatchesIsADuplicate() {
    Continuity.Outcome outcome =
        Continuity.check(Map.of("t", 4L), Map.of("t", Readings.reading("t", 4)), of("t", 4, 6));
    assertEquals(of("t", 5, 6), outcome.accepted());
    assertEquals(1, outcome.duplicates());
    assertEquals(Map.of(), outcome.diverged());
  }

  @Test
  void aResentLastReadingThatDiffersRefusesThatSensorOnly() {
    Reading other = Readings.reading("t", 4);
    Reading resent =
        new Reading(
            "t",
            4,
            other.takenAtMicros(),
            other.value() + 1,
            other.unit(),
            other.quality(),
            other.detail());
    List<Reading> batch = concat(List.of(resent), of("t", 5, 6), of("ph", 2, 2));
    Continuity.Outcome outcome =
        Continuity.check(Map.of("t", 4L, "ph", 1L), Map.of("t", other), batch);
    assertEquals(Map.of("t", 4L), outcome.diverged());
    assertEquals(of("ph", 2, 2), outcome.accepted());
    assertEquals(4L, outcome.positions().get("t"));
  }

  @Test
  void anEmptyBatchChangesNothing() {
    Continuity.Outcome outcome = Continuity.check(Map.of("t", 4L), Map.of(), List.of());
    assertEquals(List.of(), outcome.accepted());
    assertEquals(Map.of("t", 4L), outcome.positions());
  }

  @Test
  void aLostReadingThatStandsForSeveralNumbersMovesThePositionPastThemAll() {
    Reading damaged =
        new Reading(
            "t",
            3,
            0,
            Double.NaN,
            "",
            Quality.BAD,
            "lost",
            new LostAtSource(0, 0, 3, "log damaged", 5));
    Continuity.Outcome outcome =
        Continuity.check(Map.of("t", 2L), Map.of(), concat(List.of(damaged), of("t", 6, 7)));
    assertEquals(concat(List.of(damaged), of("t", 6, 7)), outcome.accepted());
    assertFalse(outcome.hasGaps());
    assertEquals(7L, outcome.positions().get("t"));

    Continuity.Outcome again =
        Continuity.check(Map.of("t", 5L), Map.of("t", damaged), List.of(damaged));
    assertEquals(List.of(), again.accepted(), "re-sent: a duplicate");
    assertEquals(Map.of(), again.diverged());
  }
}
