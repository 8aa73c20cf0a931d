package io.forelight.frms.coordinator.readings;

import static io.forelight.frms.coordinator.readings.Readings.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.coordinator.history.HistoryWriter;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed write restarts the SensorLog in place; its history projection (a child) must be started
 * again, or the read model would silently stop following the journal.
 */
@ExtendWith(LogCapturingExtension.class)
class SensorLogRestartTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(
          EventSourcedBehaviorTestKit.config()
              .withFallback(
                  ConfigFactory.parseString(
                      "pekko.actor.serialization-bindings {\"io.forelight.frms.coordinator.CborSerializable\" = jackson-cbor}")));

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @Test
  void startsItsHistoryProjectionAgainAfterAFailedWriteAndStopsItWhenItStops() {
    TestProbe<HistoryWriter.Stored> history = testKit.createTestProbe();
    TestProbe<String> starts = testKit.createTestProbe();
    SensorLog.Listeners listeners =
        new SensorLog.Listeners(
            id -> {
              starts.getRef().tell("started");
              return new SensorLog.History() {
                @Override
                public void stored(HistoryWriter.Stored stored) {
                  history.getRef().tell(stored);
                }

                @Override
                public void stop() {
                  starts.getRef().tell("stopped");
                }
              };
            },
            (id, readings) -> {});
    ActorRef<SensorLog.Command> log = testKit.spawn(SensorLog.create("r-restart", listeners));
    TestProbe<StatusReply<SensorLog.Appended>> replies = testKit.createTestProbe();
    starts.expectMessage("started");

    PersistenceTestKit.create(testKit.system()).failNextPersisted();
    log.tell(new SensorLog.Append(of("t", 1, 3), replies.getRef()));
    starts.expectMessage(Duration.ofSeconds(10), "stopped");
    starts.expectMessage(Duration.ofSeconds(10), "started");

    log.tell(new SensorLog.Append(of("t", 1, 3), replies.getRef()));
    assertEquals(3, replies.receiveMessage(Duration.ofSeconds(10)).getValue().accepted());
    HistoryWriter.Stored stored = history.receiveMessage(Duration.ofSeconds(10));
    assertEquals(of("t", 1, 3), stored.event().readings());

    testKit.stop(log);
    starts.expectMessage(Duration.ofSeconds(10), "stopped"); // not a child: the entity stops it
  }
}
