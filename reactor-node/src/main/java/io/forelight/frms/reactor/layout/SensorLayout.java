package io.forelight.frms.reactor.layout;

import io.forelight.frms.node.SeenKeys;
import io.forelight.frms.reactor.driver.Drivers;
import io.forelight.frms.reactor.sensor.CborSerializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The reactor's sensor layout: the sensors of its config file, changed at run time by commands
 * (interval, enable, add, remove). Each command is applied at most once per idempotency key; its
 * outcome (applied or rejected, with who asked and when) is persisted, so a reboot keeps the layout
 * and a repeated key gets the first answer. Tells its listener every layout it settles on.
 */
public final class SensorLayout
    extends EventSourcedBehaviorWithEnforcedReplies<
        SensorLayout.Command, SensorLayout.Event, SensorLayout.State> {

  static final int REMEMBERED_KEYS = Answers.REMEMBERED_KEYS;

  public sealed interface Command extends CborSerializable permits Apply, GetLayout {}

  public record Apply(String key, String issuedBy, LayoutChange change, ActorRef<Outcome> replyTo)
      implements Command {}

  public record GetLayout(ActorRef<Layout> replyTo) implements Command {}

  /** The answer to an {@link Apply}; the same for every repeat of its key. */
  public record Outcome(String key, boolean applied, String reason) implements CborSerializable {}

  /** Told to the listener after recovery and after each applied change. */
  public record LayoutSettled(Layout layout) {}

  public sealed interface Event extends CborSerializable permits ChangeApplied, ChangeRejected {}

  public record ChangeApplied(String key, String issuedBy, long atMillis, LayoutChange change)
      implements Event {}

  public record ChangeRejected(String key, String issuedBy, long atMillis, String reason)
      implements Event {}

  /**
   * The layout, the outcomes of the most recent keys (oldest first, with their reasons) and every
   * key ever answered ({@code seen}: applied or not, in 9 bytes a key), so a key is applied at most
   * once however long ago it was first sent.
   */
  public record State(Layout layout, List<Outcome> outcomes, SeenKeys seen)
      implements CborSerializable {
    public State {
      outcomes = List.copyOf(outcomes);
      seen = seen == null ? SeenKeys.NONE : seen;
    }

    Optional<Outcome> outcomeOf(String key) {
      return new Answers(outcomes, seen).outcomeOf(key);
    }

    State remember(Outcome outcome, Layout newLayout) {
      Answers next = new Answers(outcomes, seen).remember(outcome);
      return new State(newLayout, next.outcomes(), next.seen());
    }
  }

  private final Layout configured;
  private final Drivers drivers;
  private final Duration timerResolution;
  private final ToLongFunction<String> unacknowledgedReadings;
  private final ActorRef<LayoutSettled> listener;
  private final String journalPluginId;

  private SensorLayout(
      String reactorId,
      Layout configured,
      Drivers drivers,
      Duration timerResolution,
      ToLongFunction<String> unacknowledgedReadings,
      ActorRef<LayoutSettled> listener,
      String journalPluginId) {
    super(
        PersistenceId.of("SensorLayout", reactorId),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.configured = configured;
    this.drivers = drivers;
    this.timerResolution = timerResolution;
    this.unacknowledgedReadings = unacknowledgedReadings;
    this.listener = listener;
    this.journalPluginId = journalPluginId;
  }

  public static Behavior<Command> create(
      String reactorId,
      Layout configured,
      Drivers drivers,
      Duration timerResolution,
      ToLongFunction<String> unacknowledgedReadings,
      ActorRef<LayoutSettled> listener,
      String journalPluginId) {
    return new SensorLayout(
        reactorId,
        configured,
        drivers,
        timerResolution,
        unacknowledgedReadings,
        listener,
        journalPluginId);
  }

  @Override
  public String journalPluginId() {
    return journalPluginId;
  }

  @Override
  public State emptyState() {
    return new State(configured, List.of(), SeenKeys.NONE);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(), state -> listener.tell(new LayoutSettled(state.layout())))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Apply.class, this::onApply)
        .onCommand(GetLayout.class, (state, get) -> Effect().reply(get.replyTo(), state.layout()))
        .build();
  }

  private ReplyEffect<Event, State> onApply(State state, Apply apply) {
    Optional<Outcome> earlier = state.outcomeOf(apply.key());
    if (earlier.isPresent()) {
      return Effect().reply(apply.replyTo(), earlier.get());
    }
    long now = System.currentTimeMillis();
    Optional<String> problem =
        state
            .layout()
            .problemWith(apply.change(), drivers, timerResolution, unacknowledgedReadings);
    if (problem.isPresent()) {
      return Effect()
          .persist(new ChangeRejected(apply.key(), apply.issuedBy(), now, problem.get()))
          .thenReply(apply.replyTo(), after -> after.outcomeOf(apply.key()).orElseThrow());
    }
    return Effect()
        .persist(new ChangeApplied(apply.key(), apply.issuedBy(), now, apply.change()))
        .thenRun(after -> listener.tell(new LayoutSettled(after.layout())))
        .thenReply(apply.replyTo(), after -> after.outcomeOf(apply.key()).orElseThrow());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            ChangeApplied.class,
            (state, e) ->
                state.remember(new Outcome(e.key(), true, ""), state.layout().apply(e.change())))
        .onEvent(
            ChangeRejected.class,
            (state, e) -> state.remember(new Outcome(e.key(), false, e.reason()), state.layout()))
        .build();
  }
}
