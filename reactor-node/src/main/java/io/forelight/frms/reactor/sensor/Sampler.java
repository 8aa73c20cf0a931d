package io.forelight.frms.reactor.sensor;

import io.forelight.frms.node.Logs;
import io.forelight.frms.reactor.config.ReactorSettings.SamplingSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;

/**
 * Samples one sensor on its interval: asks its {@link DriverRunner} for a raw value (one request at
 * a time), judges the answer and has the {@link Sensor} log it. A driver that does not answer in
 * time gives a BAD reading for that slot and for every slot until it answers again; a driver merely
 * slower than the interval makes slots be skipped (counted), never queued without bound.
 *
 * <p>A sensor sampled more often than the driver timeout checks for silence on its own ticks (late
 * by less than one interval); only a slower one arms a timer per read, so the fast, common case
 * costs the scheduler nothing per reading. For such a sensor the scheduler's thread asks a free
 * driver itself at each instant (an atomic flag says whether a read is with the driver); only an
 * instant that finds the driver busy comes to the actor as a tick: a message fewer per reading.
 */
public final class Sampler extends AbstractBehavior<Sampler.Command> {

  public sealed interface Command
      permits Tick,
          DriverRunner.Answer,
          DriverSilent,
          DriverUnavailable,
          RecordDone,
          GetStats,
          Calibrate {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record DriverSilent(long requestId) implements Command {}

  private record DriverUnavailable(String error) implements Command {}

  private record RecordDone(Sensor.Recorded recorded) implements Command {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /** Passed to the driver's runner: it runs between two reads, never during one. */
  public record Calibrate(DriverRunner.Calibrate calibrate) implements Command {}

  /** Counters since this sampler started. */
  public record Stats(long samples, long bad, long skipped, String lastError)
      implements CborSerializable {}

  private final SensorSpec spec;
  private final SamplingSettings settings;
  private final ActorRef<Sensor.Command> sensor;
  private final ActorRef<DriverRunner.Request> runner;
  private final DoubleSupplier celsius;
  private final SampleJudge judge;
  private final ActorRef<Command> self;
  private final ActorRef<DriverRunner.Answer> answers;
  private final ActorRef<Sensor.Recorded> recordedAdapter;
  private final boolean silenceTimer;
  private final Cancellable ticks;
  private Cancellable silence = Cancellable.alreadyCancelled();

  // Shared with the scheduler's thread, which asks the driver itself when it is free (see fire):
  /** Set while a read is with the driver; whoever sets it sends the read. */
  private final AtomicBoolean reading = new AtomicBoolean();

  /** The id of the latest read sent. */
  private volatile long requestId;

  /** When the read with the driver was sent. */
  private volatile long awaitingSinceMicros;

  private boolean silenceRecorded;
  private long recordsSent;
  private long recordsDone;
  private boolean answerAwaited;
  private long samples;
  private long bad;
  private long skipped;
  private String lastError = "";

  private Sampler(
      ActorContext<Command> context,
      SensorSpec spec,
      SamplingSettings settings,
      ActorRef<Sensor.Command> sensor,
      SensorDriverFactory factory,
      DriverContext driverContext,
      DoubleSupplier celsius) {
    super(context);
    this.spec = spec;
    this.celsius = celsius;
    this.settings = settings;
    this.sensor = sensor;
    this.judge = new SampleJudge(spec);
    this.silenceTimer = spec.interval().compareTo(settings.driverTimeout()) >= 0;
    this.self = context.getSelf(); // for the scheduler's thread too
    this.answers = self.narrow(); // the runner's answers are this actor's messages
    this.recordedAdapter = context.messageAdapter(Sensor.Recorded.class, RecordDone::new);
    ActorRef<DriverRunner.Unavailable> unavailable =
        context.messageAdapter(
            DriverRunner.Unavailable.class, u -> new DriverUnavailable(u.error()));
    this.runner =
        context.spawn(
            DriverRunner.create(
                spec,
                factory,
                driverContext,
                unavailable,
                settings.restartMinBackoff(),
                settings.restartMaxBackoff()),
            "driver",
            factory.blocking()
                ? DispatcherSelector.fromConfig("frms.reactor.driver-dispatcher")
                : DispatcherSelector.sameAsParent());
    if (spec.interval().compareTo(settings.timerResolution()) < 0) { // a layout kept from before
      log()
          .warn(
              "sensor {}: its interval {} ms is shorter than the node's timer resolution ({} ms,"
                  + " frms.reactor.sampling.timer-resolution): it samples every {} ms",
              spec.id(),
              spec.interval().toMillis(),
              settings.timerResolution().toMillis(),
              settings.timerResolution().toMillis());
    }
    self.tell(Tick.INSTANCE);
    // run on the scheduler's thread, as Pekko's timers tell, but without a timer scheduler's
    // interceptor in front of every message of this actor, and one task per interval for all
    this.ticks =
        Metronomes.get(context.getSystem()).join(spec.interval(), settings.phaseKey(), this::fire);
  }

  /**
   * A sampling instant, on the scheduler's thread: a free driver is asked at once (the common case,
   * without a message to this actor in between); a busy one, or a sensor whose reads arm a silence
   * timer, leaves the instant to the actor.
   */
  private void fire() {
    if (!silenceTimer && startRead()) {
      return;
    }
    self.tell(Tick.INSTANCE);
  }

  /** Sends the driver a read unless one is with it; on any thread. */
  private boolean startRead() {
    if (!reading.compareAndSet(false, true)) {
      return false;
    }
    long id = requestId + 1;
    awaitingSinceMicros = Clock.nowMicros();
    requestId = id; // published after the time: an answer naming it finds both
    runner.tell(new DriverRunner.Read(id, celsius.getAsDouble(), answers));
    return true;
  }

  /**
   * How long from {@code nowMillis} until the wall clock is next at a whole multiple of the
   * interval, shifted by this reactor's phase ({@code floorMod(phaseKey, interval)}): sensors of a
   * reactor with the same interval sample together and their readings share one write (group
   * commit) of the log instead of one each, and a slower sensor's instants are among a faster one's
   * when its interval is a multiple. Different reactors have different phases, so a fleet's
   * readings reach the coordinators spread over the interval rather than all at one instant.
   */
  public static Duration untilAligned(Duration interval, long phaseKey, long nowMillis) {
    long millis = interval.toMillis();
    long phase = Math.floorMod(phaseKey, millis);
    return Duration.ofMillis(millis - Math.floorMod(nowMillis - phase, millis));
  }

  /**
   * {@code celsius}: the liquid's temperature for drivers that compensate (NaN when not known),
   * read before every reading.
   */
  public static Behavior<Command> create(
      SensorSpec spec,
      SamplingSettings settings,
      ActorRef<Sensor.Command> sensor,
      SensorDriverFactory factory,
      DriverContext driverContext,
      DoubleSupplier celsius) {
    return Behaviors.setup(
        context -> new Sampler(context, spec, settings, sensor, factory, driverContext, celsius));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, t -> onTick())
        .onMessage(DriverRunner.Answer.class, this::onDriverAnswered)
        .onMessage(DriverSilent.class, this::onDriverSilent)
        .onMessage(DriverUnavailable.class, this::onDriverUnavailable)
        .onMessage(RecordDone.class, this::onRecordDone)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Calibrate.class, c -> forward(c.calibrate()))
        .onSignal(PostStop.class, signal -> cancelTimers())
        .onSignal(PreRestart.class, signal -> cancelTimers())
        .build();
  }

  private Behavior<Command> cancelTimers() {
    ticks.cancel();
    silence.cancel();
    return this;
  }

  private Behavior<Command> forward(DriverRunner.Calibrate calibrate) {
    runner.tell(calibrate);
    return this;
  }

  private Behavior<Command> onTick() {
    if (startRead()) {
      if (silenceTimer) {
        // a late one is dropped: it names an earlier request
        silence =
            getContext()
                .scheduleOnce(
                    settings.driverTimeout(), getContext().getSelf(), new DriverSilent(requestId));
      }
    } else if (!silenceTimer && !silenceRecorded && silentForTimeout()) {
      return onDriverSilent(new DriverSilent(requestId));
    } else if (silenceRecorded) {
      long silentForSeconds = (Clock.nowMicros() - awaitingSinceMicros) / 1_000_000;
      record(
          Sample.bad(
              Clock.nowMicros(), "driver not answering for " + silentForSeconds + " s" + cause()));
    } else {
      skipped++;
    }
    return this;
  }

  private Behavior<Command> onDriverAnswered(DriverRunner.Answer answer) {
    if (answer.requestId() != requestId || !reading.get()) {
      return this;
    }
    silence.cancel();
    if (answer.failed()) {
      lastError = answer.error();
    }
    if (!silenceRecorded) {
      record(judge.judge(answer.takenAtMicros(), answer.raw(), answer.error()));
    }
    silenceRecorded = false;
    reading.set(false); // the driver is free: the next instant may ask it from any thread
    return this;
  }

  private boolean silentForTimeout() {
    return Clock.nowMicros() - awaitingSinceMicros >= settings.driverTimeout().toNanos() / 1_000;
  }

  private Behavior<Command> onDriverSilent(DriverSilent message) {
    if (message.requestId() == requestId && reading.get() && !silenceRecorded) {
      silenceRecorded = true;
      record(
          Sample.bad(
              Clock.nowMicros(),
              "no answer from driver within "
                  + settings.driverTimeout().toMillis()
                  + " ms"
                  + cause()));
    }
    return this;
  }

  private Behavior<Command> onDriverUnavailable(DriverUnavailable message) {
    lastError = message.error();
    log().warn("sensor {}: {}", spec.id(), message.error());
    return this;
  }

  private Behavior<Command> onRecordDone(RecordDone done) {
    recordsDone = Math.max(recordsDone, done.recorded().number());
    answerAwaited = false;
    return this;
  }

  private Behavior<Command> onGetStats(GetStats get) {
    get.replyTo().tell(new Stats(samples, bad, skipped, lastError));
    return this;
  }

  /**
   * Hands the sample to the sensor unless {@code max-pending-records} are in flight. The sensor
   * answers only the records that ask; one asks once half the bound is in flight, so a healthy log
   * costs one answer per half-bound of readings.
   */
  private void record(Sample sample) {
    int max = settings.maxPendingRecords();
    if (recordsSent - recordsDone >= max) {
      skipped++;
      return;
    }
    samples++;
    if (sample.quality() == Quality.BAD) {
      bad++;
    }
    recordsSent++;
    boolean ask = !answerAwaited && recordsSent - recordsDone >= Math.max(1, max / 2);
    answerAwaited |= ask;
    sensor.tell(new Sensor.Record(sample, recordsSent, ask, recordedAdapter));
  }

  private String cause() {
    return lastError.isEmpty() ? "" : " (last error: " + lastError + ")";
  }

  /** The actor's logger, its lines marked with the sensor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(getContext().getLog(), "sensor", spec.id());
  }
}
