package io.forelight.frms.coordinator.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class WriteGateTest {

  /** Runs waiting writes on the thread that released the permit, so the test is deterministic. */
  private final WriteGate gate = new WriteGate(2, 3, Runnable::run);

  private final List<String> started = new ArrayList<>();

  private CompletionStage<String> write(String name, CompletableFuture<String> done) {
    return gate.run(
        () -> {
          started.add(name);
          return done;
        });
  }

  @Test
  void runsAtMostPermitsWritesAtOnceAndTheRestInArrivalOrder() {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();
    CompletableFuture<String> c = new CompletableFuture<>();
    CompletableFuture<String> d = new CompletableFuture<>();
    CompletionStage<String> first = write("a", a);
    write("b", b);
    CompletionStage<String> third = write("c", c);
    write("d", d);

    assertEquals(List.of("a", "b"), started);
    assertEquals(2, gate.running());
    assertEquals(2, gate.waiting());

    a.complete("A");
    assertEquals("A", first.toCompletableFuture().join());
    assertEquals(List.of("a", "b", "c"), started);

    b.completeExceptionally(new IllegalStateException("write timed out"));
    assertEquals(List.of("a", "b", "c", "d"), started, "a failed write frees its permit too");

    c.complete("C");
    d.complete("D");
    assertEquals("C", third.toCompletableFuture().join());
    assertEquals(0, gate.running());
    assertEquals(0, gate.waiting());
    assertEquals(4, gate.admitted());
  }

  @Test
  void writesThatFinishWorkGoBeforeWritesThatTakeOnNewWork() {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();
    write("a", a);
    write("b", b);
    write("new readings", new CompletableFuture<>());
    gate.run(
        WriteGate.Turn.FINISHING,
        () -> {
          started.add("history");
          return new CompletableFuture<String>();
        });

    a.complete("A");

    assertEquals(List.of("a", "b", "history"), started);
    b.complete("B");
    assertEquals(List.of("a", "b", "history", "new readings"), started);
  }

  /** A gate of one permit on a clock the test moves; its writes end when the test says. */
  private static final class TimedGate {
    long now;
    final WriteGate gate;
    final ArrayDeque<String> runningNames = new ArrayDeque<>();
    final ArrayDeque<CompletableFuture<String>> runningWrites = new ArrayDeque<>();

    TimedGate(double historyShare) {
      gate = new WriteGate(1, 1000, historyShare, Runnable::run, () -> now);
    }

    void ask(WriteGate.Turn turn, String name) {
      gate.run(
          turn,
          () -> {
            CompletableFuture<String> done = new CompletableFuture<>();
            runningNames.add(name);
            runningWrites.add(done);
            return done;
          });
    }

    /** Lets the running write take {@code millis} and end; returns its name. */
    String endAfter(long millis) {
      now += millis * 1_000_000;
      String name = runningNames.poll();
      runningWrites.poll().complete(name);
      return name;
    }
  }

  @Test
  void whileBothWaitHistoryHoldsItsShareOfTheGatesTimeAndStoresTheRest() {
    TimedGate timed = new TimedGate(0.75);
    timed.ask(WriteGate.Turn.NEW, "store");
    for (int i = 0; i < 200; i++) {
      timed.ask(WriteGate.Turn.FINISHING, "history");
      timed.ask(WriteGate.Turn.NEW, "store");
    }
    long historyMillis = 0;
    long storeMillis = 0;
    for (int i = 0; i < 200; i++) { // history writes take 400 ms, stores 100 ms
      if (timed.runningNames.peek().equals("history")) {
        historyMillis += 400;
        timed.endAfter(400);
      } else {
        storeMillis += 100;
        timed.endAfter(100);
      }
    }

    double share = historyMillis / (double) (historyMillis + storeMillis);
    assertTrue(share > 0.7 && share < 0.8, "history held " + share + " of the time");
  }

  @Test
  void aFreePermitGoesToWhicheverKindWaitsEvenPastItsShare() {
    TimedGate timed = new TimedGate(0.5);
    timed.ask(WriteGate.Turn.FINISHING, "history 1");
    timed.ask(WriteGate.Turn.FINISHING, "history 2");
    timed.ask(WriteGate.Turn.NEW, "store 1");

    assertEquals("history 1", timed.endAfter(1000));
    assertEquals("store 1", timed.endAfter(100), "history had held more than half");
    assertEquals("history 2", timed.endAfter(1000), "no store waits: history goes");
    assertEquals(0, timed.gate.running());
  }

  @Test
  void refusesAHistoryShareOutsideZeroToOneNamingTheKey() {
    for (double share : new double[] {0, -0.5, 1.5, Double.NaN}) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> new WriteGate(4, 10, share, Runnable::run, System::nanoTime));
      assertTrue(error.getMessage().contains("history-share"), error.getMessage());
    }
  }

  @Test
  void refusesAWriteOnceTooManyWaitNamingWhy() {
    for (int i = 0; i < 5; i++) {
      write("w" + i, new CompletableFuture<>());
    }
    CompletionStage<String> refused = write("too many", new CompletableFuture<>());

    CompletionException error =
        assertThrows(CompletionException.class, () -> refused.toCompletableFuture().join());
    assertInstanceOf(WriteGate.Overloaded.class, error.getCause());
    assertTrue(error.getCause().getMessage().contains("too many ingest writes waiting (3)"));
    assertFalse(started.contains("too many"));
  }

  @Test
  void aWriteThatThrowsWhenStartedFailsAndFreesItsPermit() {
    CompletionStage<String> thrown =
        gate.run(
            () -> {
              throw new IllegalStateException("not writing: lease lost");
            });

    assertThrows(CompletionException.class, () -> thrown.toCompletableFuture().join());
    assertEquals(0, gate.running());
  }

  @Test
  void countsPerTurnHowLongWritesWaitedAndRan() throws InterruptedException {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();
    CompletableFuture<String> c = new CompletableFuture<>();
    write("a", a);
    write("b", b);
    write("c", c); // waits for a permit
    long before = System.nanoTime();
    Thread.sleep(20); // time must pass for it to be counted
    a.complete("A");
    long waited = System.nanoTime() - before;
    b.complete("B");
    c.complete("C");

    WriteGate.Spent stores = gate.spent(WriteGate.Turn.NEW);
    assertEquals(3, stores.writes());
    assertTrue(stores.runningNanos() >= 20_000_000, "a and b ran at least 20 ms each");
    assertTrue(stores.waitingNanos() >= 20_000_000, "c waited for a");
    assertTrue(stores.waitingNanos() <= waited + 1_000_000, "only c waited");
    assertEquals(0, gate.spent(WriteGate.Turn.FINISHING).writes());
  }

  @Test
  void describesTheAverageTimeSpentSinceAnEarlierCount() {
    WriteGate.Spent earlier = new WriteGate.Spent(10, 50_000_000, 70_000_000);
    WriteGate.Spent now = new WriteGate.Spent(14, 90_000_000, 270_000_000);

    assertEquals("4 (waited 10 ms, ran 50 ms on average)", now.since(earlier).describe());
    assertEquals("none", now.since(now).describe());
  }

  @Test
  void refusesASettingWithoutPermitsNamingTheKey() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new WriteGate(0, 10, Runnable::run));
    assertTrue(error.getMessage().contains("max-writes-in-flight"));
  }
}
