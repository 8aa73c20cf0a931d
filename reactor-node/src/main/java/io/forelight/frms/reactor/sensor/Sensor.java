package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.ops.ReactorOps;
import io.forelight.frms.reactor.ops.SensorStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
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

/**
 * One sensor's log of readings on the reactor. Each {@link Record} is persisted as a {@link
 * ReadingTaken} whose journal sequence number is the reading's identity for ever: (reactor, sensor,
 * seq). Its child {@link Sampler} decides when to sample and reads the driver. The journal holds
 * nothing but readings and {@link ReadingsLost} ranges (samples the full log could not take), so
 * sequence numbers are dense: 1, 2, 3, ...
 */
public final class Sensor
    extends EventSourcedBehaviorWithEnforcedReplies<Sensor.Command, Sensor.Event, Sensor.State> {

  public sealed interface Command extends CborSerializable permits Record, GetLatest, Calibrate {}

  /**
   * Log this sample as the next reading. {@code number} is the sender's own count of the records it
   * sent; the sensor answers only when {@code answer} is set, once this record and every one before
   * it are done, with the reading's sequence number (0 if the log was full) and that count. A
   * sampler asks every few records, which bounds its records in flight without a reply per reading.
   */
  public record Record(Sample sample, long number, boolean answer, ActorRef<Recorded> replyTo)
      implements Command {

    /** A record answered on its own. */
    public Record(Sample sample, ActorRef<Recorded> replyTo) {
      this(sample, 0, true, replyTo);
    }
  }

  /** {@code number}: the {@link Record#number()} of the record answered. */
  public record Recorded(long seq, long number) implements CborSerializable {}

  public record GetLatest(ActorRef<Latest> replyTo) implements Command {}

  /** Passed to the sampler's driver runner; answered at once with an error if none runs. */
  public record Calibrate(DriverRunner.Calibrate calibrate) implements Command {}

  /** The latest reading logged (null before the first). */
  public record Latest(String sensorId, long lastSeq, ReadingTaken reading)
      implements CborSerializable {}

  public sealed interface Event extends CborSerializable permits ReadingTaken, ReadingsLost {}

  /**
   * A reading as logged; {@code calibration} is the probe's calibration version when it was taken
   * (0 before the first calibration through FRMS, and for sensors that cannot be calibrated).
   */
  public record ReadingTaken(
      long seq,
      long takenAtMicros,
      double value,
      String unit,
      Quality quality,
      String detail,
      int calibration)
      implements Event {

    public ReadingTaken(
        long seq, long takenAtMicros, double value, String unit, Quality quality, String detail) {
      this(seq, takenAtMicros, value, unit, quality, detail, 0);
    }
  }

  /**
   * {@code count} readings taken from {@code fromMicros} to {@code toMicros} that could not be
   * logged (the log was full), recorded under their own sequence number once the log takes writes.
   */
  public record ReadingsLost(long seq, long fromMicros, long toMicros, long count, String reason)
      implements Event {}

  /** The latest reading; the journal is the history. */
  public record State(ReadingTaken latest) implements CborSerializable {
    static final State EMPTY = new State(null);

    State apply(ReadingTaken reading) {
      return new State(reading);
    }
  }

  private final ActorContext<Command> context;
  private final SensorSpec spec;
  private final String journalPluginId;
  private final String snapshotPluginId;
  private final SamplerFactory samplerFactory;
  private ActorRef<Sampler.Command> sampler;
  private SensorStatus status;
  private int samplerIncarnation;
  private final LostReadings lost = new LostReadings();
  private Sample inFlight;

  private Sensor(
      ActorContext<Command> context,
      SensorSpec spec,
      String journalPluginId,
      String snapshotPluginId,
      SamplerFactory samplerFactory) {
    super(
        PersistenceId.ofUniqueId(SensorSpec.persistenceId(spec.id())),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.spec = spec;
    this.journalPluginId = journalPluginId;
    this.snapshotPluginId = snapshotPluginId;
    this.samplerFactory = samplerFactory;
  }

  /** The sensor and its sampler; {@code sampler} builds the child that feeds it. */
  public static Behavior<Command> create(
      SensorSpec spec, String journalPluginId, SamplerFactory sampler) {
    return create(spec, journalPluginId, "", sampler);
  }

  /** As above, with its snapshots in the given store ("" for the default one). */
  public static Behavior<Command> create(
      SensorSpec spec, String journalPluginId, String snapshotPluginId, SamplerFactory sampler) {
    return Behaviors.setup(
        context -> new Sensor(context, spec, journalPluginId, snapshotPluginId, sampler));
  }

  /**
   * Starts the sampler after every (re)start: a restart after a failed write stops the children but
   * keeps this object, so a sampler made once would be gone and sampling would stop. Publishes the
   * sensor's status to {@link ReactorOps} while it runs.
   */
  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (inFlight != null) { // its write failed and restarted this sensor
                if (landed(state, inFlight)) {
                  lost.clear(); // the write was reported failed (a timeout) but is in the log
                } else {
                  lost.add(inFlight.takenAtMicros(), logFull().orElse("log write failed"));
                }
                inFlight = null;
              }
              status = ReactorOps.get(context.getSystem()).sensorStarted(spec, state.latest());
              if (sampler != null) {
                context.stop(sampler);
              }
              samplerIncarnation++;
              sampler =
                  context.spawn(
                      samplerFactory.create(context.getSelf()), "sampler-" + samplerIncarnation);
            })
        .onSignal(
            PostStop.instance(),
            signal -> {
              if (status != null) {
                ReactorOps.get(context.getSystem()).sensorStopped(spec.id(), status);
              }
            })
        .build();
  }

  /** Builds the sampler child once the sensor's own ref exists. */
  @FunctionalInterface
  public interface SamplerFactory {
    Behavior<Sampler.Command> create(ActorRef<Command> sensor);
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
    return State.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(1000, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Record.class, this::onRecord)
        .onCommand(GetLatest.class, this::onGetLatest)
        .onCommand(Calibrate.class, this::onCalibrate)
        .build();
  }

  /**
   * True if the sample whose write was reported failed is the last reading of the recovered log: a
   * write that timed out (the node paused, the disk stalled) may still have landed, and counting it
   * lost as well would report a loss that did not happen.
   */
  static boolean landed(State recovered, Sample inFlight) {
    return recovered.latest() != null
        && recovered.latest().takenAtMicros() == inFlight.takenAtMicros();
  }

  /**
   * Logs the sample as the next reading, after the range of readings lost before it, if any. While
   * the log is full the sample is only counted as lost, and the reply's seq is 0.
   */
  private ReplyEffect<Event, State> onRecord(State state, Record command) {
    Sample s = command.sample();
    Optional<String> full = logFull();
    if (full.isPresent()) {
      lost.add(s.takenAtMicros(), full.get());
      return command.answer()
          ? Effect().reply(command.replyTo(), new Recorded(0, command.number()))
          : Effect().noReply();
    }
    long seq = lastSequenceNumber(context) + 1;
    List<Event> events = new ArrayList<>(2);
    if (!lost.isEmpty()) {
      events.add(lost.event(seq++));
    }
    ReadingTaken reading =
        new ReadingTaken(
            seq,
            s.takenAtMicros(),
            s.value(),
            spec.unit(),
            s.quality(),
            s.detail(),
            calibration(state));
    events.add(reading);
    inFlight = s;
    var persisted =
        Effect()
            .persist(events)
            .thenRun(
                after -> {
                  inFlight = null;
                  if (events.size() == 2) {
                    status.lost((ReadingsLost) events.get(0));
                    lost.clear();
                  }
                  status.logged(reading);
                });
    return command.answer()
        ? persisted.thenReply(
            command.replyTo(), after -> new Recorded(reading.seq(), command.number()))
        : persisted.thenNoReply();
  }

  /**
   * The probe's calibration version: as its calibration publishes it, or, until that has recovered,
   * the version of the latest reading.
   */
  private int calibration(State state) {
    return ReactorOps.get(context.getSystem())
        .calibrationVersion(spec.id())
        .orElse(state.latest() == null ? 0 : state.latest().calibration());
  }

  private ReplyEffect<Event, State> onCalibrate(State state, Calibrate command) {
    if (sampler == null) {
      command
          .calibrate()
          .replyTo()
          .tell(new DriverRunner.Calibrated(null, "sensor " + spec.id() + " is not sampling"));
    } else {
      sampler.tell(new Sampler.Calibrate(command.calibrate()));
    }
    return Effect().noReply();
  }

  private Optional<String> logFull() {
    return ReactorOps.get(context.getSystem()).readingsLogFull();
  }

  private ReplyEffect<Event, State> onGetLatest(State state, GetLatest command) {
    long lastSeq = lastSequenceNumber(context);
    return Effect().reply(command.replyTo(), new Latest(spec.id(), lastSeq, state.latest()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ReadingTaken.class, State::apply)
        .onEvent(ReadingsLost.class, (state, lostReadings) -> state)
        .build();
  }
}
