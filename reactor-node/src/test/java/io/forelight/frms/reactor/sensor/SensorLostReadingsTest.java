package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples a sensor cannot log are never dropped silently: while the readings log is full (or after
 * a write failed) they are counted, and logged as one lost-at-source range under the next sequence
 * number once the log takes writes again. A failed write does not stop the sensor or its sampler.
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

  /** The sensor, once its sampler started (each sampler start reaches {@link #samplers}). */
  private ActorRef<Sensor.Command> sensor(SensorSpec spec, SensorLogs readings) {
    ActorRef<Sensor.Command> sensor =
        testKit.spawn(
            Sensor.create(
                spec,
                system -> readings,
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

  @Test
  void samplesWhoseWriteFailedAreLoggedAsLostBeforeTheNextReading() throws Exception {
    SensorSpec spec = TestSensors.temperature("failed-write");
    try (FlashLog log = FlashLog.open(new FlashLogSettings(dir, 1 << 20, 1000, 0))) {
      SensorLogs readings = SensorLogs.on(testKit.system(), log, spec);
      ActorRef<Sensor.Command> sensor = sensor(spec, readings);
      TestProbe<Sensor.Recorded> recorded = testKit.createTestProbe();

      readings.failNextWrites(2);
      assertEquals(new Sensor.Recorded(0, 0), record(sensor, 1, recorded), "not logged");
      assertEquals(new Sensor.Recorded(0, 0), record(sensor, 2, recorded), "not logged");
      assertEquals(new Sensor.Recorded(2, 0), record(sensor, 3, recorded));
      samplers.expectNoMessage(Duration.ofMillis(100)); // the same sampler goes on

      assertEquals(
          List.of(
              new Sensor.ReadingsLost(1, 1, 2, 2, "log write failed"),
              new Sensor.ReadingTaken(2, 3, 37.0, "°C", Quality.GOOD, "")),
          readings.events());
    }
  }

  @Test
  void whileTheLogIsFullSamplesAreCountedAndLoggedAsOneRangeWhenSpaceReturns() throws Exception {
    long quota = 16 * 4096;
    try (FlashLog log = FlashLog.open(new FlashLogSettings(dir, 4096, 1000, quota))) {
      ReactorOps.get(testKit.system()).attach("r1", HealthSettings.DEFAULT, log);
      long filled = fill(log);
      assertTrue(log.full().isPresent());

      SensorSpec spec = TestSensors.temperature("full-log");
      SensorLogs readings = SensorLogs.on(testKit.system(), log, spec);
      ActorRef<Sensor.Command> sensor = sensor(spec, readings);
      TestProbe<Sensor.Recorded> recorded = testKit.createTestProbe();
      for (long micros = 10; micros <= 50; micros += 10) {
        assertEquals(new Sensor.Recorded(0, 0), record(sensor, micros, recorded));
      }
      assertEquals(List.of(), readings.events(), "nothing is logged while the log is full");

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
          readings.events());
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
