package io.forelight.frms.reactor.actuator;

import io.forelight.frms.node.Logs;
import io.forelight.frms.reactor.config.ActuatorKind;
import io.forelight.frms.reactor.config.ActuatorLimits;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.control.TimeProportioning;
import io.forelight.frms.reactor.driver.DriverContext;
import java.time.Duration;
import java.util.Locale;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;

/**
 * One output (heater, stirrer, valve, pump) and the only thing that touches its driver. It keeps
 * the limits of its {@link ActuatorSpec} whatever it is asked: levels are capped at max-duty, an
 * on/off output is time-proportioned over its cycle and never switched on sooner than min-off-time
 * after it went off, a dosing pump never exceeds its hourly and per-run doses. It starts off, goes
 * off on {@link Safe}, when it stops, and when its driver fails (then it restarts with backoff and
 * reopens the driver). Runs on a thread of its own: a hung GPIO blocks nothing else.
 */
public final class Actuator extends AbstractBehavior<Actuator.Command> {

  public sealed interface Command permits Drive, Dose, Safe, CycleStart, PulseEnd {}

  /** Hold this level (0..1) from now on; for heaters, stirrers, valves and air pumps. */
  public record Drive(double level) implements Command {}

  /** Pump this many mL now; for dosing pumps. */
  public record Dose(double ml) implements Command {}

  /** Go to the safe state (off) until the next Drive or Dose, for this reason. */
  public record Safe(String why) implements Command {}

  private enum CycleStart implements Command {
    INSTANCE
  }

  private enum PulseEnd implements Command {
    INSTANCE
  }

  private final ActuatorSpec spec;
  private final ActuatorLimits limits;
  private final ActuatorDriver driver;
  private final ActuatorStatus status;
  private final TimerScheduler<Command> timers;
  private final TimeProportioning proportioning;
  private final DoseBook doses = new DoseBook();
  private double level;
  private boolean on;
  private long offSinceNanos = System.nanoTime() - Duration.ofDays(1).toNanos();
  private double owedMl;

  private Actuator(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ActuatorSpec spec,
      ActuatorDriver driver,
      ActuatorStatus status) {
    super(context);
    this.spec = spec;
    this.limits = spec.limits();
    this.driver = driver;
    this.status = status;
    this.timers = timers;
    this.proportioning = new TimeProportioning(limits.cycle(), limits.minPulse());
    status.madeSafe("starting");
    if (driver.onOff() && spec.kind() != ActuatorKind.DOSING_PUMP) {
      timers.startTimerAtFixedRate(CycleStart.INSTANCE, limits.cycle());
    }
  }

  /**
   * The actuator with its driver opened by {@code factory}; restarted with backoff when the driver
   * fails to open or to set.
   */
  public static Behavior<Command> create(
      ActuatorSpec spec,
      ActuatorDriverFactory factory,
      DriverContext driverContext,
      ActuatorStatus status) {
    Behavior<Command> opened =
        Behaviors.setup(
            context ->
                Behaviors.withTimers(
                    timers -> {
                      ActuatorDriver driver;
                      try {
                        driver = factory.open(spec, driverContext);
                        driver.set(0);
                      } catch (Exception e) {
                        status.fault("cannot open driver " + spec.driver() + ": " + message(e));
                        status.madeSafe("driver fault");
                        throw new ActuatorFault(status.fault(), e);
                      }
                      return new Actuator(context, timers, spec, driver, status);
                    }));
    return Behaviors.supervise(opened)
        .onFailure(
            ActuatorFault.class,
            SupervisorStrategy.restartWithBackoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Drive.class, this::onDrive)
        .onMessage(Dose.class, this::onDose)
        .onMessage(Safe.class, this::onSafe)
        .onMessage(CycleStart.class, c -> onCycleStart())
        .onMessage(PulseEnd.class, p -> switchOff())
        .onSignal(PreRestart.class, s -> closeSafely("restarting after a driver fault"))
        .onSignal(PostStop.class, s -> closeSafely("stopped"))
        .build();
  }

  private Behavior<Command> onDrive(Drive drive) {
    if (spec.kind() == ActuatorKind.DOSING_PUMP) {
      return this;
    }
    level = Math.max(0, Math.min(limits.maxDuty(), drive.level()));
    status.driving(level);
    if (!driver.onOff()) {
      output(level);
    }
    return this;
  }

  private Behavior<Command> onCycleStart() {
    Duration onTime = proportioning.onTime(level);
    if (onTime.isZero() || status.safe()) {
      return switchOff();
    }
    if (!on && System.nanoTime() - offSinceNanos < limits.minOffTime().toNanos()) {
      return this; // off too recently: this cycle stays off
    }
    output(1);
    if (onTime.compareTo(limits.cycle()) < 0) {
      timers.startSingleTimer(PulseEnd.INSTANCE, onTime);
    }
    return this;
  }

  private Behavior<Command> onDose(Dose dose) {
    if (spec.kind() != ActuatorKind.DOSING_PUMP || !(dose.ml() > 0)) {
      return this;
    }
    owedMl += dose.ml();
    double pulseMl = Math.min(owedMl, limits.mlPerSecond() * limits.cycle().toNanos() / 1e9);
    if (on || pulseMl / limits.mlPerSecond() < limits.minPulse().toNanos() / 1e9) {
      return this; // still pumping, or too little for one pulse yet: owed to the next dose
    }
    long now = System.nanoTime();
    if (now - offSinceNanos < limits.minOffTime().toNanos()) {
      return this;
    }
    double lastHour = doses.lastHour(now);
    if (lastHour + pulseMl > limits.maxDosePerHourMl()
        || doses.total() + pulseMl > limits.maxDosePerRunMl()) {
      owedMl = 0;
      status.fault(
          String.format(
              Locale.ROOT,
              "dose of %.2f mL refused: %.2f mL in the last hour (max %.2f), %.2f mL this run"
                  + " (max %.2f)",
              pulseMl,
              lastHour,
              limits.maxDosePerHourMl(),
              doses.total(),
              limits.maxDosePerRunMl()));
      return this;
    }
    owedMl -= pulseMl;
    doses.add(now, pulseMl);
    status.dosed(doses.lastHour(now), doses.total());
    status.driving(1);
    output(1);
    timers.startSingleTimer(
        PulseEnd.INSTANCE, Duration.ofNanos((long) (pulseMl / limits.mlPerSecond() * 1e9)));
    return this;
  }

  private Behavior<Command> onSafe(Safe safe) {
    level = 0;
    owedMl = 0;
    timers.cancel(PulseEnd.INSTANCE);
    status.madeSafe(safe.why());
    output(0);
    return this;
  }

  private Behavior<Command> switchOff() {
    output(0);
    if (spec.kind() == ActuatorKind.DOSING_PUMP) {
      status.driving(0);
    }
    return this;
  }

  /** Sets the driver; a failure makes the output safe and restarts the actuator. */
  private void output(double value) {
    try {
      driver.set(value);
      boolean nowOn = value > 0;
      if (on && !nowOn) {
        offSinceNanos = System.nanoTime();
      }
      on = nowOn;
      status.clearFaultOfDriver();
    } catch (Exception e) {
      status.fault("driver " + spec.driver() + " failed: " + message(e));
      status.madeSafe("driver fault");
      log().warn("actuator {}: {}; going safe and reopening", spec.id(), message(e));
      throw new ActuatorFault(status.fault(), e);
    }
  }

  private Behavior<Command> closeSafely(String why) {
    try {
      driver.set(0);
      log().info("actuator {} switched off ({})", spec.id(), why);
    } catch (Exception e) {
      log().error("actuator {}: cannot switch off: {}", spec.id(), message(e));
    }
    try {
      driver.close();
    } catch (Exception e) {
      log().warn("actuator {}: closing the driver: {}", spec.id(), message(e));
    }
    status.madeSafe(why);
    return this;
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** A driver failure: the supervisor restarts the actuator, which reopens the driver. */
  static final class ActuatorFault extends RuntimeException {
    ActuatorFault(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The actor's logger, its lines marked with the actuator (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(getContext().getLog(), "actuator", spec.id());
  }
}
