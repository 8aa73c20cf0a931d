package io.forelight.frms.coordinator.reactor;

import io.forelight.frms.coordinator.Backoffs;
import io.forelight.frms.coordinator.CborSerializable;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.link.CommandInForce;
import io.forelight.frms.coordinator.link.LinkEvent;
import io.forelight.frms.coordinator.link.LinkSettings;
import io.forelight.frms.coordinator.link.LinkState;
import io.forelight.frms.coordinator.link.PendingCommand;
import io.forelight.frms.coordinator.link.ReactorCommand;
import io.forelight.frms.coordinator.link.ReactorInfo;
import io.forelight.frms.coordinator.link.ReactorLink;
import io.forelight.frms.node.Logs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;

/**
 * One reactor as the coordinator knows it (sharded, event-sourced in Cassandra; see {@link
 * ReactorState}). It supervises the {@link ReactorLink} to the reactor and keeps the command
 * outbox: a submitted command is persisted with who asked and when (the audit trail), handed to the
 * link, redelivered with the same idempotency key across reconnects and restarts until the reactor
 * answers, and its outcome is persisted too.
 */
public final class Reactor
    extends EventSourcedBehaviorWithEnforcedReplies<Reactor.Command, Reactor.Event, ReactorState> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Reactor");

  public sealed interface Command extends CborSerializable
      permits Ensure, Remove, GetLinkState, GetStatus, Submit, Cancel, Reconnect, LinkReport {}

  /** Sent by the fleet registry at every keep-alive: be alive, with this entry. */
  public record Ensure(ReactorEntry entry) implements Command {}

  /**
   * Sent by the fleet registry when the reactor left the fleet: stop the link (nothing more is
   * stored or acknowledged, the reactor keeps what it logs); what was stored stays readable.
   */
  public record Remove() implements Command {}

  /** Connect the link again now (after a sensor's quarantine was lifted, for example). */
  public record Reconnect() implements Command {}

  public record GetLinkState(ActorRef<LinkState> replyTo) implements Command {}

  public record GetStatus(ActorRef<ReactorState> replyTo) implements Command {}

  /** Queue a command for the reactor; {@code key} may be null (one is made up). */
  public record Submit(
      ReactorCommand command, String issuedBy, String key, ActorRef<StatusReply<Submitted>> replyTo)
      implements Command {}

  /**
   * Take a queued command out of the outbox before the reactor got it: recorded as settled, not
   * applied, with who cancelled it and why. The command being delivered now cannot be cancelled.
   */
  public record Cancel(String key, String cancelledBy, String reason, ActorRef<Cancelled> replyTo)
      implements Command {}

  /** What became of a {@link Cancel}: done, or why not. */
  public record Cancelled(Outcome outcome, String detail) implements CborSerializable {
    public enum Outcome {
      CANCELLED,
      UNKNOWN,
      ALREADY_SETTLED,
      BEING_DELIVERED
    }
  }

  /** The command is in the outbox (or was already known under this key). */
  /**
   * The key a command was queued under (or already known by), and what it changes as the reactor
   * last described it ({@link CommandInForce}; null if unknown).
   */
  public record Submitted(String key, boolean alreadyKnown, String inForce)
      implements CborSerializable {}

  private record LinkReport(LinkEvent event) implements Command {}

  public sealed interface Event extends CborSerializable
      permits Registered, Removed, Described, LinkChanged, CommandQueued, CommandSettled {}

  public record Registered(ReactorEntry entry, long atMillis) implements Event {}

  public record Removed(long atMillis) implements Event {}

  public record Described(ReactorInfo info) implements Event {}

  public record LinkChanged(boolean up, long atMillis, String detail) implements Event {}

  public record CommandQueued(PendingCommand command) implements Event {}

  public record CommandSettled(String key, boolean applied, String reason, long atMillis)
      implements Event {}

  private static final Duration CLOCK_SKEW_WARNING = Duration.ofMinutes(1);

  private final ActorContext<Command> context;
  private final String reactorId;
  private final LinkFactory links;
  private ActorRef<LinkEvent> linkEvents;
  private ActorRef<ReactorLink.Command> link;
  private ReactorEntry linkEntry;
  private int linkIncarnation;

  /**
   * The moving figures of the latest description when its shape is the one persisted (null until a
   * description of that shape came after it): the latest is that one {@link ReactorInfo#at} them,
   * without a second copy of every sensor per reactor.
   */
  private ReactorInfo.Moments latest;

  private boolean clockSkewed;

  /** When this entity last woke its SensorLog ({@link LinkFactory#sensorLogWakeInterval}). */
  private long sensorLogWokenAtNanos = System.nanoTime();

  private Reactor(ActorContext<Command> context, String reactorId, LinkFactory links) {
    super(PersistenceId.of(ENTITY_KEY.name(), reactorId), Backoffs.ENTITY);
    this.context = context;
    this.reactorId = reactorId;
    this.links = links;
  }

  public static Behavior<Command> create(String reactorId, LinkFactory links) {
    return Behaviors.setup(context -> new Reactor(context, reactorId, links));
  }

  public static void init(
      org.apache.pekko.actor.typed.ActorSystem<?> system, LinkSettings linkSettings) {
    LinkFactory links = LinkFactory.of(system, linkSettings);
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, entity -> create(entity.getEntityId(), links)));
  }

  @Override
  public ReactorState emptyState() {
    return ReactorState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<ReactorState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              // Wakes the SensorLog, whose history projection then catches up even while the
              // reactor is offline.
              links.wakeSensorLog(reactorId);
              latest = null; // of a description before this (re)start: the new link describes
              startLink(state);
            })
        .build();
  }

  /**
   * One method, not a handler builder: a builder made per entity holds a case, two lambdas and a
   * list cell per command, and a coordinator keeps an entity per reactor (see {@link #EVENTS} for
   * events).
   */
  @Override
  public CommandHandlerWithReply<Command, Event, ReactorState> commandHandler() {
    return this::onCommand;
  }

  private ReplyEffect<Event, ReactorState> onCommand(ReactorState state, Command command) {
    if (command instanceof Ensure ensure) {
      return onEnsure(state, ensure);
    } else if (command instanceof Remove remove) {
      return onRemove(state, remove);
    } else if (command instanceof GetLinkState get) {
      return onGetLinkState(state, get);
    } else if (command instanceof GetStatus get) {
      return onGetStatus(state, get);
    } else if (command instanceof Submit submit) {
      return onSubmit(state, submit);
    } else if (command instanceof Cancel cancel) {
      return onCancel(state, cancel);
    } else if (command instanceof Reconnect) {
      if (link != null) {
        link.tell(ReactorLink.Reconnect.INSTANCE);
      }
      return Effect().noReply();
    } else {
      return onLinkReport(state, (LinkReport) command);
    }
  }

  private ReplyEffect<Event, ReactorState> onEnsure(ReactorState state, Ensure ensure) {
    if (ensure.entry().equals(state.entry())) {
      ensureLink(state);
      keepSensorLogAwake();
      return Effect().noReply();
    }
    return Effect()
        .persist(new Registered(ensure.entry(), System.currentTimeMillis()))
        .thenRun(this::ensureLink)
        .thenNoReply();
  }

  private ReplyEffect<Event, ReactorState> onRemove(ReactorState state, Remove remove) {
    if (state.entry() == null) {
      return Effect().noReply();
    }
    log()
        .info(
            "reactor {} left the fleet: its link stops, its stored readings stay readable",
            reactorId);
    return Effect()
        .persist(new Removed(System.currentTimeMillis()))
        .thenRun(this::ensureLink)
        .thenNoReply();
  }

  private ReplyEffect<Event, ReactorState> onGetLinkState(ReactorState state, GetLinkState get) {
    if (link == null) {
      boolean removed = state.entry() == null && state.removedAtMillis() > 0;
      return Effect()
          .reply(
              get.replyTo(),
              new LinkState(
                  reactorId,
                  state.entry() == null ? "" : state.entry().address(),
                  removed ? LinkState.Status.REMOVED : LinkState.Status.CONNECTING,
                  state.removedAtMillis(),
                  0,
                  0,
                  0,
                  0,
                  removed
                      ? "removed from the fleet at " + Instant.ofEpochMilli(state.removedAtMillis())
                      : "no link yet",
                  context.getSystem().address().hostPort(),
                  Map.of(),
                  Map.of(),
                  null,
                  null));
    }
    link.tell(new ReactorLink.GetState(get.replyTo()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, ReactorState> onGetStatus(ReactorState state, GetStatus get) {
    return Effect()
        .reply(
            get.replyTo(),
            latest == null || state.info() == null
                ? state
                : state.withInfo(state.info().at(latest)));
  }

  private ReplyEffect<Event, ReactorState> onSubmit(ReactorState state, Submit submit) {
    Optional<String> problem = submit.command().problem();
    if (problem.isPresent()) {
      return Effect().reply(submit.replyTo(), StatusReply.error(problem.get()));
    }
    if (state.entry() == null) {
      return Effect()
          .reply(
              submit.replyTo(), StatusReply.error("reactor " + reactorId + " is not in the fleet"));
    }
    String key =
        submit.key() == null || submit.key().isBlank()
            ? UUID.randomUUID().toString()
            : submit.key();
    if (state.knows(key)) {
      return Effect().reply(submit.replyTo(), StatusReply.success(new Submitted(key, true, null)));
    }
    String issuedBy =
        submit.issuedBy() == null || submit.issuedBy().isBlank() ? "unknown" : submit.issuedBy();
    PendingCommand pending =
        new PendingCommand(key, issuedBy, System.currentTimeMillis(), submit.command());
    return Effect()
        .persist(new CommandQueued(pending))
        .thenRun(this::deliver)
        .thenReply(
            submit.replyTo(),
            after ->
                StatusReply.success(
                    new Submitted(key, false, CommandInForce.of(submit.command(), state.info()))));
  }

  private ReplyEffect<Event, ReactorState> onCancel(ReactorState state, Cancel cancel) {
    Optional<PendingCommand> pending = state.pending(cancel.key());
    if (pending.isEmpty()) {
      Optional<ReactorState.Settled> settled = state.settledCommand(cancel.key());
      return Effect()
          .reply(
              cancel.replyTo(),
              settled
                  .map(
                      s ->
                          new Cancelled(
                              Cancelled.Outcome.ALREADY_SETTLED,
                              "command "
                                  + cancel.key()
                                  + " was already "
                                  + (s.applied() ? "applied" : "settled: " + s.reason())))
                  .orElseGet(
                      () ->
                          new Cancelled(
                              Cancelled.Outcome.UNKNOWN,
                              "no command " + cancel.key() + " for reactor " + reactorId)));
    }
    if (state.outbox().get(0).key().equals(cancel.key()) && state.linkUp()) {
      return Effect()
          .reply(
              cancel.replyTo(),
              new Cancelled(
                  Cancelled.Outcome.BEING_DELIVERED,
                  "command "
                      + cancel.key()
                      + " is being delivered to the reactor now; its outcome will be recorded"));
    }
    String by =
        cancel.cancelledBy() == null || cancel.cancelledBy().isBlank()
            ? "unknown"
            : cancel.cancelledBy();
    String reason =
        "cancelled by "
            + by
            + (cancel.reason() == null || cancel.reason().isBlank() ? "" : ": " + cancel.reason());
    return Effect()
        .persist(new CommandSettled(cancel.key(), false, reason, System.currentTimeMillis()))
        .thenRun(this::deliver)
        .thenReply(cancel.replyTo(), after -> new Cancelled(Cancelled.Outcome.CANCELLED, reason));
  }

  private ReplyEffect<Event, ReactorState> onLinkReport(ReactorState state, LinkReport report) {
    LinkEvent event = report.event();
    if (event instanceof LinkEvent.Described described) {
      warnOfClockSkew(described.info());
      if (described.info().changedFrom(state.info())) {
        latest = null; // the persisted one is the latest
        return Effect().persist(new Described(described.info())).thenNoReply();
      }
      latest = described.info().moments();
      return Effect().noReply();
    }
    if (event instanceof LinkEvent.StatusChanged changed) {
      boolean up =
          changed.status() == LinkState.Status.LIVE
              || changed.status() == LinkState.Status.CATCHING_UP;
      return Effect()
          .persist(new LinkChanged(up, System.currentTimeMillis(), changed.detail()))
          .thenNoReply();
    }
    LinkEvent.CommandSettled settled = (LinkEvent.CommandSettled) event;
    if (state.pending(settled.key()).isEmpty()) {
      return Effect().noReply();
    }
    return Effect()
        .persist(
            new CommandSettled(
                settled.key(), settled.applied(), settled.reason(), System.currentTimeMillis()))
        .thenRun(this::deliver)
        .thenNoReply();
  }

  /**
   * Logs when the reactor's clock drifts beyond a minute from ours (its readings keep its time).
   */
  private void warnOfClockSkew(ReactorInfo info) {
    boolean skewed = Math.abs(info.clockOffsetMillis()) > CLOCK_SKEW_WARNING.toMillis();
    if (skewed && !clockSkewed) {
      log()
          .warn(
              "reactor {}: its clock is {} s off ours; its readings keep its own timestamps",
              reactorId,
              info.clockOffsetMillis() / 1000);
    }
    clockSkewed = skewed;
  }

  private void deliver(ReactorState state) {
    if (link != null) {
      link.tell(new ReactorLink.Deliver(state.outbox()));
    }
  }

  /**
   * Starts the link after a (re)start of this entity. A restart after a failed write stops the
   * children of the entity, but keeps this object: what it knew of its link is stale by then.
   */
  private void startLink(ReactorState state) {
    if (link != null) {
      context.stop(link);
    }
    link = null;
    linkEntry = null;
    linkEvents = context.messageAdapter(LinkEvent.class, LinkReport::new);
    ensureLink(state);
  }

  /** Runs the link the fleet entry asks for: none once the reactor left the fleet. */
  private void keepSensorLogAwake() {
    long now = System.nanoTime();
    if (now - sensorLogWokenAtNanos >= links.sensorLogWakeInterval().toNanos()) {
      sensorLogWokenAtNanos = now;
      links.wakeSensorLog(reactorId);
    }
  }

  private void ensureLink(ReactorState state) {
    if (Objects.equals(state.entry(), linkEntry)) {
      return;
    }
    if (link != null) {
      context.stop(link);
      link = null;
      linkEntry = null;
    }
    if (state.entry() == null) {
      return;
    }
    linkIncarnation++;
    linkEntry = state.entry();
    link = context.spawn(links.link(linkEntry, linkEvents), "link-" + linkIncarnation);
    deliver(state);
  }

  @Override
  public EventHandler<ReactorState, Event> eventHandler() {
    return EVENTS;
  }

  /** Made once for every entity: it holds nothing of one (see {@link #commandHandler}). */
  private static final EventHandler<ReactorState, Event> EVENTS =
      EventHandlerBuilder.<ReactorState, Event>builder()
          .forAnyState()
          .onEvent(Registered.class, (state, e) -> state.withEntry(e.entry()))
          .onEvent(Removed.class, (state, e) -> state.removed(e.atMillis()))
          .onEvent(Described.class, (state, e) -> state.withInfo(e.info()))
          .onEvent(
              LinkChanged.class,
              (state, e) ->
                  state.withLinkChange(
                      new ReactorState.LinkChange(e.up(), e.atMillis(), e.detail())))
          .onEvent(CommandQueued.class, (state, e) -> state.withQueued(e.command()))
          .onEvent(
              CommandSettled.class,
              (state, e) -> state.withSettled(e.key(), e.applied(), e.reason(), e.atMillis()))
          .build();

  /** The actor's logger, its lines marked with the reactor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(context.getLog(), "reactor", reactorId);
  }
}
