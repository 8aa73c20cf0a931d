package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.SensorSpec;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LogCapturingExtension.class)
class SensorTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());
  private static final SensorSpec SPEC = TestSensors.temperature("temp");

  private EventSourcedBehaviorTestKit<Sensor.Command, Sensor.Event, Sensor.State> sensor;

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @BeforeEach
  void fresh() {
    sensor =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), Sensor.create(SPEC, "", self -> Behaviors.empty()));
  }

  private Sensor.Recorded record(double value) {
    return sensor
        .<Sensor.Recorded>runCommand(
            replyTo -> new Sensor.Record(new Sample(1_000L, value, Quality.GOOD, ""), replyTo))
        .reply();
  }

  @Test
  void logsEachSampleAsAReadingWithTheNextSequenceNumber() {
    var result =
        sensor.<Sensor.Recorded>runCommand(
            replyTo -> new Sensor.Record(Sample.bad(5L, "no answer from driver"), replyTo));
    assertEquals(new Sensor.Recorded(1, 0), result.reply());
    Sensor.ReadingTaken taken = (Sensor.ReadingTaken) result.event();
    assertEquals(1, taken.seq());
    assertEquals("°C", taken.unit());
    assertEquals(Quality.BAD, taken.quality());
    assertEquals(new Sensor.Recorded(2, 0), record(37.0));
    assertEquals(new Sensor.Recorded(3, 0), record(37.1));
  }

  @Test
  void answersOnlyTheRecordsThatAskButLogsEveryOne() {
    TestProbe<Sensor.Recorded> answers = testKit.createTestProbe();
    var quiet =
        sensor.runCommand(
            new Sensor.Record(
                new Sample(1_000L, 36.0, Quality.GOOD, ""), 7, false, answers.getRef()));
    assertEquals(1, ((Sensor.ReadingTaken) quiet.event()).seq(), "logged without an answer");
    var asked =
        sensor.<Sensor.Recorded>runCommand(
            replyTo ->
                new Sensor.Record(new Sample(2_000L, 36.1, Quality.GOOD, ""), 8, true, replyTo));
    assertEquals(new Sensor.Recorded(2, 8), asked.reply(), "the sampler's own count comes back");
    answers.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void keepsItsLatestReadingAndSequenceAcrossARestart() {
    record(36.9);
    record(37.0);
    sensor.restart();
    Sensor.Latest latest = sensor.runCommand(Sensor.GetLatest::new).reply();
    assertEquals(2, latest.lastSeq());
    assertEquals(37.0, latest.reading().value());
    assertEquals(new Sensor.Recorded(3, 0), record(37.2));
  }
}
