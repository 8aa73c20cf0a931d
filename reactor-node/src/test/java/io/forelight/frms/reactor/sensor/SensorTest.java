package io.forelight.frms.reactor.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A sensor logs every sample as the next reading of its log on flash, and starts where it was. */
@ExtendWith(LogCapturingExtension.class)
class SensorTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());
  private static final SensorSpec SPEC = TestSensors.temperature("temp");
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private FlashLog log;
  private SensorLogs readings;
  private final TestProbe<Sensor.Recorded> answers = testKit.createTestProbe();

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @BeforeEach
  void open() throws Exception {
    log = FlashLog.open(new FlashLogSettings(dir, 1 << 20, 1000, 0));
    readings = SensorLogs.on(testKit.system(), log, SPEC);
  }

  @AfterEach
  void close() {
    log.close();
  }

  private ActorRef<Sensor.Command> sensor() {
    return testKit.spawn(Sensor.create(SPEC, system -> readings, self -> Behaviors.empty()));
  }

  private Sensor.Recorded record(ActorRef<Sensor.Command> sensor, long micros, double value) {
    sensor.tell(new Sensor.Record(new Sample(micros, value, Quality.GOOD, ""), answers.getRef()));
    return answers.receiveMessage(WAIT);
  }

  @Test
  void logsEachSampleAsAReadingWithTheNextSequenceNumber() {
    ActorRef<Sensor.Command> sensor = sensor();
    sensor.tell(new Sensor.Record(Sample.bad(5L, "no answer from driver"), answers.getRef()));
    assertEquals(new Sensor.Recorded(1, 0), answers.receiveMessage(WAIT));
    assertEquals(new Sensor.Recorded(2, 0), record(sensor, 6, 37.0));
    assertEquals(new Sensor.Recorded(3, 0), record(sensor, 7, 37.1));
    assertEquals(
        List.of(
            new Sensor.ReadingTaken(1, 5, Double.NaN, "°C", Quality.BAD, "no answer from driver"),
            new Sensor.ReadingTaken(2, 6, 37.0, "°C", Quality.GOOD, ""),
            new Sensor.ReadingTaken(3, 7, 37.1, "°C", Quality.GOOD, "")),
        readings.events());
  }

  @Test
  void answersOnlyTheRecordsThatAskButLogsEveryOne() {
    ActorRef<Sensor.Command> sensor = sensor();
    sensor.tell(
        new Sensor.Record(new Sample(1_000L, 36.0, Quality.GOOD, ""), 7, false, answers.getRef()));
    sensor.tell(
        new Sensor.Record(new Sample(2_000L, 36.1, Quality.GOOD, ""), 8, true, answers.getRef()));
    assertEquals(new Sensor.Recorded(2, 8), answers.receiveMessage(WAIT), "the sender's count");
    answers.expectNoMessage(Duration.ofMillis(100));
    assertEquals(2, readings.events().size(), "both logged");
  }

  @Test
  void recordsThatArriveDuringAWriteAreLoggedInOrderWithoutGapOrDuplicate() {
    ActorRef<Sensor.Command> sensor = sensor();
    for (long micros = 1; micros <= 500; micros++) {
      sensor.tell(
          new Sensor.Record(new Sample(micros, micros, Quality.GOOD, ""), answers.getRef()));
    }
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      seqs.add(answers.receiveMessage(WAIT).seq());
    }
    assertEquals(LongStream.rangeClosed(1, 500).boxed().toList(), seqs);
    List<Object> events = readings.events();
    assertEquals(500, events.size());
    for (int i = 0; i < 500; i++) {
      Sensor.ReadingTaken reading = (Sensor.ReadingTaken) events.get(i);
      assertEquals(i + 1, reading.seq());
      assertEquals(i + 1, reading.takenAtMicros(), "the sample it was sent as");
    }
  }

  @Test
  void startsAgainFromItsLogsLatestReadingAndSequence() {
    ActorRef<Sensor.Command> first = sensor();
    record(first, 1, 36.9);
    record(first, 2, 37.0);
    testKit.stop(first, WAIT);

    ActorRef<Sensor.Command> again = sensor();
    TestProbe<Sensor.Latest> latest = testKit.createTestProbe();
    again.tell(new Sensor.GetLatest(latest.getRef()));
    Sensor.Latest answer = latest.receiveMessage(WAIT);
    assertEquals(2, answer.lastSeq());
    assertEquals(37.0, answer.reading().value());
    assertEquals(new Sensor.Recorded(3, 0), record(again, 3, 37.2));
  }

  @Test
  void aNewSensorOnAnEmptyLogHasNoLatestReading() {
    TestProbe<Sensor.Latest> latest = testKit.createTestProbe();
    sensor().tell(new Sensor.GetLatest(latest.getRef()));
    assertEquals(new Sensor.Latest("temp", 0, null), latest.receiveMessage(WAIT));
  }
}
