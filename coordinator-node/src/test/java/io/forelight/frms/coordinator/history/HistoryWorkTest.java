package io.forelight.frms.coordinator.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoryWorkTest {

  @Test
  void queuedHistoryIsBoundedForTheWholeNode() {
    HistoryWork work = new HistoryWork(10_000);

    assertTrue(work.queue(8_000), "one writer's batches");
    assertFalse(work.queue(2_001), "another's past the node's bound");
    assertTrue(work.queue(2_000), "another's up to it");
    assertEquals(10_000, work.queued());

    work.unqueue(8_000);
    assertTrue(work.queue(5_000), "room again once a writer wrote what it queued");
    assertEquals(7_000, work.queued());
  }

  @Test
  void noRoomQueuesNothing() {
    HistoryWork work = new HistoryWork(0);

    assertFalse(work.queue(1));
    assertEquals(0, work.queued());
  }

  @Test
  void aNegativeBoundIsRefusedNamingItsSetting() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new HistoryWork(-1));

    assertTrue(
        error.getMessage().contains("frms.coordinator.ingest.max-history-queued"),
        error.getMessage());
  }

  @Test
  void aNegativeLingerIsRefusedNamingItsSetting() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HistoryWork(10, java.time.Duration.ofMillis(-1)));

    assertTrue(
        error.getMessage().contains("frms.coordinator.ingest.history-linger"), error.getMessage());
  }
}
