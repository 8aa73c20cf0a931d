package io.forelight.frms.reactor.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.Calibration;
import io.forelight.frms.reactor.config.SensorKinds;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.Drivers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LogCapturingExtension.class)
class SensorLayoutTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(TestConfigs.inMemory());

  private final Map<String, Long> unacknowledged = new ConcurrentHashMap<>();
  private final TestProbe<SensorLayout.LayoutSettled> listener = testKit.createTestProbe();
  private EventSourcedBehaviorTestKit<SensorLayout.Command, SensorLayout.Event, SensorLayout.State>
      layout;

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  static SensorSpec sensor(String id, String kind) {
    return new SensorSpec(
        id,
        kind,
        "simulated",
        "x",
        Duration.ofSeconds(1),
        true,
        Calibration.NONE,
        new SensorKinds.Range(-1e9, 1e9),
        Map.of());
  }

  @BeforeEach
  void fresh() {
    layout =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            SensorLayout.create(
                "r1",
                Layout.of(List.of(sensor("temp", "temperature"), sensor("ph", "ph"))),
                Drivers.load(),
                Duration.ofMillis(50), // the node's timers fire every 50 ms
                id -> unacknowledged.getOrDefault(id, 0L),
                listener.getRef(),
                ""));
  }

  private SensorLayout.Outcome apply(String key, LayoutChange change) {
    return layout
        .<SensorLayout.Outcome>runCommand(
            replyTo -> new SensorLayout.Apply(key, "ada", change, replyTo))
        .reply();
  }

  @Test
  void changesAnIntervalAndTellsTheListener() {
    listener.receiveMessage();
    SensorLayout.Outcome outcome =
        apply("k1", new LayoutChange.SetInterval("ph", Duration.ofMillis(250)));
    assertTrue(outcome.applied());
    assertEquals(
        Duration.ofMillis(250),
        listener.receiveMessage().layout().sensor("ph").orElseThrow().interval());
  }

  @Test
  void appliesAKeyOnceAndAnswersRepeatsWithTheFirstOutcome() {
    assertTrue(apply("k1", new LayoutChange.SetEnabled("ph", false)).applied());
    var repeat =
        layout.<SensorLayout.Outcome>runCommand(
            replyTo ->
                new SensorLayout.Apply(
                    "k1", "ada", new LayoutChange.SetEnabled("ph", true), replyTo));
    assertTrue(repeat.reply().applied());
    assertTrue(repeat.hasNoEvents(), "a repeated key changes nothing");
    assertFalse(repeat.state().layout().sensor("ph").orElseThrow().enabled());
  }

  @Test
  void aKeyIsAppliedOnceHoweverManyCommandsCameAfterIt() {
    assertTrue(apply("first", new LayoutChange.SetEnabled("ph", false)).applied());
    assertFalse(apply("bad", new LayoutChange.SetEnabled("nope", false)).applied());
    for (int i = 0; i < SensorLayout.REMEMBERED_KEYS + 10; i++) {
      apply("k" + i, new LayoutChange.SetInterval("temp", Duration.ofMillis(100 + i)));
    }
    layout.restart(); // from the snapshot: the old keys are no longer among the recent outcomes
    var repeat =
        layout.<SensorLayout.Outcome>runCommand(
            replyTo ->
                new SensorLayout.Apply(
                    "first", "ada", new LayoutChange.SetEnabled("ph", true), replyTo));
    assertTrue(repeat.reply().applied(), "answered as the first time");
    assertTrue(repeat.hasNoEvents(), "and not applied again");
    assertFalse(repeat.state().layout().sensor("ph").orElseThrow().enabled());
    SensorLayout.Outcome rejected = apply("bad", new LayoutChange.SetEnabled("ph", true));
    assertFalse(rejected.applied());
    assertTrue(rejected.reason().contains("rejected when first sent"), rejected.reason());
  }

  @Test
  void rejectsWhatCannotWorkAndRemembersTheRejection() {
    SensorLayout.Outcome unknown =
        apply("k1", new LayoutChange.SetInterval("nope", Duration.ofSeconds(1)));
    assertFalse(unknown.applied());
    assertEquals("sensor nope does not exist", unknown.reason());
    SensorLayout.Outcome tooFast =
        apply("k2", new LayoutChange.SetInterval("ph", Duration.ofMillis(1)));
    assertTrue(tooFast.reason().contains("between 10ms and 24h"), tooFast.reason());
    SensorLayout.Outcome finerThanTimers =
        apply("k4", new LayoutChange.SetInterval("ph", Duration.ofMillis(20)));
    assertFalse(finerThanTimers.applied());
    assertTrue(
        finerThanTimers.reason().contains("shorter than this node's timer resolution (50 ms")
            && finerThanTimers.reason().contains("frms.reactor.sampling.timer-resolution"),
        finerThanTimers.reason());
    assertTrue(apply("k5", new LayoutChange.SetInterval("ph", Duration.ofMillis(50))).applied());
    SensorLayout.Outcome badDriver =
        apply(
            "k3",
            new LayoutChange.AddSensor(
                new SensorSpec(
                    "orp",
                    "orp",
                    "teleport",
                    "mV",
                    Duration.ofSeconds(1),
                    true,
                    Calibration.NONE,
                    new SensorKinds.Range(-1100, 1100),
                    Map.of())));
    assertTrue(badDriver.reason().contains("'teleport' is not a known driver"), badDriver.reason());
    assertEquals(unknown, apply("k1", new LayoutChange.SetEnabled("ph", false)));
  }

  @Test
  void refusesToRemoveASensorWhoseReadingsAreNotStoredCentrallyYet() {
    unacknowledged.put("ph", 12L);
    SensorLayout.Outcome refused = apply("k1", new LayoutChange.RemoveSensor("ph"));
    assertFalse(refused.applied());
    assertTrue(refused.reason().contains("12 readings not yet stored centrally"), refused.reason());
    unacknowledged.put("ph", 0L);
    assertTrue(apply("k2", new LayoutChange.RemoveSensor("ph")).applied());
  }

  @Test
  void keepsChangesAcrossARestart() {
    apply("k1", new LayoutChange.AddSensor(sensor("do", "dissolved-oxygen")));
    apply("k2", new LayoutChange.RemoveSensor("temp"));
    layout.restart();
    Layout after = layout.<Layout>runCommand(SensorLayout.GetLayout::new).reply();
    assertEquals(
        List.of("do", "ph"), List.copyOf(new java.util.TreeSet<>(after.sensors().keySet())));
    assertEquals(
        new SensorLayout.Outcome("k1", true, ""), apply("k1", new LayoutChange.RemoveSensor("do")));
  }
}
