package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketsTest {

  @Test
  void aggregatesEachBucketAndLeavesEmptyOnesWithoutValues() {
    Buckets buckets = new Buckets(0, 100, 4);
    buckets.add(0, 1.0);
    buckets.add(10, 3.0);
    buckets.add(24, 2.0);
    buckets.add(60, 7.0);
    buckets.add(99, Double.NaN);
    buckets.add(100, 1000.0);
    List<Buckets.Bucket> result = buckets.result();
    assertEquals(new Buckets.Bucket(0, 25, 3, 0, 1.0, 2.0, 3.0), result.get(0));
    assertNull(result.get(1).mean());
    assertEquals(new Buckets.Bucket(50, 75, 1, 0, 7.0, 7.0, 7.0), result.get(2));
    assertEquals(new Buckets.Bucket(75, 100, 0, 1, null, null, null), result.get(3));
  }

  @Test
  void aDayAtOneHertzInFiveHundredBuckets() {
    long day = 86_400_000_000L;
    Buckets buckets = new Buckets(0, day, 500);
    for (long s = 0; s < 86_400; s++) {
      buckets.add(s * 1_000_000, s % 10);
    }
    List<Buckets.Bucket> result = buckets.result();
    assertEquals(500, result.size());
    assertEquals(86_400, result.stream().mapToLong(Buckets.Bucket::count).sum());
    assertEquals(day, result.get(499).endMicros());
  }

  @Test
  void minuteAlignedBucketsAreWholeMinutesBetweenTwoPartOnes() {
    long minute = Minute.MICROS;
    long from = 1_000 * minute + 30_000_000L; // half a minute past a whole one
    long to = from + 1_440 * minute;
    Buckets buckets = Buckets.minuteAligned(from, to, 600);
    buckets.add(new Minute("t", 1_002 * minute, 2, 1, 1.0, 5.0, 6.0));
    buckets.add(1_001 * minute + 1, 9.0);

    List<Buckets.Bucket> result = buckets.result();
    assertEquals(from, result.get(0).startMicros());
    assertEquals(to, result.get(result.size() - 1).endMicros());
    assertTrue(result.size() <= 601, "at most one more than asked for: " + result.size());
    for (Buckets.Bucket inner : result.subList(1, result.size() - 1)) {
      assertEquals(3 * minute, inner.endMicros() - inner.startMicros());
      assertEquals(0, inner.startMicros() % (3 * minute), "cut at whole 3 minutes");
    }
    assertEquals(new Buckets.Bucket(from, 1_002 * minute, 1, 0, 9.0, 9.0, 9.0), result.get(0));
    assertEquals(
        new Buckets.Bucket(1_002 * minute, 1_005 * minute, 2, 1, 1.0, 3.0, 5.0), result.get(1));
  }

  @Test
  void aRangeOfFewerMinutesThanBucketsIsCutEqually() {
    Buckets buckets = Buckets.minuteAligned(0, 10 * Minute.MICROS, 60);
    assertEquals(60, buckets.result().size());
    assertEquals(10_000_000L, buckets.result().get(0).endMicros());
  }
}
