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

/**
 * Sequences per log incarnation and quarantine per sensor: a new log is stored beside the old one,
 * a conflict stops only its sensor, and an admin decides what becomes of it.
 */
@ExtendWith(LogCapturingExtension.class)
class SensorLogIncarnationTest {

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

  private SensorLog.Opened open(Map<String, SensorLog.Origin> sensors) {
    return log.<SensorLog.Opened>runCommand(replyTo -> new SensorLog.Open(sensors, replyTo))
        .reply();
  }

  private SensorLog.Appended append(String incarnation, List<Reading> readings) {
    return log.<StatusReply<SensorLog.Appended>>runCommand(
            replyTo -> new SensorLog.Append(incarnation, readings, replyTo))
        .reply()
        .getValue();
  }

  private StatusReply<SensorLog.Positions> resolve(String sensor, boolean accept) {
    return log.<StatusReply<SensorLog.Positions>>runCommand(
            replyTo -> new SensorLog.Resolve(sensor, accept, "ada", "checked the card", replyTo))
        .reply();
  }

  private static SensorLog.Origin origin(String incarnation, long last, long acknowledged) {
    return new SensorLog.Origin(incarnation, last, acknowledged);
  }

  @Test
  void aFirstConnectionStartsTheFirstSequenceAndResumesFromTheStart() {
    SensorLog.Opened opened = open(Map.of("t", origin("A", 10, 0)));
    assertEquals(new SensorLog.Resume(0, "A"), opened.resume().get("t"));
    assertEquals(3, append("A", of("t", 1, 3)).accepted());
    assertEquals(
        new SensorLog.Resume(2, "A"), open(Map.of("t", origin("A", 10, 3))).resume().get("t"));
    assertEquals(1, log.getState().tracks().get("t").number());
  }

  @Test
  void readingsStoredBeforeIncarnationsAreAdoptedWithoutStartingOver() {
    append("", of("t", 1, 5));
    SensorLog.Opened opened = open(Map.of("t", origin("A", 9, 5)));
    assertEquals(new SensorLog.Resume(4, "A"), opened.resume().get("t"));
    assertEquals(Track.ADOPTED, log.getState().tracks().get("t").origin());
    assertEquals(5L, log.getState().positions().get("t"));
  }

  @Test
  void aNewLogIncarnationIsStoredAsItsOwnSequenceBesideTheOld() {
    open(Map.of("t", origin("A", 10, 0), "ph", origin("A", 10, 0)));
    append("A", concat(of("t", 1, 50), of("ph", 1, 50)));

    SensorLog.Opened opened = open(Map.of("t", origin("B", 4, 0), "ph", origin("B", 4, 0)));
    assertEquals(
        new SensorLog.Resume(0, "B"), opened.resume().get("t"), "from the new log's start");
    Track track = log.getState().tracks().get("t");
    assertEquals(2, track.number());
    assertTrue(track.origin().contains("new log incarnation (was A)"), track.origin());

    var result =
        log.<StatusReply<SensorLog.Appended>>runCommand(
            replyTo -> new SensorLog.Append("B", of("t", 1, 4), replyTo));
    assertEquals(4, result.reply().getValue().accepted(), "seq 1 again, in its own sequence");
    SensorLog.ReadingsStored stored = (SensorLog.ReadingsStored) result.events().get(0);
    assertEquals(2, stored.sequenceOf("t"));
    assertEquals(4L, log.getState().positions().get("t"));
  }

  @Test
  void aReadingThatDiffersFromTheStoredOneQuarantinesOnlyItsSensor() {
    open(Map.of("t", origin("A", 10, 0), "ph", origin("A", 10, 0)));
    append("A", concat(of("t", 1, 5), of("ph", 1, 5)));
    Reading other =
        new Reading("t", 5, 1L, 99.0, "°C", Quality.GOOD, "", null); // same number, other reading

    SensorLog.Appended appended =
        append("A", concat(List.of(other), of("ph", 5, 8), of("t", 6, 7)));
    assertEquals(3, appended.accepted(), "ph 6..8 stored");
    assertTrue(appended.quarantined().get("t").contains("differs from the stored one"));
    assertEquals(Map.of("ph", 8L), appended.positions(), "t is not acknowledged");
    assertEquals(5L, log.getState().positions().get("t"));

    SensorLog.Opened reopened = open(Map.of("t", origin("A", 20, 0), "ph", origin("A", 20, 8)));
    assertEquals(Map.of("ph", new SensorLog.Resume(7, "A")), reopened.resume());
    assertTrue(reopened.quarantined().containsKey("t"));
    assertEquals(0, append("A", of("t", 6, 9)).accepted(), "a quarantined sensor's readings wait");
  }

  @Test
  void aLogThatEndsBeforeWhatIsStoredOrWasAcknowledgedBeyondItIsQuarantined() {
    open(Map.of("t", origin("A", 10, 0), "ph", origin("A", 10, 0)));
    append("A", concat(of("t", 1, 10), of("ph", 1, 10)));
    SensorLog.Opened opened = open(Map.of("t", origin("A", 7, 0), "ph", origin("A", 30, 12)));
    assertTrue(opened.quarantined().get("t").reason().contains("ends at 7"));
    assertTrue(opened.quarantined().get("ph").reason().contains("someone else acknowledged"));
    assertEquals(Map.of(), opened.resume());
  }

  @Test
  void acceptingAConflictStartsANewSequenceWhereTheReactorStillHoldsReadings() {
    open(Map.of("t", origin("A", 10, 0)));
    append("A", of("t", 1, 10));
    open(Map.of("t", origin("A", 7, 0)));
    assertTrue(log.getState().quarantined().containsKey("t"));

    assertTrue(resolve("t", true).isSuccess());
    assertTrue(log.getState().tracks().get("t").origin().contains("accepted by ada"));
    SensorLog.Opened opened = open(Map.of("t", origin("A", 9, 3)));
    assertEquals(new SensorLog.Resume(3, "A"), opened.resume().get("t"));
    assertEquals(6, append("A", of("t", 4, 9)).accepted());
    assertEquals(2, log.getState().tracks().get("t").number());
    assertTrue(resolve("t", true).isError(), "no longer quarantined");
  }

  @Test
  void keepingAQuarantineRecordsWhoDecidedAndGoesOnRefusing() {
    open(Map.of("t", origin("A", 10, 0)));
    append("A", of("t", 1, 10));
    open(Map.of("t", origin("A", 7, 0)));
    resolve("t", false);
    Quarantine kept = log.getState().quarantined().get("t");
    assertEquals("ada: checked the card", kept.keptBy());
    assertTrue(kept.describe().contains("kept refused by ada"));
    assertEquals(Map.of(), open(Map.of("t", origin("A", 12, 0))).resume());
  }

  @Test
  void aBatchFromAnotherIncarnationIsNotStoredButAskedForAgain() {
    open(Map.of("t", origin("A", 10, 0)));
    SensorLog.Appended appended = append("B", of("t", 1, 3));
    assertEquals(0, appended.accepted());
    assertEquals(Map.of("t", 1L), appended.gaps());
  }

  @Test
  void theSameGapOnThreeConnectionsInARowQuarantinesItsSensor() {
    open(Map.of("t", origin("A", 10, 0), "ph", origin("A", 10, 0)));
    append("A", concat(of("t", 1, 3), of("ph", 1, 3)));
    assertEquals(Map.of("t", 4L), append("A", of("t", 6, 7)).gaps());
    assertEquals(Map.of("t", 4L), append("A", concat(of("t", 3, 3), of("t", 6, 7))).gaps());
    SensorLog.Appended third = append("A", concat(of("t", 6, 7), of("ph", 4, 4)));
    assertEquals(Map.of(), third.gaps());
    assertTrue(third.quarantined().get("t").contains("has no reading 4"), third.toString());
    assertEquals(1, third.accepted(), "ph goes on");
  }

  @Test
  void aGapThatClosesIsForgotten() {
    open(Map.of("t", origin("A", 10, 0)));
    append("A", of("t", 1, 3));
    append("A", of("t", 6, 7));
    append("A", of("t", 6, 7));
    append("A", of("t", 4, 5));
    assertTrue(append("A", of("t", 9, 9)).quarantined().isEmpty());
  }

  @Test
  void tracksAndQuarantinesSurviveARestart() {
    open(Map.of("t", origin("A", 10, 0), "ph", origin("A", 10, 0)));
    append("A", concat(of("t", 1, 10), of("ph", 1, 10)));
    open(Map.of("t", origin("A", 7, 0), "ph", origin("B", 3, 0)));
    log.restart();
    assertTrue(log.getState().quarantined().containsKey("t"));
    assertEquals(2, log.getState().tracks().get("ph").number());
    assertEquals(0L, log.getState().positions().get("ph"));
  }
}
