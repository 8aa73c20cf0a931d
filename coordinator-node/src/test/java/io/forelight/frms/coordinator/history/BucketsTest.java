package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
