package io.forelight.frms.coordinator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveResumeTest {

  @Test
  void anEventIdIsEpochMicrosAndAnythingElseStartsAFreshStream() {
    assertEquals(
        Optional.of(1_796_220_804_129_000L), LiveResume.after(Optional.of(" 1796220804129000 ")));
    assertEquals(Optional.empty(), LiveResume.after(Optional.of("temperature:12")));
    assertEquals(Optional.empty(), LiveResume.after(Optional.of("")));
    assertEquals(Optional.empty(), LiveResume.after(Optional.empty()));
  }

  @Test
  void aLiveReadingTheBackfillSentIsDroppedAndTheIdOnlyMovesOn() {
    LiveResume.Dedup dedup = new LiveResume.Dedup(1_000);
    assertTrue(dedup.firstTime(item("ph", 5, 2_000, true)));
    assertTrue(dedup.firstTime(item("ph", 6, 3_000, true)));
    assertEquals(3_000, dedup.newestMicros());

    assertFalse(dedup.firstTime(item("ph", 6, 3_000, false)), "sent by the backfill");
    assertTrue(dedup.firstTime(item("ph", 7, 4_000, false)));
    assertTrue(dedup.firstTime(item("temperature", 1, 2_500, false)), "another sensor");
    assertEquals(4_000, dedup.newestMicros(), "an older reading does not move the id back");
    assertTrue(dedup.firstTime(item("ph", 1, 9_000, false)), "a new log numbers from 1, later");
  }

  private static LiveResume.Item item(String sensor, long seq, long micros, boolean backfilled) {
    return new LiveResume.Item(
        new Views.ReadingView(sensor, seq, "t", 7.0, "pH", "GOOD", "", 0), micros, 0, backfilled);
  }
}
