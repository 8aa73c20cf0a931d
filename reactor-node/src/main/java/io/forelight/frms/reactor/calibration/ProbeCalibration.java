package io.forelight.frms.reactor.calibration;

import io.forelight.frms.node.Logs;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.layout.Answers;
import io.forelight.frms.reactor.layout.SensorLayout.Outcome;
import io.forelight.frms.reactor.ops.ReactorOps;
import io.forelight.frms.reactor.sensor.CborSerializable;
import io.forelight.frms.reactor.sensor.Clock;
import io.forelight.frms.reactor.sensor.DriverRunner;
import io.forelight.frms.reactor.sensor.Quality;
import io.forelight.frms.reactor.sensor.Sensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
 * The calibration of one probe, event-sourced in the node's state log ({@code
 * Calibration|<sensor>}): watches the probe's readings, and for a {@link CalibrationRequest} waits
 * until they have settled, sends the point through the sensor's driver runner (between two reads)
 * and records what the probe holds afterwards as a new calibration version. Readings carry the
 * version in force ({@link ReactorOps#calibrationVersion}). A key is applied at most once; while
 * the reading settles the answer says so and the sender asks again with the same key.
 */
public final class ProbeCalibration
    extends EventSourcedBehaviorWithEnforcedReplies<
        ProbeCalibration.Command, ProbeCalibration.Event, ProbeCalibration.State> {

  /** How long the driver may take to answer a point (the EZO's delays are about 1-2 s). */
  public static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration OBSERVE_EVERY = Duration.ofSeconds(1);

  public sealed interface Command extends CborSerializable
      permits Calibrate, Observe, DeviceAnswered {}

  /**
   * Apply one point: {@code spec} and {@code points} as the node runs the sensor now, {@code
   * sensor} the running sensor.
   */
  public record Calibrate(
      String key,
      String issuedBy,
      CalibrationRequest request,
      SensorSpec spec,
      Set<CalibrationPoint> points,
      ActorRef<Sensor.Command> sensor,
      ActorRef<Reply> replyTo)
      implements Command {}

  /** The outcome of a key; or, while the probe's reading settles, why it waits (outcome null). */
  public record Reply(Outcome outcome, String waiting) {
    public boolean settled() {
      return outcome != null;
    }
  }

  enum Observe implements Command {
    INSTANCE
  }

  private record DeviceAnswered(
      Calibrate command,
      CalibrationRequest request,
      String stability,
      DriverRunner.Calibrated answer)
      implements Command {}

  public sealed interface Event extends CborSerializable permits Calibrated, CalibrationRefused {}

  public record Calibrated(CalibrationRecord record) implements Event {}

  public record CalibrationRefused(String key, String issuedBy, long atMillis, String reason)
      implements Event {}

  /** The version in force (0 before the first point), the latest point and the answers given. */
  public record State(int version, CalibrationRecord latest, Answers answers)
      implements CborSerializable {}

  private final ActorContext<Command> context;
  private final SensorSpec spec;
  private final Set<CalibrationPoint> points;
  private final String journalPluginId;
  private final String snapshotPluginId;
  private final ReactorOps ops;
  private final StableReading recent = new StableReading();
  private long lastSeq = -1;
  private String waitingKey;
  private long waitingSinceMicros;
  private String busyKey;
  private final List<ActorRef<Reply>> busyWaiters = new ArrayList<>();

  private ProbeCalibration(
      ActorContext<Command> context,
      SensorSpec spec,
      Set<CalibrationPoint> points,
      String journalPluginId,
      String snapshotPluginId) {
    super(
        PersistenceId.ofUniqueId("Calibration|" + spec.id()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.spec = spec;
    this.points = Set.copyOf(points);
    this.journalPluginId = journalPluginId;
    this.snapshotPluginId = snapshotPluginId;
    this.ops = ReactorOps.get(context.getSystem());
  }

  /** {@code spec} and {@code points}: the probe as started (for the view's default band). */
  public static Behavior<Command> create(
      SensorSpec spec,
      Set<CalibrationPoint> points,
      String journalPluginId,
      String snapshotPluginId) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerAtFixedRate(Observe.INSTANCE, OBSERVE_EVERY);
                  return new ProbeCalibration(
                      context, spec, points, journalPluginId, snapshotPluginId);
                }));
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
    return new State(0, null, Answers.NONE);
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
              publish(state);
              if (state.version() > 0) {
                log()
                    .info(
                        "probe {} calibration version {} ({} by {})",
                        spec.id(),
                        state.version(),
                        state.latest().point().configName(),
                        state.latest().issuedBy());
              }
            })
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Calibrate.class, this::onCalibrate)
        .onCommand(Observe.class, (state, observe) -> onObserve(state))
        .onCommand(DeviceAnswered.class, this::onDeviceAnswered)
        .build();
  }

  private ReplyEffect<Event, State> onCalibrate(State state, Calibrate c) {
    var earlier = state.answers().outcomeOf(c.key());
    if (earlier.isPresent()) {
      return Effect().reply(c.replyTo(), new Reply(earlier.get(), null));
    }
    if (busyKey != null) {
      if (busyKey.equals(c.key())) {
        busyWaiters.add(c.replyTo());
        return Effect().noReply();
      }
      return Effect()
          .reply(c.replyTo(), new Reply(null, "busy sending another point to the probe"));
    }
    var problem = c.request().problem(c.spec(), c.points());
    if (problem.isPresent()) {
      return refuse(c, problem.get());
    }
    CalibrationRequest request = c.request().withDefaults(c.spec());
    String stability = "not needed for " + request.point().configName();
    if (request.waitsForStableReading()) {
      long now = Clock.nowMicros();
      StableReading.Verdict verdict = recent.judge(request.band(), request.stableFor(), now);
      stability = verdict.text();
      if (!verdict.stable()) {
        if (!c.key().equals(waitingKey)) {
          waitingKey = c.key();
          waitingSinceMicros = now;
        }
        if (now - waitingSinceMicros > request.maxWait().toNanos() / 1000) {
          waitingKey = null;
          return refuse(
              c,
              String.format(
                  Locale.ROOT,
                  "the reading of %s did not settle within %d s (%s)",
                  spec.id(),
                  request.maxWait().toSeconds(),
                  verdict.text()));
        }
        return Effect().reply(c.replyTo(), new Reply(null, verdict.text()));
      }
    }
    waitingKey = null;
    busyKey = c.key();
    busyWaiters.add(c.replyTo());
    String settled = stability;
    log()
        .info(
            "probe {}: sending {} {} for {} ({})",
            spec.id(),
            request.point().configName(),
            request.value(),
            c.issuedBy(),
            settled);
    context.ask(
        DriverRunner.Calibrated.class,
        c.sensor(),
        DEVICE_TIMEOUT,
        replyTo ->
            new Sensor.Calibrate(
                new DriverRunner.Calibrate(request.point(), request.value(), replyTo)),
        (answer, error) ->
            new DeviceAnswered(
                c,
                request,
                settled,
                answer != null
                    ? answer
                    : new DriverRunner.Calibrated(
                        null,
                        "no answer from the driver in " + DEVICE_TIMEOUT.toSeconds() + " s")));
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onDeviceAnswered(State state, DeviceAnswered answered) {
    Calibrate c = answered.command();
    busyKey = null;
    List<ActorRef<Reply>> waiters = List.copyOf(busyWaiters);
    busyWaiters.clear();
    DriverRunner.Calibrated answer = answered.answer();
    Event event =
        answer.error() != null
            ? new CalibrationRefused(
                c.key(),
                c.issuedBy(),
                System.currentTimeMillis(),
                "the probe did not take "
                    + answered.request().point().configName()
                    + ": "
                    + answer.error())
            : new Calibrated(
                new CalibrationRecord(
                    state.version() + 1,
                    c.key(),
                    answered.request().point(),
                    answered.request().value(),
                    c.issuedBy(),
                    Clock.nowMicros(),
                    answer.probe(),
                    answered.stability()));
    return Effect()
        .persist(event)
        .thenRun(
            after -> {
              publish(after);
              Outcome outcome = after.answers().outcomeOf(c.key()).orElseThrow();
              log().info("probe {}: {} -> {}", spec.id(), c.key(), describe(after, outcome));
              waiters.forEach(w -> w.tell(new Reply(outcome, null)));
            })
        .thenNoReply();
  }

  private static String describe(State after, Outcome outcome) {
    if (!outcome.applied()) {
      return "rejected: " + outcome.reason();
    }
    ProbeState probe = after.latest().probe();
    return String.format(
        Locale.ROOT,
        "version %d, %d point(s) held%s",
        after.version(),
        probe.pointsHeld(),
        Double.isNaN(probe.acidSlopePercent())
            ? ""
            : String.format(
                Locale.ROOT,
                ", slopes %.1f %% / %.1f %%",
                probe.acidSlopePercent(),
                probe.baseSlopePercent()));
  }

  private ReplyEffect<Event, State> refuse(Calibrate c, String reason) {
    return Effect()
        .persist(new CalibrationRefused(c.key(), c.issuedBy(), System.currentTimeMillis(), reason))
        .thenReply(
            c.replyTo(),
            after -> new Reply(after.answers().outcomeOf(c.key()).orElseThrow(), null));
  }

  /** Takes the probe's newest usable reading into the window, and shows how settled it is. */
  private ReplyEffect<Event, State> onObserve(State state) {
    ops.latest(spec.id())
        .filter(r -> r.seq() != lastSeq)
        .ifPresent(
            r -> {
              lastSeq = r.seq();
              if (r.quality() == Quality.GOOD && Double.isFinite(r.value())) {
                recent.add(r.takenAtMicros(), r.value());
              }
            });
    publish(state);
    return Effect().noReply();
  }

  private void publish(State state) {
    ops.publishCalibration(
        new CalibrationView(
            spec.id(),
            points,
            state.version(),
            state.latest(),
            recent.judge(
                CalibrationRequest.defaultBand(spec.kind(), spec.unit()),
                CalibrationRequest.DEFAULT_STABLE_FOR,
                Clock.nowMicros())));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            Calibrated.class,
            (state, e) ->
                new State(
                    e.record().version(),
                    e.record(),
                    state.answers().remember(new Outcome(e.record().key(), true, ""))))
        .onEvent(
            CalibrationRefused.class,
            (state, e) ->
                new State(
                    state.version(),
                    state.latest(),
                    state.answers().remember(new Outcome(e.key(), false, e.reason()))))
        .build();
  }

  /** The actor's logger, its lines marked with the sensor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(context.getLog(), "sensor", spec.id());
  }
}
