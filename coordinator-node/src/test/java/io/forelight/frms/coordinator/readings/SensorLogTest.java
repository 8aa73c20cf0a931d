package io.forelight.frms.coordinator.readings;

import static io.forelight.frms.coordinator.readings.Readings.concat;
import static io.forelight.frms.coordinator.readings.Readings.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LogCapturingExtension.class)
class SensorLogTest {

  private static final TestKitJunitResource testKit = SensorLogKit.system();

  private EventSourcedBehaviorTestKit<SensorLog.Command, SensorLog.Event, SensorLog.State> log;

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @BeforeEach
  void fresh() {
    log = SensorLogKit.log(testKit);
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<
          SensorLog.Command, SensorLog.Event, SensorLog.State, StatusReply<SensorLog.Appended>>
      append(List<Reading> readings) {
    return log.runCommand(replyTo -> new SensorLog.Append(readings, replyTo));
  }

  @Test
  void storesAContinuingBatchAsOneEvent() {
    var result = append(concat(of("t", 1, 3), of("ph", 1, 1)));
    assertEquals(
        List.of(concat(of("t", 1, 3), of("ph", 1, 1))), Readings.storedIn(result.events()));
    assertEquals(Map.of("t", 3L, "ph", 1L), result.reply().getValue().positions());
    assertEquals(4, result.reply().getValue().accepted());
    assertEquals(Readings.reading("t", 3), result.state().latest().get("t"));
  }

  @Test
  void storesNothingForDuplicatesAndSaysSo() {
    append(of("t", 1, 3));
    var result = append(of("t", 2, 3));
    assertTrue(result.hasNoEvents());
    assertEquals(2, result.reply().getValue().duplicates());
    assertEquals(Map.of("t", 3L), result.reply().getValue().positions());
  }

  @Test
  void reportsAGapAndStoresOnlyTheContinuingPart() {
    append(of("t", 1, 3));
    var result = append(concat(of("t", 6, 7), of("ph", 1, 2)));
    assertEquals(List.of(of("ph", 1, 2)), Readings.storedIn(result.events()));
    assertEquals(Map.of("t", 4L), result.reply().getValue().gaps());
    assertEquals(3L, result.state().positions().get("t"));
  }

  @Test
  void keepsPositionsAcrossARestart() {
    append(concat(of("t", 1, 5), of("ph", 1, 2)));
    log.restart();
    var positions = log.runCommand(SensorLog.GetPositions::new);
    assertEquals(Map.of("t", 5L, "ph", 2L), positions.reply().positions());
  }
}
