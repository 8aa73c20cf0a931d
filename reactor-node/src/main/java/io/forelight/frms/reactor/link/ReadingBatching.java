package io.forelight.frms.reactor.link;

import io.forelight.frms.link.v1.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * How a reading stream groups what the log hands it into the batches it sends: at most {@code
 * batchSize} readings a batch and at most one batch per linger (200 ms by default). A chunk goes at
 * once when the link asks for it and the last batch left at least a linger ago, so a reactor
 * sampling once a second or less sends each reading as soon as it is logged. Otherwise it waits for
 * that linger to end, and what arrives meanwhile, or while the link is busy (marking the
 * checkpoint, a flow-control window full because the coordinator stores slowly), joins it: a
 * reactor sampling fast costs the coordinator at most one store per linger, and batches grow with
 * load. A full batch does not wait.
 */
final class ReadingBatching extends GraphStage<FlowShape<List<Reading>, List<List<Reading>>>> {

  private final Inlet<List<Reading>> in = Inlet.create("ReadingBatching.in");
  private final Outlet<List<List<Reading>>> out = Outlet.create("ReadingBatching.out");
  private final FlowShape<List<Reading>, List<List<Reading>>> shape = FlowShape.of(in, out);
  private final int batchSize;
  private final long lingerNanos;

  private ReadingBatching(int batchSize, Duration linger) {
    this.batchSize = batchSize;
    this.lingerNanos = linger.toNanos();
  }

  static Flow<List<Reading>, List<List<Reading>>, NotUsed> of(int batchSize, Duration linger) {
    return Flow.fromGraph(new ReadingBatching(batchSize, linger));
  }

  @Override
  public FlowShape<List<Reading>, List<List<Reading>>> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new Logic();
  }

  private final class Logic extends TimerGraphStageLogic {
    private List<List<Reading>> batch = new ArrayList<>();
    private int size;
    private List<Reading> held; // the chunk that did not fit in the batch
    private long lastSentNanos;
    private boolean timerSet;

    Logic() {
      super(shape);
      setHandler(
          in,
          new AbstractInHandler() {
            @Override
            public void onPush() {
              List<Reading> chunk = grab(in);
              if (size > 0 && size + chunk.size() > batchSize) {
                held = chunk;
              } else {
                batch.add(chunk);
                size += chunk.size();
                if (size < batchSize) {
                  pull(in);
                }
              }
              send();
            }

            @Override
            public void onUpstreamFinish() {
              if (batch.isEmpty()) {
                completeStage();
              }
            }
          });
      setHandler(
          out,
          new AbstractOutHandler() {
            @Override
            public void onPull() {
              send();
            }
          });
    }

    @Override
    public void preStart() {
      lastSentNanos = System.nanoTime() - lingerNanos;
      pull(in);
    }

    @Override
    public void onTimer(Object key) {
      timerSet = false;
      send();
    }

    /** Sends the batch if the link asks and its linger is over (or it is full). */
    private void send() {
      if (batch.isEmpty() || !isAvailable(out)) {
        return;
      }
      long now = System.nanoTime();
      long wait = size >= batchSize || held != null ? 0 : lastSentNanos + lingerNanos - now;
      if (wait > 0) {
        if (!timerSet) {
          scheduleOnce("linger", Duration.ofNanos(wait));
          timerSet = true;
        }
        return;
      }
      push(out, batch);
      lastSentNanos = now;
      batch = new ArrayList<>();
      size = 0;
      if (held != null) {
        batch.add(held);
        size = held.size();
        held = null;
      }
      if (isClosed(in)) {
        if (batch.isEmpty()) {
          completeStage();
        }
      } else if (!hasBeenPulled(in) && size < batchSize) {
        pull(in);
      }
    }
  }
}
