package io.forelight.frms.reactor.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.journal.FaultyDisk.Operation;
import io.forelight.frms.reactor.journal.LogRecord.Events;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A full disk, the log's quota, and a failure at each write path: nothing wedges, nothing lost. */
class FlashLogFullTest {

  private static final long QUOTA = 16 * 4096;

  @TempDir Path dir;
  private final FaultyDisk disk = new FaultyDisk();

  private FlashLog open(long maxBytes) throws IOException {
    return FlashLog.open(new FlashLogSettings(dir, 4096, 1000, maxBytes), disk);
  }

  private static Events event(String id, long seq) {
    byte[] payload = (id + "#" + seq + "-".repeat(100)).getBytes(StandardCharsets.UTF_8);
    return new Events(id, List.of(new StoredEvent(seq, 1000 + seq, 4, "m", "writer", payload)));
  }

  private static void await(CompletableFuture<?> future) throws Exception {
    future.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Appends events of "a" from {@code from} until one is refused; returns the last one taken. */
  private static long fillUntilRefused(FlashLog log, long from) throws Exception {
    for (long seq = from; seq < from + 10_000; seq++) {
      CompletableFuture<Void> write = log.append(List.of(event("a", seq)));
      try {
        write.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException refused) {
        assertInstanceOf(LogFullException.class, refused.getCause());
        return seq - 1;
      }
    }
    throw new AssertionError("the log took 10,000 events and never filled");
  }

  private static List<Long> seqs(FlashLog log, String id) throws IOException {
    return log.read(id, 1, Long.MAX_VALUE, 100_000).stream().map(StoredEvent::seq).toList();
  }

  @Test
  void theQuotaStopsAppendsWithAClearStatusAndAcknowledgingResumesThem() throws Exception {
    try (FlashLog log = open(QUOTA)) {
      long last = fillUntilRefused(log, 1);
      assertEquals(
          FlashLogTest.range(1, last), seqs(log, "a"), "every reading taken before is kept");
      String full = log.full().orElseThrow();
      assertTrue(full.startsWith("log full: "), full);
      assertTrue(full.contains(last + " unacknowledged readings"), full);
      assertTrue(full.contains("(quota of " + QUOTA + " bytes reached)"), full);
      assertEquals(log.full(), log.problem());

      await(log.acknowledge("a", last));
      awaitTrue(() -> log.full().isEmpty(), "the log takes readings again");
      await(log.append(List.of(event("a", last + 1))));
      assertEquals(List.of(last + 1), seqs(log, "a"));
    }
  }

  @Test
  void aFullDiskRefusesAppendsButAcknowledgementsStillFreeSpace() throws Exception {
    long last;
    try (FlashLog log = open(0)) {
      for (long seq = 1; seq <= 200; seq++) {
        await(log.append(List.of(event("a", seq))));
      }
      int segments = log.status().segments();
      disk.full = true;
      Throwable refused = failure(log.append(List.of(event("a", 201))));
      assertInstanceOf(LogFullException.class, refused);
      assertTrue(
          refused.getMessage().contains("200 unacknowledged readings (disk full)"),
          refused.getMessage());
      assertTrue(log.full().isPresent());

      await(log.acknowledge("a", 150)); // with no byte free
      assertEquals(150, log.acknowledgedSeq("a"));
      assertTrue(log.status().segments() < segments, "acknowledged segments are deleted");
      assertTrue(log.full().isPresent(), "still full: the disk reports no space");

      disk.full = false;
      awaitTrue(() -> log.full().isEmpty(), "the log notices the space and takes readings");
      await(log.append(List.of(event("a", 201))));
      last = 201;
      assertEquals(FlashLogTest.range(151, last), seqs(log, "a"));
    }
    try (FlashLog log = open(0)) {
      assertEquals(150, log.acknowledgedSeq("a"), "the acknowledgement made on a full disk holds");
      assertEquals(last, log.highestSeq("a"));
      assertEquals(FlashLogTest.range(151, last), seqs(log, "a"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Operation.class, names = "MOVE", mode = EnumSource.Mode.EXCLUDE)
  void aFailureAtAnyWritePathLosesNothingAndTheLogGoesOn(Operation operation) throws Exception {
    List<Long> durable = new ArrayList<>();
    long acknowledged = 0;
    try (FlashLog log = open(0)) {
      long seq = 1;
      for (; seq <= 100; seq++) {
        await(log.append(List.of(event("a", seq))));
        durable.add(seq);
      }
      disk.failNext(operation);
      // Every write path is met at least once: appends that roll segments, and acknowledgements
      // that overwrite a checkpoint slot and delete segments.
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 40; i++, seq++) {
          if (log.append(List.of(event("a", seq))).handle((ok, e) -> e == null).get()) {
            durable.add(seq);
          } else {
            seq--; // a refused write leaves its number free: the writer tries it again
          }
        }
        long ack = durable.get(durable.size() - 20);
        if (log.acknowledge("a", ack).handle((ok, e) -> e == null).get()) {
          acknowledged = ack;
        }
      }
      assertTrue(disk.allFailuresHappened(), operation + " was met");
      await(log.append(List.of(event("a", seq))));
      durable.add(seq);
    }
    try (FlashLog log = open(0)) {
      List<Long> kept = seqs(log, "a");
      List<Long> expected = durable.stream().filter(s -> s > log.acknowledgedSeq("a")).toList();
      assertEquals(
          expected, kept, "every durable, unacknowledged event is there after " + operation);
      assertTrue(log.acknowledgedSeq("a") >= acknowledged, "no acknowledgement is lost");
      assertEquals(durable.get(durable.size() - 1), log.highestSeq("a"));
    }
  }

  @Test
  void aCheckpointThatOutgrowsItsSlotsIsMovedIntoPlaceAndAFailedMoveIsRetried() throws Exception {
    int ids = 2000; // about 60 bytes each: more than a 64 KiB slot
    try (FlashLog log = open(0)) {
      for (int i = 0; i < ids; i++) {
        await(log.append(List.of(event("sensor-with-a-long-name-" + i, 1))));
      }
      disk.failNext(Operation.MOVE);
      Throwable refused = failure(log.acknowledge("sensor-with-a-long-name-0", 1));
      assertTrue(refused.getMessage().contains(FaultyDisk.NO_SPACE), refused.getMessage());
      assertEquals(0, log.acknowledgedSeq("sensor-with-a-long-name-0"));
      await(log.acknowledge("sensor-with-a-long-name-0", 1));
      await(log.acknowledge("sensor-with-a-long-name-1", 1));
    }
    try (FlashLog log = open(0)) {
      assertEquals(1, log.acknowledgedSeq("sensor-with-a-long-name-0"));
      assertEquals(1, log.acknowledgedSeq("sensor-with-a-long-name-1"));
      assertEquals(0, log.acknowledgedSeq("sensor-with-a-long-name-2"));
      assertEquals(1, log.highestSeq("sensor-with-a-long-name-" + (ids - 1)));
    }
  }
}
