package io.forelight.frms.coordinator.link;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * Fails the stream when the reactor sends nothing for {@code timeout} while the link asks for more.
 * Unlike {@code idleTimeout}, time the link spends not asking (waiting its turn to store, see
 * {@code WriteGate}) is not silence: a busy coordinator must not take a live reactor for a dead
 * one.
 */
final class SilenceTimeout<T> extends GraphStage<FlowShape<T, T>> {

  private static final String TIMER = "silence";

  private final Inlet<T> in = Inlet.create("SilenceTimeout.in");
  private final Outlet<T> out = Outlet.create("SilenceTimeout.out");
  private final FlowShape<T, T> shape = FlowShape.of(in, out);
  private final Duration timeout;

  SilenceTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public FlowShape<T, T> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new TimerGraphStageLogic(shape) {
      {
        setHandler(
            in,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                cancelTimer(TIMER);
                push(out, grab(in));
              }
            });
        setHandler(
            out,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                pull(in);
                scheduleOnce(TIMER, timeout);
              }
            });
      }

      @Override
      public void onTimer(Object key) {
        failStage(
            new TimeoutException(
                "the reactor sent nothing (no readings, no heartbeat) for "
                    + timeout.toMillis()
                    + " ms while asked for more"));
      }
    };
  }
}
