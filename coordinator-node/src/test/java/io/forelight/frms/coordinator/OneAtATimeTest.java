package io.forelight.frms.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OneAtATimeTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static OneAtATime events(List<String> failures) {
    return new OneAtATime(
        testKit.system().executionContext(),
        testKit.system().classicSystem().scheduler(),
        error -> failures.add(error.getMessage()));
  }

  /** Posts an event that counts down {@code done} once all before it ran. */
  private static void await(OneAtATime events) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    events.post(done::countDown);
    assertTrue(done.await(10, TimeUnit.SECONDS), "the events ran");
  }

  @Test
  void runsEventsFromManyThreadsOneAtATimeInTheOrderEachPosted() throws Exception {
    List<String> failures = new ArrayList<>();
    OneAtATime events = events(failures);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<Integer> seen = new ArrayList<>(); // touched by events only
    List<Thread> posters = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int poster = t;
      posters.add(
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  int value = poster * 1000 + i;
                  events.post(
                      () -> {
                        if (running.incrementAndGet() > 1) {
                          overlaps.incrementAndGet();
                        }
                        seen.add(value);
                        running.decrementAndGet();
                      });
                }
              }));
    }
    posters.forEach(Thread::start);
    for (Thread poster : posters) {
      poster.join();
    }
    await(events);
    assertEquals(0, overlaps.get());
    assertEquals(4000, seen.size());
    for (int poster = 0; poster < 4; poster++) {
      int from = poster * 1000;
      List<Integer> own = seen.stream().filter(v -> v >= from && v < from + 1000).toList();
      assertEquals(from, own.get(0));
      for (int i = 1; i < own.size(); i++) {
        assertEquals(own.get(i - 1) + 1, own.get(i), "poster " + poster + "'s order");
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void anEventThatThrowsIsReportedAndTheNextRuns() throws Exception {
    List<String> failures = new ArrayList<>();
    OneAtATime events = events(failures);
    List<String> ran = new ArrayList<>();
    events.post(
        () -> {
          throw new IllegalStateException("broken");
        });
    events.post(() -> ran.add("next"));
    await(events);
    assertEquals(List.of("broken"), failures);
    assertEquals(List.of("next"), ran);
  }

  @Test
  void aTimerRunsOnlyItsLatestStartAndNothingOnceCancelled() throws Exception {
    OneAtATime events = events(new ArrayList<>());
    List<String> fired = new ArrayList<>();
    OneAtATime.Timer restarted = events.timer();
    OneAtATime.Timer cancelled = events.timer();
    CountDownLatch second = new CountDownLatch(1);
    events.post(
        () -> {
          restarted.start(Duration.ofMillis(50), () -> fired.add("first start"));
          restarted.start(
              Duration.ofMillis(100),
              () -> {
                fired.add("second start");
                second.countDown();
              });
          cancelled.start(Duration.ofMillis(10), () -> fired.add("cancelled"));
          cancelled.cancel();
        });
    assertTrue(second.await(10, TimeUnit.SECONDS));
    // the cancelled and replaced timers were due long before: a third wait settles nothing new
    CountDownLatch later = new CountDownLatch(1);
    events.postAfter(Duration.ofMillis(200), later::countDown);
    assertTrue(later.await(10, TimeUnit.SECONDS));
    await(events);
    assertEquals(List.of("second start"), fired);
    CountDownLatch checked = new CountDownLatch(1);
    List<Boolean> active = new ArrayList<>();
    events.post(
        () -> {
          active.add(restarted.active());
          active.add(cancelled.active());
          checked.countDown();
        });
    assertTrue(checked.await(10, TimeUnit.SECONDS));
    assertFalse(active.get(0), "a timer that fired is no longer active");
    assertFalse(active.get(1));
  }
}
