package io.forelight.frms.coordinator.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.LinkEvent;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.link.PendingCommand;
import io.forelight.frms.coordinator.link.ReactorCommand;
import io.forelight.frms.coordinator.link.ReactorInfo;
import io.forelight.frms.coordinator.link.ReactorLink;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Reactor entity: its command outbox, audit trail, description and link history. */
@ExtendWith(LogCapturingExtension.class)
class ReactorTest {

  private static final TestKitJunitResource testKit =
      new TestKitJunitResource(
          EventSourcedBehaviorTestKit.config()
              .withFallback(
                  ConfigFactory.parseString(
                      "pekko.actor.serialization-bindings {\"io.forelight.frms.coordinator.CborSerializable\" = jackson-cbor}")));
  private static final ReactorEntry ENTRY =
      new ReactorEntry("r1", "10.0.0.1", 8101, List.of("lab"));
  private static final ReactorCommand FASTER = new ReactorCommand.SetSensorInterval("ph", 500);

  private final TestProbe<ReactorLink.Command> link = testKit.createTestProbe();
  private final TestProbe<ActorRef<LinkEvent>> owners = testKit.createTestProbe();
  private final TestProbe<ReactorEntry> stoppedLinks = testKit.createTestProbe();
  private final TestProbe<String> wokenSensorLogs = testKit.createTestProbe();
  private Duration wakeInterval = Duration.ofHours(1);
  private EventSourcedBehaviorTestKit<Reactor.Command, Reactor.Event, ReactorState> reactor;

  @AfterAll
  static void stop() {
    testKit.system().terminate();
  }

  @BeforeEach
  void fresh() {
    LinkFactory links =
        new LinkFactory() {
          @Override
          public Behavior<ReactorLink.Command> link(ReactorEntry entry, ActorRef<LinkEvent> owner) {
            owners.getRef().tell(owner);
            return Behaviors.receive(ReactorLink.Command.class)
                .onMessage(
                    ReactorLink.Command.class,
                    message -> {
                      link.getRef().tell(message);
                      return Behaviors.same();
                    })
                .onSignal(
                    PostStop.class,
                    stopped -> {
                      stoppedLinks.getRef().tell(entry);
                      return Behaviors.same();
                    })
                .build();
          }

          @Override
          public void wakeSensorLog(String reactorId) {
            wokenSensorLogs.getRef().tell(reactorId);
          }

          @Override
          public Duration sensorLogWakeInterval() {
            return wakeInterval;
          }
        };
    reactor = EventSourcedBehaviorTestKit.create(testKit.system(), Reactor.create("r1", links));
    reactor.runCommand(new Reactor.Ensure(ENTRY));
  }

  private List<PendingCommand> delivered() {
    return link.expectMessageClass(ReactorLink.Deliver.class).pending();
  }

  private StatusReply<Reactor.Submitted> submit(ReactorCommand command, String key) {
    return reactor
        .<StatusReply<Reactor.Submitted>>runCommand(
            replyTo -> new Reactor.Submit(command, "ada", key, replyTo))
        .reply();
  }

  @Test
  void aReactorRemovedFromTheFleetStopsItsLinkUntilItIsBack() {
    owners.receiveMessage();
    var removed = reactor.runCommand(new Reactor.Remove());
    assertTrue(removed.event() instanceof Reactor.Removed, removed.events().toString());
    assertEquals(ENTRY, stoppedLinks.receiveMessage(), "the link stopped");
    assertNull(removed.state().entry());
    assertTrue(submit(FASTER, "k-removed").getError().getMessage().contains("is not in the fleet"));
    LinkState state = reactor.<LinkState>runCommand(Reactor.GetLinkState::new).reply();
    assertEquals(LinkState.Status.REMOVED, state.status());
    assertTrue(state.lastError().startsWith("removed from the fleet at "), state.lastError());
    assertTrue(reactor.runCommand(new Reactor.Remove()).hasNoEvents(), "removed once");

    reactor.runCommand(new Reactor.Ensure(ENTRY));
    owners.receiveMessage();
    assertEquals(0, reactor.getState().removedAtMillis());
    assertEquals(ENTRY, reactor.getState().entry());
  }

  @Test
  void wakesItsSensorLogEveryIntervalWhileInTheFleet() {
    assertEquals("r1", wokenSensorLogs.receiveMessage(), "woken at recovery");
    reactor.runCommand(new Reactor.Ensure(ENTRY));
    wokenSensorLogs.expectNoMessage(Duration.ofMillis(100));

    wakeInterval = Duration.ZERO;
    reactor.runCommand(new Reactor.Ensure(ENTRY));
    assertEquals("r1", wokenSensorLogs.receiveMessage(), "woken again: the interval passed");
  }

  @Test
  void queuesACommandWithWhoAndWhenAndHandsItToTheLink() {
    assertEquals(List.of(), delivered(), "the link starts with the (empty) outbox");
    var result =
        reactor.<StatusReply<Reactor.Submitted>>runCommand(
            replyTo -> new Reactor.Submit(FASTER, "ada", "k1", replyTo));
    assertEquals(
        new Reactor.Submitted("k1", false, null),
        result.reply().getValue(),
        "nothing in force to audit before the reactor described itself");
    PendingCommand queued = ((Reactor.CommandQueued) result.event()).command();
    assertEquals("ada", queued.issuedBy());
    assertEquals(FASTER, queued.command());
    assertEquals(List.of(queued), delivered());
  }

  @Test
  void aRepeatedKeyChangesNothing() {
    submit(FASTER, "k1");
    var again =
        reactor.<StatusReply<Reactor.Submitted>>runCommand(
            replyTo ->
                new Reactor.Submit(new ReactorCommand.RemoveSensor("ph"), "bob", "k1", replyTo));
    assertTrue(again.reply().getValue().alreadyKnown());
    assertTrue(again.hasNoEvents());
    assertEquals(1, again.state().outbox().size());
  }

  @Test
  void rejectsAMalformedCommandWithTheReason() {
    StatusReply<Reactor.Submitted> reply =
        submit(new ReactorCommand.SetSensorInterval("ph", 1), null);
    assertTrue(reply.isError());
    assertTrue(
        reply.getError().getMessage().contains("intervalMillis must be 10.."),
        reply.getError().getMessage());
    assertEquals(List.of(), reactor.getState().outbox());
  }

  @Test
  void recordsTheReactorsAnswerAndEmptiesTheOutbox() {
    submit(FASTER, "k1");
    submit(new ReactorCommand.RemoveSensor("ghost"), "k2");
    ActorRef<LinkEvent> owner = owners.receiveMessage();
    owner.tell(new LinkEvent.CommandSettled("k1", true, ""));
    owner.tell(new LinkEvent.CommandSettled("k2", false, "sensor ghost does not exist"));
    owner.tell(new LinkEvent.CommandSettled("k2", false, "sensor ghost does not exist"));
    ReactorState state = awaitOutboxEmpty();
    assertEquals(2, state.settled().size(), "a repeated answer is recorded once");
    assertTrue(state.settled().get(0).applied());
    assertFalse(state.settled().get(1).applied());
    assertEquals("sensor ghost does not exist", state.settled().get(1).reason());
  }

  @Test
  void aQueuedCommandIsCancelledWithWhoAndWhyAndLeavesTheOutbox() {
    ActorRef<LinkEvent> owner = owners.receiveMessage();
    submit(FASTER, "k1");
    submit(new ReactorCommand.RemoveSensor("ph"), "k2");
    owner.tell(new LinkEvent.StatusChanged(LinkState.Status.LIVE, ""));
    awaitLinkHistory(1);

    var cancelled =
        reactor.<Reactor.Cancelled>runCommand(
            replyTo -> new Reactor.Cancel("k2", "ada", "wrong sensor", replyTo));
    assertEquals(Reactor.Cancelled.Outcome.CANCELLED, cancelled.reply().outcome());
    Reactor.CommandSettled settled = (Reactor.CommandSettled) cancelled.event();
    assertEquals("cancelled by ada: wrong sensor", settled.reason());
    assertFalse(settled.applied());
    assertEquals(List.of("k1"), cancelled.state().outbox().stream().map(p -> p.key()).toList());
    assertEquals(
        Reactor.Cancelled.Outcome.BEING_DELIVERED,
        cancel("k1").outcome(),
        "the command at the head of the outbox is on its way while the link is up");
    assertEquals(Reactor.Cancelled.Outcome.ALREADY_SETTLED, cancel("k2").outcome());
    assertEquals(Reactor.Cancelled.Outcome.UNKNOWN, cancel("k9").outcome());

    owner.tell(new LinkEvent.StatusChanged(LinkState.Status.UNREACHABLE, "reset"));
    awaitLinkHistory(2);
    assertEquals(
        Reactor.Cancelled.Outcome.CANCELLED, cancel("k1").outcome(), "not on its way while down");
    assertEquals(List.of(), reactor.getState().outbox());
  }

  private Reactor.Cancelled cancel(String key) {
    return reactor
        .<Reactor.Cancelled>runCommand(replyTo -> new Reactor.Cancel(key, "bob", "", replyTo))
        .reply();
  }

  @Test
  void keepsTheOutboxAcrossARestartAndDeliversItAgain() {
    submit(FASTER, "k1");
    link.receiveMessage();
    link.receiveMessage();
    reactor.restart();
    assertEquals("k1", delivered().get(0).key(), "redelivered with the same key after recovery");
  }

  @Test
  void persistsADescriptionOnlyWhenItsShapeChangesAndKeepsLinkHistory() {
    ActorRef<LinkEvent> owner = owners.receiveMessage();
    ReactorInfo first = info(1, 100);
    owner.tell(new LinkEvent.Described(first));
    owner.tell(new LinkEvent.Described(info(1, 200)));
    owner.tell(new LinkEvent.StatusChanged(LinkState.Status.LIVE, ""));
    owner.tell(new LinkEvent.StatusChanged(LinkState.Status.UNREACHABLE, "connection reset"));
    ReactorState state = awaitLinkHistory(2);
    assertEquals(
        first.sensors().get(0).intervalMillis(), state.info().sensors().get(0).intervalMillis());
    assertEquals("connection reset", state.linkHistory().get(1).detail());
    assertFalse(state.linkHistory().get(1).up());
    ReactorState status = reactor.<ReactorState>runCommand(Reactor.GetStatus::new).reply();
    assertEquals(
        200, status.info().sensors().get(0).lastSeq(), "status shows the freshest figures");
  }

  private static ReactorInfo info(long interval, long lastSeq) {
    return new ReactorInfo(
        "1.0",
        List.of(
            new ReactorInfo.SensorInfo(
                "ph", "ph", "pH", "simulated", interval * 1000, true, lastSeq, 0)),
        0,
        0,
        0,
        System.currentTimeMillis(),
        List.of(),
        List.of());
  }

  private ReactorState awaitOutboxEmpty() {
    for (int i = 0; i < 100; i++) {
      ReactorState state = reactor.getState();
      if (state.outbox().isEmpty() && state.settled().size() >= 2) {
        return state;
      }
      link.expectNoMessage(java.time.Duration.ofMillis(50));
    }
    throw new AssertionError("outbox never emptied: " + reactor.getState());
  }

  private ReactorState awaitLinkHistory(int size) {
    for (int i = 0; i < 100; i++) {
      ReactorState state = reactor.getState();
      if (state.linkHistory().size() >= size) {
        return state;
      }
      link.expectNoMessage(java.time.Duration.ofMillis(50));
    }
    throw new AssertionError("link history never reached " + size + ": " + reactor.getState());
  }
}
