package io.forelight.frms.reactor.sensor;

import io.forelight.frms.node.Logs;
import io.forelight.frms.reactor.calibration.CalibrationPoint;
import io.forelight.frms.reactor.calibration.ProbeState;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.DriverException;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
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
 * Owns one open sensor driver and does its blocking I/O, on a thread of its own (a pinned
 * dispatcher), so a hung device stalls nothing but itself. A device that answered nonsense is
 * reported and read again next time; any other failure also restarts the runner (closing and
 * reopening the driver) with backoff.
 */
public final class DriverRunner extends AbstractBehavior<DriverRunner.Request> {

  /** What the runner does with its driver, one at a time. */
  public sealed interface Request permits Read, Calibrate {}

  /**
   * Take one raw reading, compensated at {@code celsius} if the driver compensates (NaN: the
   * liquid's temperature is not known); the answer carries the same request id.
   */
  public record Read(long requestId, double celsius, ActorRef<Answer> replyTo) implements Request {}

  /** Send one calibration point to the probe. */
  public record Calibrate(CalibrationPoint point, double value, ActorRef<Calibrated> replyTo)
      implements Request {}

  /** What the probe holds after the point, or the error that stopped it. */
  public record Calibrated(ProbeState probe, String error) {}

  /** A raw value, or the error that replaced it. */
  public record Answer(long requestId, long takenAtMicros, double raw, String error)
      implements Sampler.Command {
    boolean failed() {
      return error != null;
    }
  }

  /** Told to the sampler when the driver cannot even be opened. */
  public record Unavailable(String error) {}

  /** Restarts the runner; thrown after the failure was answered to the sampler. */
  static final class DriverFailure extends RuntimeException {
    DriverFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String sensorId;
  private final SensorDriver driver;

  private DriverRunner(ActorContext<Request> context, String sensorId, SensorDriver driver) {
    super(context);
    this.sensorId = sensorId;
    this.driver = driver;
  }

  public static Behavior<Request> create(
      SensorSpec spec,
      SensorDriverFactory factory,
      DriverContext driverContext,
      ActorRef<Unavailable> sampler,
      Duration minBackoff,
      Duration maxBackoff) {
    Behavior<Request> runner =
        Behaviors.setup(
            context -> {
              try {
                return new DriverRunner(context, spec.id(), factory.open(spec, driverContext));
              } catch (Exception e) {
                String error = "cannot open driver " + spec.driver() + ": " + describe(e);
                sampler.tell(new Unavailable(error));
                throw new DriverFailure("sensor " + spec.id() + ": " + error, e);
              }
            });
    return Behaviors.supervise(runner)
        .onFailure(
            DriverFailure.class,
            SupervisorStrategy.restartWithBackoff(minBackoff, maxBackoff, 0.2));
  }

  @Override
  public Receive<Request> createReceive() {
    return newReceiveBuilder()
        .onMessage(Read.class, this::onRead)
        .onMessage(Calibrate.class, this::onCalibrate)
        .onSignal(PostStop.class, signal -> close())
        .onSignal(PreRestart.class, signal -> close())
        .build();
  }

  private Behavior<Request> onRead(Read read) {
    try {
      driver.compensate(read.celsius());
      double raw = driver.read();
      read.replyTo().tell(new Answer(read.requestId(), Clock.nowMicros(), raw, null));
      return this;
    } catch (DriverException e) {
      read.replyTo().tell(new Answer(read.requestId(), Clock.nowMicros(), Double.NaN, describe(e)));
      return this;
    } catch (Exception e) {
      String error = describe(e);
      read.replyTo().tell(new Answer(read.requestId(), Clock.nowMicros(), Double.NaN, error));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new DriverFailure("sensor " + sensorId + ": " + error, e);
    }
  }

  /** A failed point is answered, not thrown: the probe keeps its earlier calibration. */
  private Behavior<Request> onCalibrate(Calibrate calibrate) {
    try {
      calibrate
          .replyTo()
          .tell(new Calibrated(driver.calibrate(calibrate.point(), calibrate.value()), null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      calibrate.replyTo().tell(new Calibrated(null, "interrupted"));
    } catch (Exception e) {
      calibrate.replyTo().tell(new Calibrated(null, describe(e)));
    }
    return this;
  }

  private Behavior<Request> close() {
    try {
      driver.close();
    } catch (Exception e) {
      log().warn("closing the driver failed: {}", describe(e));
    }
    return this;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** The actor's logger, its lines marked with the sensor (see {@link Logs#about}). */
  private Logger log() {
    return Logs.about(getContext().getLog(), "sensor", sensorId);
  }
}
