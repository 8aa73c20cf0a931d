package io.forelight.frms.coordinator.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkEvent;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.link.ReactorLink;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed write (Cassandra down) restarts the Reactor entity in place and stops its link; the
 * entity must start a new link, or the reactor would never be read again.
 */
@ExtendWith(LogCapturingExtension.class)
class ReactorRestartTest {

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
  void startsANewLinkAfterAFailedWriteRestartedIt() {
    TestProbe<ActorRef<LinkEvent>> links = testKit.createTestProbe();
    LinkFactory factory =
        new LinkFactory() {
          @Override
          public Behavior<ReactorLink.Command> link(ReactorEntry entry, ActorRef<LinkEvent> owner) {
            links.getRef().tell(owner);
            return Behaviors.ignore();
          }

          @Override
          public void wakeSensorLog(String reactorId) {}
        };
    ActorRef<Reactor.Command> reactor = testKit.spawn(Reactor.create("r-restart", factory));
    reactor.tell(new Reactor.Ensure(new ReactorEntry("r-restart", "127.0.0.1", 9, List.of())));
    ActorRef<LinkEvent> firstOwner = links.receiveMessage(Duration.ofSeconds(10));

    PersistenceTestKit.create(testKit.system()).failNextPersisted();
    firstOwner.tell(new LinkEvent.StatusChanged(LinkState.Status.UNREACHABLE, "cut"));
    ActorRef<LinkEvent> secondOwner = links.receiveMessage(Duration.ofSeconds(10));

    secondOwner.tell(new LinkEvent.StatusChanged(LinkState.Status.LIVE, ""));
    TestProbe<ReactorState> status = testKit.createTestProbe();
    for (int i = 0; i < 50; i++) {
      reactor.tell(new Reactor.GetStatus(status.getRef()));
      if (!status.receiveMessage().linkHistory().isEmpty()) {
        break;
      }
      status.expectNoMessage(Duration.ofMillis(100));
    }
    reactor.tell(new Reactor.GetStatus(status.getRef()));
    assertEquals(1, status.receiveMessage().linkHistory().size(), "reports of the new link arrive");
  }
}
