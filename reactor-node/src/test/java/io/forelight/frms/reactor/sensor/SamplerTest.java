package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.Await;
import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.ReactorSettings.SamplingSettings;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverException;
import io.forelight.frms.reactor.driver.NodeDriverContext;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LogCapturingExtension.class)
class SamplerTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScriptedDriverFactory driver = new ScriptedDriverFactory();
  private final TestProbe<Sensor.Command> sensor = testKit.createTestProbe();

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  private ActorRef<Sampler.Command> start(Calibration calibration, int maxPending) {
    return start(calibration, maxPending, Duration.ofMillis(100));
  }

  private ActorRef<Sampler.Command> start(
      Calibration calibration, int maxPending, Duration interval) {
    SensorSpec spec =
        new SensorSpec(
            "ph",
            "ph",
            "scripted",
            "pH",
            interval,
            true,
            calibration,
            new SensorKinds.Range(0, 14),
            Map.of());
    SamplingSettings settings =
        new SamplingSettings(
            Duration.ofMillis(300),
            maxPending,
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(10),
            0);
    return testKit.spawn(
        Sampler.create(
            spec,
            settings,
            sensor.getRef(),
            driver,
            new NodeDriverContext(
                new SimulatedBioreactor(1, 1), () -> null, Path.of("/nonexistent")),
            () -> Double.NaN));
  }

  /** The next Record sent to the sensor, answered so that the sampler may go on. */
  private Sample nextSample() {
    Sensor.Record record = (Sensor.Record) sensor.receiveMessage(WAIT);
    record.replyTo().tell(new Sensor.Recorded(1, record.number()));
    return record.sample();
  }

  private Sample nextSampleMatching(Predicate<Sample> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Sample sample = nextSample();
      if (wanted.test(sample)) {
        return sample;
      }
    }
    throw new AssertionError("no matching sample within " + WAIT);
  }

  @Test
  void logsCalibratedGoodReadingsEveryInterval() {
    driver.script.add(3.0);
    driver.script.add(3.5);
    start(new Calibration(2.0, 0.5), 16);
    Sample first = nextSample();
    assertEquals(Quality.GOOD, first.quality());
    assertEquals(6.5, first.value());
    assertEquals(7.5, nextSample().value());
  }

  /** Its ticks are its own to cancel (no timer scheduler does it): stopped, it is told none. */
  @Test
  void aStoppedSamplerIsToldNoMoreTicks() {
    driver.script.add(3.0);
    ActorRef<Sampler.Command> sampler = start(Calibration.NONE, 16, Duration.ofMillis(20));
    nextSample();
    AtomicInteger ticksToTheDead = new AtomicInteger();
    ActorRef<DeadLetter> watcher =
        testKit.spawn(
            Behaviors.receiveMessage(
                dead -> {
                  if (dead.recipient().path().equals(sampler.path())
                      && dead.message().getClass().getName().endsWith("Sampler$Tick")) {
                    ticksToTheDead.incrementAndGet();
                  }
                  return Behaviors.same();
                }));
    testKit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, watcher));
    testKit.stop(sampler);

    // one may have been in its mailbox as it stopped; left running, its 20 ms ticks would reach
    // the dead letters ~25 times in this time
    assertFalse(
        Await.holds(Duration.ofMillis(500), () -> ticksToTheDead.get() > 1),
        () -> ticksToTheDead.get() + " ticks told to the stopped sampler");
  }

  @Test
  void aValueOutsideThePlausibleRangeIsKeptButSuspect() {
    driver.script.add(20.0);
    start(Calibration.NONE, 16);
    Sample sample = nextSample();
    assertEquals(Quality.SUSPECT, sample.quality());
    assertEquals(20.0, sample.value());
    assertTrue(sample.detail().contains("plausible range [0.0, 14.0]"), sample.detail());
  }

  @Test
  void nanIsBadNeverAValue() {
    driver.script.add(Double.NaN);
    start(Calibration.NONE, 16);
    Sample sample = nextSample();
    assertEquals(Quality.BAD, sample.quality());
    assertTrue(Double.isNaN(sample.value()));
    assertEquals("driver returned NaN", sample.detail());
  }

  @Test
  void garbageFromTheDeviceIsBadAndTheDriverStaysOpen() {
    driver.script.add(new DriverException("unreadable answer from EZO circuit: '7.0x2'"));
    start(Calibration.NONE, 16);
    Sample sample = nextSample();
    assertEquals(Quality.BAD, sample.quality());
    assertTrue(sample.detail().contains("7.0x2"), sample.detail());
    assertEquals(Quality.GOOD, nextSample().quality());
    assertEquals(1, driver.opens.get());
  }

  @Test
  void aFailingDriverGivesABadReadingAndIsReopenedWithBackoff() {
    driver.script.add(new IOException("Remote I/O error"));
    start(Calibration.NONE, 16);
    Sample bad = nextSample();
    assertEquals(Quality.BAD, bad.quality());
    assertEquals("Remote I/O error", bad.detail());
    nextSampleMatching(s -> s.quality() == Quality.GOOD);
    assertEquals(2, driver.opens.get());
  }

  @Test
  void aHungDriverGivesBadReadingsUntilItAnswersAgain() {
    driver.script.add(ScriptedDriverFactory.HANG);
    start(Calibration.NONE, 16);
    Sample silent = nextSample();
    assertEquals(Quality.BAD, silent.quality());
    assertTrue(silent.detail().startsWith("no answer from driver within 300 ms"), silent.detail());
    Sample stillSilent = nextSample();
    assertTrue(stillSilent.detail().startsWith("driver not answering for"), stillSilent.detail());
    driver.release();
    Sample back = nextSampleMatching(s -> s.quality() == Quality.GOOD);
    assertEquals(1.0, back.value(), "the late answer of the hung read is not logged");
  }

  @Test
  void aSensorSampledLessOftenThanTheTimeoutTimesEachRead() {
    driver.script.add(ScriptedDriverFactory.HANG);
    start(Calibration.NONE, 16, Duration.ofSeconds(2));
    long asked = System.nanoTime();
    Sample silent = nextSample();
    assertTrue(silent.detail().startsWith("no answer from driver within 300 ms"), silent.detail());
    assertTrue(
        System.nanoTime() - asked < Duration.ofMillis(1_500).toNanos(),
        "told by its own timer, not at the next tick 2 s later");
    driver.release();
  }

  @Test
  void aDriverThatCannotBeOpenedGivesBadReadingsSayingWhy() {
    driver.failOpens.set(4); // ~700 ms of reopening with backoff: well past the 300 ms timeout
    start(Calibration.NONE, 16);
    Sample bad = nextSample();
    assertEquals(Quality.BAD, bad.quality());
    assertTrue(
        bad.detail().contains("cannot open driver scripted: no device at address 0x63"),
        bad.detail());
    nextSampleMatching(s -> s.quality() == Quality.GOOD);
    assertTrue(driver.opens.get() >= 5);
  }

  @Test
  void asksTheSensorForAnAnswerOnceHalfItsBoundIsInFlight() {
    start(Calibration.NONE, 8);
    List<Sensor.Record> records = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      records.add(sensor.expectMessageClass(Sensor.Record.class, WAIT));
    }
    sensor.expectNoMessage(Duration.ofMillis(300));
    assertEquals(
        List.of(false, false, false, true, false, false, false, false),
        records.stream().map(Sensor.Record::answer).toList(),
        "one answer asked for at 4 in flight, none more while it is awaited");
    Sensor.Record asked = records.get(3);
    asked.replyTo().tell(new Sensor.Recorded(4, asked.number()));
    Sensor.Record next = sensor.expectMessageClass(Sensor.Record.class, WAIT);
    assertEquals(9, next.number(), "records 1-4 done: sampling resumes");
  }

  @Test
  void neverHasMoreRecordsInFlightThanItsBound() {
    ActorRef<Sampler.Command> sampler = start(Calibration.NONE, 3);
    for (int i = 0; i < 3; i++) {
      sensor.expectMessageClass(Sensor.Record.class, WAIT);
    }
    sensor.expectNoMessage(Duration.ofMillis(500));
    TestProbe<Sampler.Stats> stats = testKit.createTestProbe();
    sampler.tell(new Sampler.GetStats(stats.getRef()));
    Sampler.Stats counted = stats.receiveMessage(WAIT);
    assertEquals(3, counted.samples());
    assertTrue(counted.skipped() > 0, "samples beyond the bound are skipped and counted");
  }
}
