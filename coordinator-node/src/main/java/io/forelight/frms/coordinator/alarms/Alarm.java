package io.forelight.frms.coordinator.alarms;

import io.forelight.frms.coordinator.Backoffs;
import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.node.Logs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;

/**
 * The alarm of one rule on one reactor (sharded, entity id {@code <reactor>:<rule>}, event-sourced
 * in Cassandra): the single writer of that rule's alarms there, so a repeat of the condition
 * updates nothing twice and a restart or handover picks up the same alarm. Fed the stored readings
 * of the rule's sensor by the {@link AlarmFeed}; evaluates them ({@link Condition}); persists each
 * transition (raised, cleared, reactivated, and acknowledged when a person asks) and then delivers
 * it, oldest first and at least once, to the read model with the audit trail and to the webhook,
 * retrying with backoff until each has it.
 */
public final class Alarm
    extends EventSourcedBehaviorWithEnforcedReplies<Alarm.Command, Alarm.Event, AlarmState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Alarm");

  public sealed interface Command extends CborSerializable
      permits Evaluate, Tick, Acknowledge, GetState, Delivered, DeliveryFailed, Retry {}

  /** Readings of the rule's sensor, just stored, in the order they were taken. */
  public record Evaluate(List<Sample> samples) implements Command {}

  /**
   * The time now on a coordinator that hosts the reactor's link, every few seconds: a stale rule
   * raises when no usable reading came for its limit.
   */
  public record Tick(long nowMicros) implements Command {}

  /** A person acknowledges alarm {@code alarmId} with a comment. */
  public record Acknowledge(
      String alarmId, String by, String comment, ActorRef<StatusReply<Occurrence>> replyTo)
      implements Command {}

  public record GetState(ActorRef<AlarmState> replyTo) implements Command {}

  private record Delivered(Channel channel, int no) implements Command {}

  private record DeliveryFailed(Channel channel, int no, String error) implements Command {}

  private record Retry(Channel channel) implements Command {}

  private enum Channel {
    RECORD,
    WEBHOOK
  }

  public sealed interface Event extends CborSerializable permits Changed, Recorded, Notified {}

  /** The alarm changed ({@code t}); {@code toWebhook}: the webhook is to hear of it. */
  public record Changed(Transition transition, boolean toWebhook) implements Event {}

  public record Recorded(int no) implements Event {}

  public record Notified(int no) implements Event {}

  private final ActorContext<Command> context;
  private final String reactorId;
  private final String ruleId;
  private final AlarmServices services;
  private final Map<Channel, Duration> backoff = new java.util.EnumMap<>(Channel.class);

  /** Channels delivering now, or waiting to retry. */
  private final java.util.EnumSet<Channel> busy = java.util.EnumSet.noneOf(Channel.class);

  private Condition condition;
  private long lastSeq = -1;

  private Alarm(
      ActorContext<Command> context, String reactorId, String ruleId, AlarmServices services) {
    super(PersistenceId.of(ENTITY_KEY.name(), entityId(reactorId, ruleId)), Backoffs.ENTITY);
    this.context = context;
    this.reactorId = reactorId;
    this.ruleId = ruleId;
    this.services = services;
    services.rules().find(ruleId).ifPresent(rule -> condition = new Condition(rule));
  }

  /** The entity id of a rule's alarm on a reactor. */
  public static String entityId(String reactorId, String ruleId) {
    return reactorId + ":" + ruleId;
  }

  public static Behavior<Command> create(String entityId, AlarmServices services) {
    String[] parts = entityId.split(":", 2);
    return Behaviors.setup(
        context -> new Alarm(context, parts[0], parts.length > 1 ? parts[1] : "", services));
  }

  public static void init(
      org.apache.pekko.actor.typed.ActorSystem<?> system, AlarmServices services) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, entity -> create(entity.getEntityId(), services)));
  }

  @Override
  public AlarmState emptyState() {
    return AlarmState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<AlarmState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              busy.clear();
              deliver(state);
            })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, AlarmState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Evaluate.class, this::onEvaluate)
        .onCommand(Tick.class, this::onTick)
        .onCommand(Acknowledge.class, this::onAcknowledge)
        .onCommand(GetState.class, (state, get) -> Effect().reply(get.replyTo(), state))
        .onCommand(Delivered.class, this::onDelivered)
        .onCommand(DeliveryFailed.class, this::onDeliveryFailed)
        .onCommand(
            Retry.class,
            (state, retry) -> {
              busy.remove(retry.channel());
              deliver(state);
              return Effect().noReply();
            })
        .build();
  }

  private ReplyEffect<Event, AlarmState> onEvaluate(AlarmState state, Evaluate evaluate) {
    if (condition == null) {
      return Effect().noReply();
    }
    List<Event> events = new ArrayList<>();
    AlarmState next = state;
    for (Sample sample : evaluate.samples()) {
      if (sample.seq() <= lastSeq) {
        continue;
      }
      lastSeq = sample.seq();
      Optional<Transition> t =
          switch (condition.next(sample, next.active())) {
            case RAISE -> Optional.of(raised(next, sample));
            case CLEAR -> Optional.of(cleared(next, sample));
            case NONE -> Optional.empty();
          };
      if (t.isPresent()) {
        log(t.get(), next);
        Changed changed = new Changed(t.get(), services.webhook().isPresent());
        events.add(changed);
        next = next.changed(changed.transition(), changed.toWebhook());
      }
    }
    if (events.isEmpty()) {
      return Effect().noReply();
    }
    return Effect().persist(events).thenRun(this::deliver).thenNoReply();
  }

  private ReplyEffect<Event, AlarmState> onTick(AlarmState state, Tick tick) {
    if (condition == null
        || condition.tick(tick.nowMicros(), state.active()) != Condition.Change.RAISE) {
      return Effect().noReply();
    }
    Sample now =
        new Sample(
            -1,
            tick.nowMicros(),
            condition.secondsWithoutUsable(tick.nowMicros()),
            true,
            "s without a usable reading");
    Transition t = raised(state, now);
    log(t, state);
    return Effect()
        .persist(new Changed(t, services.webhook().isPresent()))
        .thenRun(this::deliver)
        .thenNoReply();
  }

  private Transition raised(AlarmState state, Sample sample) {
    AlarmRule rule = condition.rule();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (state.current() != null && state.current().status() == Occurrence.Status.CLEARED_UNACKED) {
      return new Transition(
          state.transitions() + 1,
          "reactivated",
          at,
          "system",
          "at " + sample.describe(),
          state.current().reactivated());
    }
    Occurrence alarm =
        new Occurrence(
            Occurrence.id(reactorId, ruleId, state.raised() + 1),
            reactorId,
            ruleId,
            rule.sensorId(),
            rule.severity(),
            Occurrence.Status.ACTIVE_UNACKED,
            rule.describe(),
            Instant.EPOCH.plus(sample.takenAtMicros(), ChronoUnit.MICROS),
            sample.describe(),
            null,
            null,
            null,
            null,
            null);
    return new Transition(
        state.transitions() + 1, "raised", at, "system", "at " + sample.describe(), alarm);
  }

  private Transition cleared(AlarmState state, Sample sample) {
    return new Transition(
        state.transitions() + 1,
        "cleared",
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        "system",
        "at " + sample.describe(),
        state
            .current()
            .cleared(
                Instant.EPOCH.plus(sample.takenAtMicros(), ChronoUnit.MICROS), sample.describe()));
  }

  private ReplyEffect<Event, AlarmState> onAcknowledge(AlarmState state, Acknowledge ack) {
    Occurrence current = state.current();
    if (current == null || !current.id().equals(ack.alarmId())) {
      return Effect().reply(ack.replyTo(), StatusReply.error("no alarm " + ack.alarmId()));
    }
    if (current.status().acked()) {
      return Effect()
          .reply(
              ack.replyTo(),
              StatusReply.error(
                  "alarm " + ack.alarmId() + " was acknowledged already by " + current.ackedBy()));
    }
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Changed changed =
        new Changed(
            new Transition(
                state.transitions() + 1,
                "acknowledged",
                at,
                ack.by(),
                ack.comment(),
                current.acknowledged(ack.by(), at, ack.comment())),
            services.webhook().isPresent());
    log(changed.transition(), state);
    return Effect()
        .persist(changed)
        .thenRun(this::deliver)
        .thenReply(ack.replyTo(), after -> StatusReply.success(after.current()));
  }

  private ReplyEffect<Event, AlarmState> onDelivered(AlarmState state, Delivered delivered) {
    busy.remove(delivered.channel());
    backoff.remove(delivered.channel());
    Event event =
        delivered.channel() == Channel.RECORD
            ? new Recorded(delivered.no())
            : new Notified(delivered.no());
    return Effect().persist(event).thenRun(this::deliver).thenNoReply();
  }

  private ReplyEffect<Event, AlarmState> onDeliveryFailed(AlarmState state, DeliveryFailed failed) {
    Duration wait =
        backoff.containsKey(failed.channel())
            ? min(backoff.get(failed.channel()).multipliedBy(2), services.maxBackoff())
            : services.minBackoff();
    backoff.put(failed.channel(), wait);
    log()
        .warn(
            "alarm {} of {}: transition {} not delivered to {} ({}); again in {} ms",
            ruleId,
            reactorId,
            failed.no(),
            failed.channel() == Channel.RECORD ? "the read model" : "the webhook",
            failed.error(),
            wait.toMillis());
    context.scheduleOnce(wait, context.getSelf(), new Retry(failed.channel()));
    return Effect().noReply();
  }

  /** Logs a transition, and the oldest waiting one dropped when too many wait. */
  private void log(Transition t, AlarmState before) {
    for (List<Transition> waiting : List.of(before.unrecorded(), before.unnotified())) {
      if (waiting.size() >= AlarmState.MAX_WAITING) {
        log()
            .error(
                "alarm {}: {} transitions wait for delivery; transition {} is dropped",
                ruleId,
                waiting.size(),
                waiting.get(0).key());
      }
    }
    log()
        .info(
            "alarm {} {} by {} (transition {}): {} {}",
            t.alarm().id(),
            t.kind(),
            t.actor(),
            t.no(),
            t.alarm().detail(),
            t.comment());
  }

  /** Starts delivering the oldest waiting transition on each channel that is idle. */
  private void deliver(AlarmState state) {
    start(Channel.RECORD, state.unrecorded(), Optional.of(services.recorder()));
    start(Channel.WEBHOOK, state.unnotified(), services.webhook());
  }

  private void start(Channel channel, List<Transition> waiting, Optional<Delivery> to) {
    if (waiting.isEmpty() || to.isEmpty() || busy.contains(channel)) {
      return;
    }
    busy.add(channel);
    Transition t = waiting.get(0);
    context.pipeToSelf(
        to.get().deliver(t),
        (done, error) ->
            error == null
                ? new Delivered(channel, t.no())
                : new DeliveryFailed(channel, t.no(), String.valueOf(error.getMessage())));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public EventHandler<AlarmState, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Changed.class, (state, e) -> state.changed(e.transition(), e.toWebhook()))
        .onEvent(Recorded.class, (state, e) -> state.recorded(e.no()))
        .onEvent(Notified.class, (state, e) -> state.notified(e.no()))
        .build();
  }

  /** The actor's logger, its lines marked with the reactor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(context.getLog(), "reactor", reactorId);
  }
}
