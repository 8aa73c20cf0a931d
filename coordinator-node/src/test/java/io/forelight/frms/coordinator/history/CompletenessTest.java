package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
