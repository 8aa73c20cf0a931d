package io.forelight.frms.reactor.sensor;

import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.driver.DriverContext;
import io.forelight.frms.reactor.driver.DriverException;
import io.forelight.frms.reactor.driver.SensorDriver;
import io.forelight.frms.reactor.driver.SensorDriverFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns one open sensor driver and does its blocking I/O, on a thread of its own (a pinned
 * dispatcher), so a hung device stalls nothing but itself. A device that answered nonsense is
 * reported and read again next time; any other failure also restarts the runner (closing and
 * reopening the driver) with backoff.
 */
public final class DriverRunner extends AbstractBehavior<DriverRunner.Read> {

  /** Take one raw reading; the answer carries the same request id. */
  public record Read(long requestId, ActorRef<Answer> replyTo) {}

  /** A raw value, or the error that replaced it. */
  public record Answer(long requestId, long takenAtMicros, double raw, String error) {
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

  private final SensorDriver driver;

  private DriverRunner(ActorContext<Read> context, SensorDriver driver) {
    super(context);
    this.driver = driver;
  }

  public static Behavior<Read> create(
      SensorSpec spec,
      SensorDriverFactory factory,
      DriverContext driverContext,
      ActorRef<Unavailable> sampler,
      Duration minBackoff,
      Duration maxBackoff) {
    Behavior<Read> runner =
        Behaviors.setup(
            context -> {
              try {
                return new DriverRunner(context, factory.open(spec, driverContext));
              } catch (Exception e) {
                String error = "cannot open driver " + spec.driver() + ": " + describe(e);
                sampler.tell(new Unavailable(error));
                throw new DriverFailure(error, e);
              }
            });
    return Behaviors.withMdc(
        Read.class,
        Map.of("sensor", spec.id()),
        Behaviors.supervise(runner)
            .onFailure(
                DriverFailure.class,
                SupervisorStrategy.restartWithBackoff(minBackoff, maxBackoff, 0.2)));
  }

  @Override
  public Receive<Read> createReceive() {
    return newReceiveBuilder()
        .onMessage(Read.class, this::onRead)
        .onSignal(PostStop.class, signal -> close())
        .onSignal(PreRestart.class, signal -> close())
        .build();
  }

  private Behavior<Read> onRead(Read read) {
    try {
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
      throw new DriverFailure(error, e);
    }
  }

  private Behavior<Read> close() {
    try {
      driver.close();
    } catch (Exception e) {
      getContext().getLog().warn("closing the driver failed: {}", describe(e));
    }
    return this;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
