package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.reactor.TestConfigs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Samplers of one interval share one scheduled beat; each leaves it on its own. */
@ExtendWith(LogCapturingExtension.class)
class MetronomesTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());
  private static final Duration INTERVAL = Duration.ofMillis(50);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @Test
  void eachMemberBeatsUntilItLeavesAndTheOthersGoOn() {
    Metronomes metronomes = Metronomes.get(testKit.system());
    AtomicInteger first = new AtomicInteger();
    AtomicInteger second = new AtomicInteger();
    Cancellable one = metronomes.join(INTERVAL, 42, first::incrementAndGet);
    Cancellable two = metronomes.join(INTERVAL, 42, second::incrementAndGet);
    assertTrue(Await.holds(WAIT, () -> first.get() >= 3 && second.get() >= 3), "both beat");

    assertTrue(one.cancel());
    assertTrue(one.isCancelled());
    int firstAtLeave = first.get() + 1; // a beat under way as it left may still run it once
    int secondAtLeave = second.get();
    assertTrue(Await.holds(WAIT, () -> second.get() >= secondAtLeave + 3), "the other goes on");
    assertTrue(first.get() <= firstAtLeave, "the one that left beats no more");

    assertTrue(two.cancel());
    assertFalse(two.cancel(), "once");
    int secondAtEnd = second.get() + 1;
    assertFalse(
        Await.holds(Duration.ofMillis(300), () -> second.get() > secondAtEnd),
        "nothing beats once all left");
  }

  @Test
  void aFailingBeatDoesNotSilenceTheOthers() {
    Metronomes metronomes = Metronomes.get(testKit.system());
    AtomicInteger beats = new AtomicInteger();
    Cancellable failing =
        metronomes.join(
            INTERVAL,
            7,
            () -> {
              throw new IllegalStateException("a broken sampler");
            });
    Cancellable counting = metronomes.join(INTERVAL, 7, beats::incrementAndGet);
    assertTrue(Await.holds(WAIT, () -> beats.get() >= 3));
    failing.cancel();
    counting.cancel();
  }
}
