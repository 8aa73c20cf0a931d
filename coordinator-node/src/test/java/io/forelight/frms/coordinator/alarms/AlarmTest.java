package io.forelight.frms.coordinator.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.devkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Alarm entity: one alarm per raising however often the condition repeats, its lifecycle with
 * acknowledgement, and every transition delivered in order at least once, across failures and a
 * restart.
 */
@ExtendWith(LogCapturingExtension.class)
class AlarmTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(
          EventSourcedBehaviorTestKit.config()
              .withFallback(
                  ConfigFactory.parseString(
                      "pekko.actor.serialization-bindings {\"io.forelight.frms.coordinator.CborSerializable\" = jackson-cbor}")));

  private static final AlarmRules RULES =
      AlarmRules.parse(
          ConfigFactory.parseString(
              "rules { t-high { kind = high, sensor = temperature, limit = 38, hysteresis = 0.5 } }"),
          "test");

  private final List<Transition> recorded = new CopyOnWriteArrayList<>();
  private final List<Transition> notified = new CopyOnWriteArrayList<>();
  private final AtomicInteger webhookFailures = new AtomicInteger();
  private EventSourcedBehaviorTestKit<Alarm.Command, Alarm.Event, AlarmState> alarm;
  private long seq;

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @BeforeEach
  void fresh() {
    Delivery recorder =
        t -> {
          recorded.add(t);
          return CompletableFuture.completedFuture(t);
        };
    Delivery webhook =
        t -> {
          if (webhookFailures.getAndDecrement() > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("receiver down"));
          }
          notified.add(t);
          return CompletableFuture.completedFuture(t);
        };
    alarm =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            Alarm.create(
                Alarm.entityId("r1", "t-high"),
                new AlarmServices(
                    RULES,
                    recorder,
                    Optional.of(webhook),
                    Duration.ofMillis(50),
                    Duration.ofMillis(200))));
  }

  private EventSourcedBehaviorTestKit.CommandResult<Alarm.Command, Alarm.Event, AlarmState> values(
      double... values) {
    List<Sample> samples = new java.util.ArrayList<>();
    for (double v : values) {
      seq++;
      samples.add(new Sample(seq, seq * 1_000_000L, v, true, "°C"));
    }
    return alarm.runCommand(new Alarm.Evaluate(samples));
  }

  /**
   * The lifecycle changes a command persisted. Delivery acknowledgements (Recorded, Notified) land
   * whenever the delivery completes, sometimes inside the same command's window, so they are left
   * out.
   */
  private static List<Alarm.Event> changes(
      EventSourcedBehaviorTestKit.CommandResult<Alarm.Command, Alarm.Event, AlarmState> result) {
    return result.events().stream().filter(e -> e instanceof Alarm.Changed).toList();
  }

  private StatusReply<Occurrence> ack(String id, String comment) {
    return alarm
        .<StatusReply<Occurrence>>runCommand(
            replyTo -> new Alarm.Acknowledge(id, "olga", comment, replyTo))
        .reply();
  }

  private static List<String> kinds(List<Transition> transitions) {
    return transitions.stream().map(t -> t.kind() + " " + t.alarm().id()).toList();
  }

  @Test
  void aRepeatOfTheConditionUpdatesTheActiveAlarmInsteadOfRaisingAnother() {
    assertEquals(1, changes(values(37, 38.2, 38.4)).size());
    assertTrue(changes(values(38.6, 38.9, 37.8)).isEmpty(), "still active: nothing new");
    assertEquals("r1.t-high.1", alarm.getState().current().id());
    assertEquals(Occurrence.Status.ACTIVE_UNACKED, alarm.getState().current().status());
    assertEquals("38.20 °C", alarm.getState().current().raisedValue());
  }

  @Test
  void acknowledgedThenClearedEndsTheAlarmAndTheNextBreachRaisesANewOne() {
    values(38.2);
    assertEquals(Occurrence.Status.ACTIVE_ACKED, ack("r1.t-high.1", "looking").getValue().status());
    assertTrue(ack("r1.t-high.1", "again").isError(), "acknowledged already");
    assertTrue(ack("r1.t-high.9", "which?").isError(), "no such alarm");
    values(37.4);
    assertEquals(Occurrence.Status.CLEARED_ACKED, alarm.getState().current().status());
    values(38.3);
    assertEquals("r1.t-high.2", alarm.getState().current().id());
  }

  @Test
  void clearedBeforeAcknowledgedIsReactivatedAsTheSameAlarm() {
    values(38.2, 37.4);
    assertEquals(Occurrence.Status.CLEARED_UNACKED, alarm.getState().current().status());
    values(38.5);
    assertEquals("r1.t-high.1", alarm.getState().current().id());
    assertEquals(Occurrence.Status.ACTIVE_UNACKED, alarm.getState().current().status());
    values(37.0);
    assertEquals(
        Occurrence.Status.CLEARED_ACKED, ack("r1.t-high.1", "done").getValue().status(), "ended");
    Await.until(
        Duration.ofSeconds(5),
        () -> "every transition recorded in order: " + kinds(recorded),
        () ->
            kinds(recorded)
                .equals(
                    List.of(
                        "raised r1.t-high.1",
                        "cleared r1.t-high.1",
                        "reactivated r1.t-high.1",
                        "cleared r1.t-high.1",
                        "acknowledged r1.t-high.1")));
    assertEquals("olga", recorded.get(4).actor());
    assertEquals("done", recorded.get(4).comment());
  }

  @Test
  void aWebhookThatFailsGetsEveryTransitionLaterInOrderAndARestartKeepsTheAlarm() {
    webhookFailures.set(3);
    values(38.2, 37.4);
    Await.until(
        Duration.ofSeconds(10),
        () -> "notified after the failures: " + kinds(notified),
        () -> kinds(notified).equals(List.of("raised r1.t-high.1", "cleared r1.t-high.1")));
    Await.until(
        Duration.ofSeconds(5),
        "nothing left to deliver",
        () -> alarm.getState().unnotified().isEmpty() && alarm.getState().unrecorded().isEmpty());
    alarm.restart();
    assertEquals(Occurrence.Status.CLEARED_UNACKED, alarm.getState().current().status());
    values(38.6);
    assertEquals("r1.t-high.1", alarm.getState().current().id(), "the same alarm after a restart");
    assertEquals(1, alarm.getState().raised());
  }

  @Test
  void transitionsNotYetDeliveredAreDeliveredAfterARestart() {
    webhookFailures.set(1_000);
    values(38.2);
    alarm.restart();
    assertEquals(1, alarm.getState().unnotified().size(), "still waiting for the webhook");
    webhookFailures.set(0);
    Await.until(
        Duration.ofSeconds(10),
        () -> "notified after the restart: " + kinds(notified),
        () -> kinds(notified).equals(List.of("raised r1.t-high.1")));
  }
}
