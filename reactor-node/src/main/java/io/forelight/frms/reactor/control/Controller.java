package io.forelight.frms.reactor.control;

import io.forelight.frms.node.Logs;
import io.forelight.frms.reactor.actuator.Actuator;
import io.forelight.frms.reactor.layout.Answers;
import io.forelight.frms.reactor.layout.SensorLayout.Outcome;
import io.forelight.frms.reactor.sensor.CborSerializable;
import io.forelight.frms.reactor.sensor.Sensor.ReadingTaken;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * One control loop on the reactor. Its settings (mode, setpoint, ramp, manual output, gains, output
 * range) are events in the reactor's local state log, so a reboot resumes the same control; each
 * operator change is applied at most once per idempotency key. Every period it reads its input
 * sensor's latest reading and drives its actuators: in auto through its {@link Step} towards the
 * (ramping) setpoint, in manual with the held output, off not at all. An input that is stale or not
 * GOOD puts the actuators in their safe state and shows as the loop's fault until it recovers.
 * Nothing here depends on the link: control goes on while the coordinators are away.
 */
public final class Controller
    extends EventSourcedBehaviorWithEnforcedReplies<
        Controller.Command, Controller.Event, Controller.State> {

  public sealed interface Command extends CborSerializable permits Apply, Tick {}

  public record Apply(String key, String issuedBy, LoopChange change, ActorRef<Outcome> replyTo)
      implements Command {}

  enum Tick implements Command {
    INSTANCE
  }

  public sealed interface Event extends CborSerializable permits LoopChanged, LoopChangeRejected {}

  public record LoopChanged(String key, String issuedBy, long atMillis, LoopChange change)
      implements Event {}

  public record LoopChangeRejected(String key, String issuedBy, long atMillis, String reason)
      implements Event {}

  public record State(LoopSettings settings, Answers answers) implements CborSerializable {}

  /** Where the latest reading of a sensor comes from (the node's ReactorOps). */
  @FunctionalInterface
  public interface Inputs {
    Optional<ReadingTaken> latest(String sensorId);
  }

  private final ActorContext<Command> context;
  private final LoopSpec spec;
  private final Map<String, ActorRef<Actuator.Command>> actuators;
  private final Inputs inputs;
  private final ControlBoard board;
  private final String journalPluginId;
  private final String snapshotPluginId;
  private final Step step;
  private final LongSupplier clockMicros;
  private double setpointNow = Double.NaN;
  private Terms lastTerms = Terms.output(0);
  private String fault = "";
  private long lastTickNanos;
  private ReadingTaken lastSeen;
  private double measured = Double.NaN;
  private String profileRunning = "";

  private Controller(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      LoopSpec spec,
      Map<String, ActorRef<Actuator.Command>> actuators,
      Inputs inputs,
      ControlBoard board,
      LongSupplier clockMicros,
      String journalPluginId,
      String snapshotPluginId) {
    super(
        PersistenceId.ofUniqueId("Loop|" + spec.id()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.spec = spec;
    this.actuators = Map.copyOf(actuators);
    this.inputs = inputs;
    this.board = board;
    this.clockMicros = clockMicros;
    this.journalPluginId = journalPluginId;
    this.snapshotPluginId = snapshotPluginId;
    this.step = Step.of(spec);
    timers.startTimerAtFixedRate(Tick.INSTANCE, spec.period());
  }

  public static Behavior<Command> create(
      LoopSpec spec,
      Map<String, ActorRef<Actuator.Command>> actuators,
      Inputs inputs,
      ControlBoard board,
      LongSupplier clockMicros,
      String journalPluginId,
      String snapshotPluginId) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new Controller(
                        context,
                        timers,
                        spec,
                        actuators,
                        inputs,
                        board,
                        clockMicros,
                        journalPluginId,
                        snapshotPluginId)));
  }

  @Override
  public String journalPluginId() {
    return journalPluginId;
  }

  @Override
  public String snapshotPluginId() {
    return snapshotPluginId;
  }

  @Override
  public State emptyState() {
    return new State(spec.initial(), Answers.NONE);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              log()
                  .info(
                      "loop {} ({}) resumes {} at setpoint {} from {} to {}",
                      spec.id(),
                      spec.kind().configName(),
                      state.settings().mode().configName(),
                      state.settings().setpoint(),
                      spec.input(),
                      spec.actuators().values());
              followProfile(state.settings()); // a profile resumes where its schedule stands
              publish(state.settings()); // its settings show before its first step
            })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Apply.class, this::onApply)
        .onCommand(Tick.class, (state, tick) -> onTick(state))
        .build();
  }

  private ReplyEffect<Event, State> onApply(State state, Apply apply) {
    Optional<Outcome> earlier = state.answers().outcomeOf(apply.key());
    if (earlier.isPresent()) {
      return Effect().reply(apply.replyTo(), earlier.get());
    }
    long now = nowMillis();
    LoopChange change = prepared(apply.change(), state.settings(), now);
    Optional<String> problem = change.problem(spec, state.settings());
    if (problem.isPresent()) {
      return Effect()
          .persist(new LoopChangeRejected(apply.key(), apply.issuedBy(), now, problem.get()))
          .thenReply(
              apply.replyTo(), after -> after.answers().outcomeOf(apply.key()).orElseThrow());
    }
    return Effect()
        .persist(new LoopChanged(apply.key(), apply.issuedBy(), now, change))
        .thenRun(after -> onChanged(state.settings(), after.settings()))
        .thenReply(apply.replyTo(), after -> after.answers().outcomeOf(apply.key()).orElseThrow());
  }

  /**
   * The change with what only the loop knows filled in: auto to manual holds the output it was
   * giving (bumpless); a profile starts from the setpoint in force now; a stopped profile holds the
   * setpoint it had reached.
   */
  private LoopChange prepared(LoopChange change, LoopSettings settings, long now) {
    if (change instanceof LoopChange.SetMode set
        && set.mode() == LoopMode.MANUAL
        && settings.mode() == LoopMode.AUTO) {
      return new LoopChange.SetMode(set.loopId(), set.mode(), lastTerms.output());
    }
    if (change instanceof LoopChange.RunProfile run) {
      return run.startingAt(setpointInForce(settings, now), now);
    }
    if (change instanceof LoopChange.StopProfile stop) {
      return new LoopChange.StopProfile(stop.loopId(), setpointInForce(settings, now), now);
    }
    return change;
  }

  private double setpointInForce(LoopSettings settings, long now) {
    return settings
        .runningProfile(now)
        .map(profile -> profile.setpointAt(now))
        .orElse(Double.isNaN(setpointNow) ? settings.setpoint() : setpointNow);
  }

  private long nowMillis() {
    return clockMicros.getAsLong() / 1000;
  }

  /** Bumpless: a loop entering auto starts from the output it was giving. */
  private void onChanged(LoopSettings before, LoopSettings after) {
    log().info("loop {} now {} (was {})", spec.id(), after, before);
    if (after.mode() == LoopMode.AUTO && before.mode() != LoopMode.AUTO) {
      step.track(lastTerms.output());
      setpointNow = Double.NaN;
    }
    followProfile(after);
    publish(after);
  }

  private ReplyEffect<Event, State> onTick(State state) {
    long nowNanos = System.nanoTime();
    double dt =
        lastTickNanos == 0 ? spec.period().toNanos() / 1e9 : (nowNanos - lastTickNanos) / 1e9;
    lastTickNanos = nowNanos;
    LoopSettings settings = state.settings();
    Optional<SetpointProfile> profile = followProfile(settings);
    Optional<ReadingTaken> latest =
        inputs.latest(spec.input()).or(() -> Optional.ofNullable(lastSeen));
    latest.ifPresent(reading -> lastSeen = reading); // a stopped sensor's last reading goes stale
    Input input = Input.judge(spec, latest, clockMicros.getAsLong());
    if (settings.mode() == LoopMode.OFF) {
      safe("loop off");
      lastTerms = Terms.output(0);
      noteFault("");
    } else if (!input.usable()) {
      safe(input.problem());
      step.reset();
      lastTerms = Terms.output(0);
      noteFault(input.problem());
    } else {
      noteFault("");
      if (settings.mode() == LoopMode.MANUAL) {
        lastTerms = Terms.output(settings.manualOutput());
        step.track(settings.manualOutput());
      } else {
        if (profile.isEmpty()) {
          setpointNow = ramped(settings, input.value(), dt);
        }
        lastTerms = step.step(setpointNow, input.value(), dt, settings);
      }
      step.drive(lastTerms.output(), actuators);
    }
    measured = input.value();
    publish(settings);
    return Effect().noReply();
  }

  /**
   * Shows the loop on the board: once recovered, after every step, and at once after a change of
   * settings.
   */
  private void publish(LoopSettings settings) {
    board.publish(
        new LoopView(
            spec,
            settings,
            Double.isNaN(setpointNow) ? settings.setpoint() : setpointNow,
            measured,
            lastTerms,
            fault));
  }

  /**
   * The profile running now, if one is: the setpoint follows its schedule in every mode, so the
   * loop's setpoint readings show it and auto picks it up where it stands. Says when it ends.
   */
  private Optional<SetpointProfile> followProfile(LoopSettings settings) {
    long now = nowMillis();
    Optional<SetpointProfile> running = settings.runningProfile(now);
    running.ifPresent(profile -> setpointNow = profile.setpointAt(now));
    String name = running.map(SetpointProfile::name).orElse("");
    if (!name.equals(profileRunning)) {
      if (name.isEmpty() && settings.profile() != null && settings.profile().finishedAt(now)) {
        log()
            .info(
                "loop {}: profile {} finished, holding {}",
                spec.id(),
                settings.profile().name(),
                settings.setpoint());
      } else if (!name.isEmpty()) {
        log()
            .info(
                "loop {}: follows profile {} at {} until {}",
                spec.id(),
                name,
                setpointNow,
                java.time.Instant.ofEpochMilli(running.get().endsAtMillis()));
      }
      profileRunning = name;
    }
    return running;
  }

  private double ramped(LoopSettings settings, double measured, double dt) {
    double target = settings.setpoint();
    if (settings.rampPerMinute() <= 0) {
      return target;
    }
    double from = Double.isNaN(setpointNow) ? measured : setpointNow;
    double maxMove = settings.rampPerMinute() * dt / 60;
    return from + Math.max(-maxMove, Math.min(maxMove, target - from));
  }

  private void safe(String why) {
    actuators.values().forEach(actuator -> actuator.tell(new Actuator.Safe(why)));
  }

  private void noteFault(String now) {
    if (!now.equals(fault)) {
      if (now.isEmpty()) {
        log().info("loop {}: input usable again, control resumes", spec.id());
      } else {
        log().warn("loop {}: {}; outputs safe", spec.id(), now);
      }
      fault = now;
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            LoopChanged.class,
            (state, e) ->
                new State(
                    e.change().applyTo(state.settings()),
                    state.answers().remember(new Outcome(e.key(), true, ""))))
        .onEvent(
            LoopChangeRejected.class,
            (state, e) ->
                new State(
                    state.settings(),
                    state.answers().remember(new Outcome(e.key(), false, e.reason()))))
        .build();
  }

  /** The actor's logger, its lines marked with the loop (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(context.getLog(), "loop", spec.id());
  }
}
