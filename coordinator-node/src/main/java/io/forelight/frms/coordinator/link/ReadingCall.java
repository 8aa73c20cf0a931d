package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.OneAtATime;
import io.forelight.frms.coordinator.readings.PerSensor;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import scala.concurrent.ExecutionContext;

/**
 * A link's reading stream (see {@link ReadingPipeline} for what it does) as one grpc-java call and
 * the state of its end: asks the reactor for one batch at a time, takes room for each, joins the
 * batches admitted while a store waits for its turn or is in flight, stores one at a time (cut when
 * its turn at the node's write gate comes), checks what the store reports, acknowledges the latest
 * positions at most once per interval with one acknowledgement in flight, and fails when the
 * reactor sends nothing for the idle timeout while asked ("silence": time spent not asking, waiting
 * for room or a store, is not silence).
 *
 * <p>Everything that happens to it (a batch, the call's end, room given, a store or an
 * acknowledgement answered, a timer) runs as an event {@link OneAtATime} on {@code executor}: the
 * state needs no lock, and no stream, stage or actor of its own is kept per link. Holds its share
 * of the node's room and gives all of it back when it ends. {@link #shutdown} takes nothing more,
 * drops a batch still waiting for room and finishes what was admitted; {@link #abort} fails now.
 */
final class ReadingCall {

  private final ClientCall<StreamReadingsRequest, ReadingBatch> call;
  private final int maxReadingsPerStore;
  private final Duration acknowledgeInterval;
  private final Duration idleTimeout;
  private final ReadingPipeline.Hooks hooks;
  private final ReadingsInHand.Share held;
  private final OneAtATime events;
  private final CompletableFuture<Done> ended = new CompletableFuture<>();

  /** Sensors that sent a reading on this stream: only they are acknowledged. */
  private final PerSensor<Boolean> checked = new PerSensor<>();

  /** Admitted, waiting for the store in flight; {@code next} did not fit into it. */
  private ReadingBatch.Builder joined;

  private ReadingBatch next;
  private boolean asked;
  private boolean askingForRoom;
  private boolean storing;
  private Map<String, Long> unacknowledged;
  private boolean acknowledging;
  private Cancellable acknowledgeTimer;
  private Cancellable silenceTimer;
  private long lastAcknowledgedNanos;
  private long asks;
  private boolean callClosed;
  private boolean shuttingDown;
  private boolean finished;

  ReadingCall(
      ClientCall<StreamReadingsRequest, ReadingBatch> call,
      LinkSettings settings,
      ReadingPipeline.Hooks hooks,
      Scheduler scheduler,
      ExecutionContext executor) {
    this.call = call;
    this.maxReadingsPerStore = settings.maxReadingsPerStore();
    this.acknowledgeInterval = settings.acknowledgeInterval();
    this.idleTimeout = settings.idleTimeout();
    this.hooks = hooks;
    this.held = hooks.inHand().share();
    this.events = new OneAtATime(executor, scheduler, this::fail);
  }

  /** Sends the request and asks for the first batch. */
  void start(StreamReadingsRequest request) {
    post(
        () -> {
          call.start(new Listener(), new Metadata());
          call.sendMessage(request);
          call.halfClose();
          askIfRoom();
        });
  }

  /** Completes when the stream ends, or fails with why. */
  CompletionStage<Done> ended() {
    return ended;
  }

  /** Takes nothing more; ends once what was admitted is stored and acknowledged. */
  void shutdown() {
    post(
        () -> {
          shuttingDown = true;
          if (!callClosed) {
            call.cancel("the link closed the stream", null);
          }
          finishIfDone();
        });
  }

  /** Fails the stream now. */
  void abort(Throwable error) {
    post(() -> fail(error));
  }

  /** The call's callbacks, on its channel's event loop: each becomes an event. */
  private final class Listener extends ClientCall.Listener<ReadingBatch> {
    @Override
    public void onMessage(ReadingBatch batch) {
      post(() -> onBatch(batch));
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      post(() -> onClosed(status, trailers));
    }
  }

  private void post(Runnable event) {
    events.post(event);
  }

  private void onBatch(ReadingBatch batch) {
    if (finished) {
      return;
    }
    asked = false;
    cancel(silenceTimer);
    hooks.heard().run();
    if (batch.getProblemsCount() > 0) {
      fail(new ReadingPipeline.SensorsLeftOut(ReadingPipeline.problems(batch)));
    } else if (batch.getReadingsCount() == 0) {
      askIfRoom();
    } else {
      askingForRoom = true;
      held.take(batch.getReadingsCount()).thenRun(() -> post(() -> onAdmitted(batch)));
    }
  }

  private void onClosed(Status status, Metadata trailers) {
    callClosed = true;
    asked = false;
    cancel(silenceTimer);
    if (finished) {
      return;
    }
    if (status.isOk() || shuttingDown) {
      finishIfDone();
    } else {
      fail(status.asRuntimeException(trailers));
    }
  }

  private void onAdmitted(ReadingBatch batch) {
    if (finished) {
      return; // the share ended: what it took late went back at once
    }
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
    askIfRoom();
    finishIfDone();
  }

  /**
   * Waits for the node's turn to write, unless a store is already waiting or running; what joined
   * meanwhile goes with it ({@link #storeJoined}).
   */
  private void storeIfIdle() {
    if (storing || joined == null) {
      return;
    }
    storing = true;
    hooks
        .turn()
        .take(
            () -> {
              CompletableFuture<SensorLog.Appended> stored = new CompletableFuture<>();
              post(() -> storeJoined(stored));
              return stored;
            })
        .whenComplete(
            (appended, error) -> {
              if (error != null) {
                post(() -> fail(error)); // refused a turn, or the store failed (failed already)
              }
            });
  }

  /** The turn came: stores every batch joined by now; {@code stored} completes with the store. */
  private void storeJoined(CompletableFuture<SensorLog.Appended> stored) {
    if (finished || joined == null) {
      stored.complete(null); // the stream ended while waiting: its room went back with it
      return;
    }
    ReadingBatch batch = joined.build();
    joined = next == null ? null : next.toBuilder();
    next = null;
    CompletionStage<SensorLog.Appended> store;
    try {
      store = hooks.store().apply(batch);
    } catch (RuntimeException error) {
      store = CompletableFuture.failedFuture(error);
    }
    store.whenComplete(
        (appended, error) -> {
          held.release(batch.getReadingsCount());
          post(() -> onStored(batch, appended, error));
          if (error == null) {
            stored.complete(appended);
          } else {
            stored.completeExceptionally(error);
          }
        });
    askIfRoom();
  }

  /** Asks the reactor for its next batch unless already asked, waiting for room, or closed. */
  private void askIfRoom() {
    if (asked || askingForRoom || next != null || callClosed || shuttingDown || finished) {
      return;
    }
    asked = true;
    long ask = ++asks;
    call.request(1);
    silenceTimer = schedule(idleTimeout, () -> onSilence(ask));
  }

  /** The timer of ask number {@code ask} fired (one cancelled as it fired may still come). */
  private void onSilence(long ask) {
    if (asked && ask == asks && !finished) {
      fail(
          new TimeoutException(
              "the reactor sent nothing (no readings, no heartbeat) for "
                  + idleTimeout.toMillis()
                  + " ms while asked for more"));
    }
  }

  private void onStored(ReadingBatch batch, SensorLog.Appended appended, Throwable error) {
    if (finished) {
      return;
    }
    storing = false;
    if (error != null) {
      fail(error);
      return;
    }
    if (!appended.quarantined().isEmpty()) {
      fail(new ReadingPipeline.SensorsLeftOut(appended.quarantined()));
      return;
    }
    if (!appended.gaps().isEmpty()) {
      fail(new ReadingPipeline.GapFound(appended.gaps()));
      return;
    }
    for (var reading : batch.getReadingsList()) {
      checked.put(reading.getSensorId(), true);
    }
    Map<String, Long> positions = new HashMap<>(appended.positions());
    positions.keySet().removeIf(sensor -> !checked.contains(sensor));
    unacknowledged = positions;
    acknowledgeIfDue();
    storeIfIdle();
    askIfRoom();
    finishIfDone();
  }

  /** The latest positions, once the acknowledgement before has answered and the interval passed. */
  private void acknowledgeIfDue() {
    if (finished || acknowledging || acknowledgeTimer != null || unacknowledged == null) {
      return;
    }
    long wait = lastAcknowledgedNanos + acknowledgeInterval.toNanos() - System.nanoTime();
    if (lastAcknowledgedNanos != 0 && wait > 0) {
      acknowledgeTimer =
          schedule(
              Duration.ofNanos(wait),
              () -> {
                acknowledgeTimer = null;
                acknowledgeIfDue();
              });
      return;
    }
    Map<String, Long> positions = unacknowledged;
    unacknowledged = null;
    acknowledging = true;
    lastAcknowledgedNanos = System.nanoTime();
    hooks
        .acknowledge()
        .apply(positions)
        .whenComplete((done, error) -> post(() -> onAcknowledged(error)));
  }

  private void onAcknowledged(Throwable error) {
    if (finished) {
      return;
    }
    acknowledging = false;
    if (error != null) {
      fail(error);
      return;
    }
    acknowledgeIfDue();
    finishIfDone();
  }

  /**
   * Ends once the reactor ended the stream (or the link shut it) and everything admitted is stored
   * and acknowledged; a batch still waiting for room is stored first unless shut down.
   */
  private void finishIfDone() {
    boolean noMoreComing = shuttingDown || (callClosed && !askingForRoom);
    if (!finished
        && noMoreComing
        && joined == null
        && next == null
        && !storing
        && unacknowledged == null
        && !acknowledging) {
      stop();
      ended.complete(Done.getInstance());
    }
  }

  private void fail(Throwable error) {
    if (finished) {
      return;
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    stop();
    if (!callClosed) {
      call.cancel("the link ended the stream: " + cause.getMessage(), cause);
    }
    ended.completeExceptionally(cause);
  }

  /** Gives back the room held (and a take still waiting) and stops the timers. */
  private void stop() {
    finished = true;
    cancel(silenceTimer);
    cancel(acknowledgeTimer);
    acknowledgeTimer = null;
    held.end();
  }

  private Cancellable schedule(Duration delay, Runnable event) {
    return events.postAfter(delay, event);
  }

  private static void cancel(Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }
}
