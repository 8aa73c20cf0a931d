package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.coordinator.readings.LostAtSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletenessTest {

  @Test
  void aDenseSequenceInAnyOrderIsComplete() {
    Completeness completeness = new Completeness();
    for (long seq : new long[] {3, 1, 2, 5, 4}) {
      completeness.add(seq);
    }
    Completeness.Report report = completeness.report("t");
    assertTrue(report.complete());
    assertEquals(1, report.first());
    assertEquals(5, report.last());
    assertEquals(5, report.count());
  }

  @Test
  void findsMissingRangesIncludingAMissingStart() {
    Completeness completeness = new Completeness();
    for (long seq : new long[] {4, 5, 9, 10, 12}) {
      completeness.add(seq);
    }
    Completeness.Report report = completeness.report("t");
    assertFalse(report.complete());
    assertEquals(
        List.of(
            new Completeness.Gap(1, 3), new Completeness.Gap(6, 8), new Completeness.Gap(11, 11)),
        report.gaps());
  }

  @Test
  void findsDuplicates() {
    Completeness completeness = new Completeness();
    for (long seq : new long[] {1, 2, 2, 3, 3, 3}) {
      completeness.add(seq);
    }
    Completeness.Report report = completeness.report("t");
    assertEquals(List.of(2L, 3L), report.duplicates());
    assertEquals(3, report.count());
  }

  @Test
  void countsReadingsLostAtSourceOnceAndStaysComplete() {
    Completeness completeness = new Completeness();
    for (long seq = 1; seq <= 5; seq++) {
      completeness.add(seq);
    }
    Completeness.LostRange range =
        new Completeness.LostRange(3, new LostAtSource(100, 900, 12, "disk full"));
    completeness.addLost(range);
    completeness.addLost(range); // the same sequence number read twice counts once
    completeness.addLost(
        new Completeness.LostRange(5, new LostAtSource(1000, 1000, 1, "log write failed")));
    Completeness.Report report = completeness.report("t");
    assertTrue(report.complete(), "readings lost at the source are not a gap of the pipeline");
    assertEquals(13, report.lostAtSource());
    assertEquals("lost at source: 13 (disk full, log write failed)", report.lostSummary());
    assertEquals(2, report.lostRanges().size());
    assertNull(new Completeness().report("none").lostSummary());
  }

  @Test
  void aLostRangeThatStandsForSeveralNumbersLeavesNoGap() {
    Completeness completeness = new Completeness();
    for (long seq : new long[] {1, 2, 3, 7, 8}) {
      completeness.add(seq);
    }
    completeness.addLost(
        new Completeness.LostRange(3, new LostAtSource(0, 0, 4, "log damaged", 6)));
    Completeness.Report report = completeness.report("t");
    assertTrue(report.complete(), report.gaps().toString());
    assertEquals(8, report.last());
    assertEquals(4, report.lostAtSource());
    assertEquals("lost at source: 4 (log damaged)", report.lostSummary());
  }
}
