package io.forelight.frms.reactor.sensor;

import io.forelight.frms.node.Logs;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.ops.ReactorOps;
import io.forelight.frms.reactor.ops.SensorStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;

/**
 * One sensor's log of readings on the reactor. Each {@link Record} is logged as a {@link
 * ReadingTaken} whose sequence number is the reading's identity for ever: (reactor, sensor, seq).
 * Its child {@link Sampler} decides when to sample and reads the driver. The log holds nothing but
 * readings and {@link ReadingsLost} ranges (samples the log could not take), so sequence numbers
 * are dense: 1, 2, 3, ...
 *
 * <p>The sensor writes its {@link SensorLog} itself, one write at a time; records that arrive
 * meanwhile wait (bounded) and go together in the next write. It is not a Pekko Persistence entity:
 * its only state is the log's highest sequence number and latest reading, read back from the log
 * when it starts, and an event-sourced actor's per-command work plus the journal actor between it
 * and the log were most of what a reading cost on a small board. A write that fails counts its
 * samples lost; they are logged as one {@link ReadingsLost} range before the next reading that
 * lands.
 */
public final class Sensor extends AbstractBehavior<Sensor.Command> {

  public sealed interface Command extends CborSerializable
      permits Record, GetLatest, Calibrate, Recovered, Written {}

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

  /** Passed to the sampler's driver runner. */
  public record Calibrate(DriverRunner.Calibrate calibrate) implements Command {}

  /** The latest reading logged (null before the first). */
  public record Latest(String sensorId, long lastSeq, ReadingTaken reading)
      implements CborSerializable {}

  public sealed interface Event extends CborSerializable permits ReadingTaken, ReadingsLost {
    /** The event's sequence number in the sensor's log. */
    long seq();
  }

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

  /** What the log held when the sensor started, or why it could not be read. */
  private record Recovered(long highestSeq, ReadingTaken latest, Throwable error)
      implements Command {}

  /** A write to the log ended while records waited, or failed (see {@link SensorWrites}). */
  private record Written(SensorWrites.Batch batch, Throwable error) implements Command {}

  private final ActorContext<Command> context;
  private final SensorSpec spec;
  private final SensorStatus status;
  private final SensorWrites writes;
  private final ActorRef<Sampler.Command> sampler;

  private Sensor(
      ActorContext<Command> context,
      SensorSpec spec,
      SensorLog log,
      Recovered recovered,
      SamplerFactory samplerFactory) {
    super(context);
    this.context = context;
    this.spec = spec;
    ReactorOps ops = ReactorOps.get(context.getSystem());
    this.status = ops.sensorStarted(spec, recovered.latest());
    ActorRef<Command> self = context.getSelf();
    this.writes =
        new SensorWrites(
            spec,
            log,
            status,
            recovered.highestSeq(),
            recovered.latest(),
            ops::readingsLogFull,
            () -> ops.calibrationVersion(spec.id()),
            (batch, error) -> self.tell(new Written(batch, error)),
            log());
    this.sampler = context.spawn(samplerFactory.create(self), "sampler");
  }

  /** The sensor and its sampler; {@code sampler} builds the child that feeds it. */
  public static Behavior<Command> create(
      SensorSpec spec, String journalPluginId, SamplerFactory sampler) {
    return create(
        spec,
        system -> SensorLog.of(system, journalPluginId, SensorSpec.persistenceId(spec.id())),
        sampler);
  }

  /** As above, on the log {@code log} gives (tests wrap a real log to fail its writes). */
  static Behavior<Command> create(
      SensorSpec spec, Function<ActorSystem<?>, SensorLog> log, SamplerFactory sampler) {
    Behavior<Command> sensor =
        Behaviors.setup(
            context -> recovering(context, spec, log.apply(context.getSystem()), sampler));
    return Behaviors.supervise(sensor)
        .onFailure(
            SupervisorStrategy.restartWithBackoff(
                Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
  }

  /**
   * Reads the log's highest sequence number and latest reading off the actor's thread, keeping what
   * arrives meanwhile (bounded), then starts sampling. A log that cannot be read fails the sensor,
   * which starts again with backoff.
   */
  private static Behavior<Command> recovering(
      ActorContext<Command> context, SensorSpec spec, SensorLog log, SamplerFactory sampler) {
    context.pipeToSelf(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                long highest = log.highestSeq();
                return new Recovered(highest, log.latestRetained(highest), null);
              } catch (Exception e) {
                return new Recovered(0, null, e);
              }
            },
            log.io()),
        (recovered, error) -> error == null ? recovered : new Recovered(0, null, error));
    return Behaviors.withStash(
        SensorWrites.MAX_WAITING,
        stash ->
            Behaviors.receive(Command.class)
                .onMessage(
                    Recovered.class,
                    recovered -> {
                      if (recovered.error() != null) {
                        throw new IllegalStateException(
                            "sensor " + spec.id() + ": cannot read its log", recovered.error());
                      }
                      return stash.unstashAll(new Sensor(context, spec, log, recovered, sampler));
                    })
                .onAnyMessage(
                    command -> {
                      if (stash.isFull()) {
                        context
                            .getLog()
                            .warn("sensor {}: dropped {} while starting", spec.id(), command);
                      } else {
                        stash.stash(command);
                      }
                      return Behaviors.same();
                    })
                .build());
  }

  /** Builds the sampler child once the sensor's own ref exists. */
  @FunctionalInterface
  public interface SamplerFactory {
    Behavior<Sampler.Command> create(ActorRef<Command> sensor);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Record.class, this::onRecord)
        .onMessage(Written.class, this::onWritten)
        .onMessage(GetLatest.class, this::onGetLatest)
        .onMessage(Calibrate.class, this::onCalibrate)
        .onSignal(PostStop.class, signal -> stopped())
        .onSignal(PreRestart.class, signal -> stopped())
        .build();
  }

  private Behavior<Command> stopped() {
    ReactorOps.get(context.getSystem()).sensorStopped(spec.id(), status);
    return this;
  }

  private Behavior<Command> onRecord(Record record) {
    writes.add(record);
    return this;
  }

  private Behavior<Command> onWritten(Written written) {
    writes.written(written.batch(), written.error());
    return this;
  }

  private Behavior<Command> onCalibrate(Calibrate command) {
    sampler.tell(new Sampler.Calibrate(command.calibrate()));
    return this;
  }

  private Behavior<Command> onGetLatest(GetLatest command) {
    command.replyTo().tell(new Latest(spec.id(), writes.lastSeq(), writes.latest()));
    return this;
  }

  /** The actor's logger, its lines marked with the sensor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(context.getLog(), "sensor", spec.id());
  }
}
