package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.readings.PerSensor;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.link.v1.ReadingBatch;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.KillSwitch;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * The end of a link's reading stream, as one stage (see {@link ReadingPipeline} for what it does):
 * takes room for each batch, joins the batches admitted while a store is in flight, stores one at a
 * time, checks what the store reports, and acknowledges the latest positions at most once per
 * interval, one acknowledgement in flight. It was a chain of eleven stream operators; one stage
 * holds a tenth of their memory per link (a coordinator keeps one per reactor) and passes each
 * batch without a future per operator.
 *
 * <p>Holds its stream's share of the node's room ({@code held}) and gives back all of it when it
 * stops. Materializes a kill switch (shutdown: take nothing more, drop a batch still waiting for
 * room, finish what was admitted; abort: fail now) and the stream's end.
 */
final class StoringSink
    extends AbstractGraphStageWithMaterializedValue<
        SinkShape<ReadingBatch>, Pair<KillSwitch, CompletionStage<Done>>> {

  private static final String ACKNOWLEDGE_TIMER = "acknowledge";

  private final Inlet<ReadingBatch> in = Inlet.create("StoringSink.in");
  private final SinkShape<ReadingBatch> shape = SinkShape.of(in);
  private final int maxReadingsPerStore;
  private final Duration acknowledgeInterval;
  private final ReadingPipeline.Hooks hooks;
  private final ReadingsInHand.Share held;

  StoringSink(
      int maxReadingsPerStore,
      Duration acknowledgeInterval,
      ReadingPipeline.Hooks hooks,
      ReadingsInHand.Share held) {
    this.maxReadingsPerStore = maxReadingsPerStore;
    this.acknowledgeInterval = acknowledgeInterval;
    this.hooks = hooks;
    this.held = held;
  }

  @Override
  public SinkShape<ReadingBatch> shape() {
    return shape;
  }

  @Override
  public Pair<GraphStageLogic, Pair<KillSwitch, CompletionStage<Done>>>
      createLogicAndMaterializedValuePair(Attributes inheritedAttributes) {
    Logic logic = new Logic();
    return Pair.create(logic, Pair.create(logic.killSwitch, logic.ended));
  }

  /** What a store reported, or why it failed. */
  private record Stored(ReadingBatch batch, SensorLog.Appended appended, Throwable error) {}

  private final class Logic extends TimerGraphStageLogic {
    final CompletableFuture<Done> ended = new CompletableFuture<>();
    private final AsyncCallback<ReadingBatch> admitted = createAsyncCallback(this::onAdmitted);
    private final AsyncCallback<Stored> stored = createAsyncCallback(this::onStored);
    private final AsyncCallback<Optional<Throwable>> acknowledged =
        createAsyncCallback(this::onAcknowledged);
    private final AsyncCallback<Optional<Throwable>> killed = createAsyncCallback(this::onKilled);
    final KillSwitch killSwitch =
        new KillSwitch() {
          @Override
          public void shutdown() {
            killed.invoke(Optional.empty());
          }

          @Override
          public void abort(Throwable error) {
            killed.invoke(Optional.of(error));
          }
        };

    /** Sensors that sent a reading on this stream: only they are acknowledged. */
    private final PerSensor<Boolean> checked = new PerSensor<>();

    /** Admitted, waiting for the store in flight; {@code next} did not fit into it. */
    private ReadingBatch.Builder joined;

    private ReadingBatch next;
    private boolean askingForRoom;
    private boolean storing;
    private Map<String, Long> unacknowledged;
    private boolean acknowledging;
    private boolean waitingForInterval;
    private long lastAcknowledgedNanos;
    private boolean upstreamDone;
    private boolean shuttingDown;

    Logic() {
      super(shape);
      setHandler(
          in,
          new AbstractInHandler() {
            @Override
            public void onPush() {
              onBatch(grab(in));
            }

            @Override
            public void onUpstreamFinish() {
              upstreamDone = true;
              finishIfDone();
            }

            @Override
            public void onUpstreamFailure(Throwable error) {
              fail(error);
            }
          });
    }

    @Override
    public void preStart() {
      setKeepGoing(true); // stores and acknowledgements in flight outlive the inlet
      pull(in);
    }

    @Override
    public void postStop() {
      held.end(); // what was admitted and not stored, and a batch still waiting for room
      ended.completeExceptionally(
          new IllegalStateException("the link's reading stream was stopped before it ended"));
    }

    private void onBatch(ReadingBatch batch) {
      hooks.heard().run();
      if (batch.getProblemsCount() > 0) {
        fail(new ReadingPipeline.SensorsLeftOut(ReadingPipeline.problems(batch)));
      } else if (batch.getReadingsCount() == 0) {
        pull(in);
      } else {
        askingForRoom = true;
        held.take(batch.getReadingsCount()).thenRun(() -> admitted.invoke(batch));
      }
    }

    private void onAdmitted(ReadingBatch batch) {
      askingForRoom = false;
      int readings = batch.getReadingsCount();
      if (shuttingDown) {
        held.release(readings); // closing the link does not wait for room to come
        finishIfDone();
        return;
      }
      if (joined == null) {
        joined = batch.toBuilder();
      } else if (joined.getReadingsCount() + readings <= maxReadingsPerStore) {
        joined.addAllReadings(batch.getReadingsList());
      } else {
        next = batch;
      }
      storeIfIdle();
      pullIfRoom();
      finishIfDone();
    }

    private void storeIfIdle() {
      if (storing || joined == null) {
        return;
      }
      ReadingBatch batch = joined.build();
      joined = next == null ? null : next.toBuilder();
      next = null;
      storing = true;
      CompletionStage<SensorLog.Appended> store;
      try {
        store = hooks.store().apply(batch);
      } catch (RuntimeException error) {
        store = CompletableFuture.failedFuture(error);
      }
      store.whenComplete(
          (appended, error) -> {
            held.release(batch.getReadingsCount());
            stored.invoke(new Stored(batch, appended, error));
          });
    }

    private void pullIfRoom() {
      // the inlet is closed once the reactor ended the stream or the link shut it
      if (!askingForRoom && next == null && !isClosed(in) && !hasBeenPulled(in)) {
        pull(in);
      }
    }

    private void onStored(Stored outcome) {
      storing = false;
      if (outcome.error() != null) {
        fail(outcome.error());
        return;
      }
      SensorLog.Appended appended = outcome.appended();
      if (!appended.quarantined().isEmpty()) {
        fail(new ReadingPipeline.SensorsLeftOut(appended.quarantined()));
        return;
      }
      if (!appended.gaps().isEmpty()) {
        fail(new ReadingPipeline.GapFound(appended.gaps()));
        return;
      }
      for (var reading : outcome.batch().getReadingsList()) {
        if (!checked.contains(reading.getSensorId())) {
          checked.put(reading.getSensorId(), true);
        }
      }
      Map<String, Long> positions = new HashMap<>(appended.positions());
      positions.keySet().removeIf(sensor -> !checked.contains(sensor));
      unacknowledged = positions;
      acknowledgeIfDue();
      storeIfIdle();
      pullIfRoom();
      finishIfDone();
    }

    /**
     * The latest positions, once the acknowledgement before has answered and the interval passed.
     */
    private void acknowledgeIfDue() {
      if (acknowledging || waitingForInterval || unacknowledged == null) {
        return;
      }
      long wait = lastAcknowledgedNanos + acknowledgeInterval.toNanos() - System.nanoTime();
      if (lastAcknowledgedNanos != 0 && wait > 0) {
        waitingForInterval = true;
        scheduleOnce(ACKNOWLEDGE_TIMER, Duration.ofNanos(wait));
        return;
      }
      Map<String, Long> positions = unacknowledged;
      unacknowledged = null;
      acknowledging = true;
      lastAcknowledgedNanos = System.nanoTime();
      hooks
          .acknowledge()
          .apply(positions)
          .whenComplete((done, error) -> acknowledged.invoke(Optional.ofNullable(error)));
    }

    @Override
    public void onTimer(Object key) {
      waitingForInterval = false;
      acknowledgeIfDue();
    }

    private void onAcknowledged(Optional<Throwable> error) {
      acknowledging = false;
      if (error.isPresent()) {
        fail(error.get());
        return;
      }
      acknowledgeIfDue();
      finishIfDone();
    }

    private void onKilled(Optional<Throwable> error) {
      if (error.isPresent()) {
        fail(error.get());
        return;
      }
      shuttingDown = true;
      if (!isClosed(in)) {
        cancel(in);
      }
      finishIfDone();
    }

    /**
     * Ends once the reactor ended the stream (or the link shut it) and everything admitted is
     * stored and acknowledged; a batch still waiting for room is stored first unless shut down.
     */
    private void finishIfDone() {
      boolean noMoreComing = shuttingDown || (upstreamDone && !askingForRoom);
      if (noMoreComing
          && joined == null
          && next == null
          && !storing
          && unacknowledged == null
          && !acknowledging) {
        ended.complete(Done.getInstance());
        completeStage();
      }
    }

    private void fail(Throwable error) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      ended.completeExceptionally(cause);
      failStage(cause);
    }
  }
}
