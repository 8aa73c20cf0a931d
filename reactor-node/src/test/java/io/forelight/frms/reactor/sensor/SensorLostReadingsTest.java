package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.ReactorSettings.HealthSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogSettings;
import io.forelight.frms.reactor.journal.StoredEvent;
import io.forelight.frms.reactor.ops.ReactorOps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples a sensor cannot log are never dropped silently: while the readings log is full (or after
 * a write failed) they are counted, and logged as one lost-at-source range under the next sequence
 * number once the log takes writes again. A failed write restarts the sensor in place, which stops
 * its sampler: it must start a new one, or it would silently stop sampling.
 */
@ExtendWith(LogCapturingExtension.class)
class SensorLostReadingsTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  private final TestProbe<ActorRef<Sensor.Command>> samplers = testKit.createTestProbe();

  /** The sensor, once its first sampler started (each sampler start reaches {@link #samplers}). */
  private ActorRef<Sensor.Command> sensor(SensorSpec spec) {
    ActorRef<Sensor.Command> sensor =
        testKit.spawn(
            Sensor.create(
                spec,
                "",
                self -> {
                  samplers.getRef().tell(self);
                  return Behaviors.ignore();
                }));
    samplers.receiveMessage(WAIT);
    return sensor;
  }

  private static Sensor.Recorded record(
      ActorRef<Sensor.Command> sensor, long micros, TestProbe<Sensor.Recorded> probe) {
    sensor.tell(new Sensor.Record(new Sample(micros, 37.0, Quality.GOOD, ""), probe.getRef()));
    return probe.receiveMessage(WAIT);
  }

  private static List<Object> persisted(SensorSpec spec) {
    return PersistenceTestKit.create(testKit.system())
        .persistedInStorage(SensorSpec.persistenceId(spec.id()));
  }

  @Test
  void aSampleWhoseWriteFailedIsLoggedAsLostBeforeTheNextReading() {
    SensorSpec spec = TestSensors.temperature("failed-write");
    ActorRef<Sensor.Command> sensor = sensor(spec);
    TestProbe<Sensor.Recorded> recorded = testKit.createTestProbe();

    PersistenceTestKit.create(testKit.system()).failNextPersisted();
    sensor.tell(new Sensor.Record(new Sample(1, 37.0, Quality.GOOD, ""), recorded.getRef()));
    samplers.receiveMessage(WAIT); // the failed write restarted the sensor and its sampler
    recorded.expectNoMessage(Duration.ofMillis(100));

    assertEquals(new Sensor.Recorded(2, 0), record(sensor, 2, recorded));
    assertEquals(
        List.of(
            new Sensor.ReadingsLost(1, 1, 1, 1, "log write failed"),
            new Sensor.ReadingTaken(2, 2, 37.0, "°C", Quality.GOOD, "")),
        persisted(spec));
  }

  @Test
  void aWriteReportedFailedThatLandedAnywayIsNotCountedLost() {
    Sample sample = new Sample(301, 6.3, Quality.GOOD, "");
    Sensor.State recovered =
        new Sensor.State(new Sensor.ReadingTaken(301, 301, 6.3, "mg/L", Quality.GOOD, ""));
    assertTrue(Sensor.landed(recovered, sample), "it is the recovered log's last reading");
    assertFalse(Sensor.landed(recovered, new Sample(302, 6.3, Quality.GOOD, "")));
    assertFalse(Sensor.landed(new Sensor.State(null), sample), "an empty log");
  }

  @Test
  void whileTheLogIsFullSamplesAreCountedAndLoggedAsOneRangeWhenSpaceReturns() throws Exception {
    long quota = 16 * 4096;
    try (FlashLog log = FlashLog.open(new FlashLogSettings(dir, 4096, 1000, quota))) {
      ReactorOps.get(testKit.system()).attach("r1", HealthSettings.DEFAULT, log);
      long filled = fill(log);
      assertTrue(log.full().isPresent());

      SensorSpec spec = TestSensors.temperature("full-log");
      ActorRef<Sensor.Command> sensor = sensor(spec);
      TestProbe<Sensor.Recorded> recorded = testKit.createTestProbe();
      for (long micros = 10; micros <= 50; micros += 10) {
        assertEquals(new Sensor.Recorded(0, 0), record(sensor, micros, recorded));
      }
      assertEquals(List.of(), persisted(spec), "nothing is logged while the log is full");

      log.acknowledge("filler", filled).get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (log.full().isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(new Sensor.Recorded(2, 0), record(sensor, 60, recorded));
      String reason = "quota of " + quota + " bytes reached";
      assertEquals(
          List.of(
              new Sensor.ReadingsLost(1, 10, 50, 5, reason),
              new Sensor.ReadingTaken(2, 60, 37.0, "°C", Quality.GOOD, "")),
          persisted(spec));
      assertEquals(new Sensor.Recorded(3, 0), record(sensor, 70, recorded));
    }
  }

  /** Appends to the log until it refuses for lack of space; returns the last seq taken. */
  private static long fill(FlashLog log) throws Exception {
    byte[] payload = new byte[200];
    for (long seq = 1; seq < 10_000; seq++) {
      StoredEvent event = new StoredEvent(seq, seq, 4, "m", "w", payload);
      try {
        log.append(Map.of("filler", List.of(event))).get(10, TimeUnit.SECONDS);
      } catch (ExecutionException full) {
        return seq - 1;
      }
    }
    throw new AssertionError("the quota never filled");
  }
}
