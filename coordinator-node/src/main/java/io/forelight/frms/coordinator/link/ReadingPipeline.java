package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.coordinator.storage.ReadingsInHand;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.SensorProblem;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading stream of one link connection: batches from the reactor are stored one at a time (the
 * SensorLog's reply is the commit); batches that arrive while a store is in flight wait and are
 * joined into one store of at most {@code max-readings-per-store} readings, so a busy coordinator
 * writes fewer, larger batches instead of falling behind. Only after a store are its positions
 * acknowledged to the reactor (the latest positions of the sensors heard from on this stream,
 * conflated while an acknowledgement is in flight, and at most one acknowledgement per interval).
 * Stores take their turn at the node's {@code WriteGate}; while a link waits, its reactor's batches
 * join (up to the bound) and the rest waits on the reactor; the store takes what joined by the time
 * its turn comes. A batch goes on only when the node has room for it ({@code ReadingsInHand}): the
 * readings a node holds unstored are bounded as a whole. Silence past the idle timeout while
 * asking, a failed store or a gap ends the stream; so does a sensor just quarantined, to stream
 * again without it, and a refused acknowledgement (a late one does not). The stream is one gRPC
 * call, {@link ReadingCall}.
 */
final class ReadingPipeline {

  private static final Logger log = LoggerFactory.getLogger(ReadingPipeline.class);

  /** Thrown into the stream when the SensorLog found a gap: start over from what is stored. */
  static final class GapFound extends RuntimeException {
    GapFound(Map<String, Long> gaps) {
      super("gap in the stream, expected next " + gaps);
    }
  }

  /**
   * Thrown into the stream when sensors were just quarantined (see SensorLog) or the reactor says a
   * sensor cannot be streamed as asked (the next connection's SensorLog.Open decides what that
   * means): the stream starts over at once, without the quarantined sensors, so the others go on
   * being stored and acknowledged.
   */
  static final class SensorsLeftOut extends RuntimeException {
    SensorsLeftOut(Map<String, String> sensors) {
      super("streaming again without " + sensors);
    }
  }

  /**
   * What the stream calls: on every batch, heartbeats included ({@code heard}); to store a batch
   * (the store itself reports what it committed, also when the stream has ended meanwhile); and to
   * acknowledge positions to the reactor.
   */
  record Hooks(
      Runnable heard,
      Turn turn,
      Function<ReadingBatch, CompletionStage<SensorLog.Appended>> store,
      Function<Map<String, Long>, CompletionStage<Done>> acknowledge,
      ReadingsInHand inHand) {}

  /**
   * Waits for the node's turn to write ({@code WriteGate}), then runs the write it is given and
   * holds the turn until the write completes. The batch is cut when the turn comes, not when the
   * link asks for it: readings that arrive while a link waits go into that store, not the next.
   */
  interface Turn {
    CompletionStage<SensorLog.Appended> take(Supplier<CompletionStage<SensorLog.Appended>> write);

    /** No gate: every write goes at once (tests). */
    Turn NONE = Supplier::get;
  }

  private ReadingPipeline() {}

  /** Starts the stream of {@code request} on {@code client}: see {@link ReadingCall#ended}. */
  static ReadingCall run(
      LinkClient client,
      StreamReadingsRequest request,
      LinkSettings settings,
      Hooks hooks,
      ActorSystem<?> system) {
    String reactorId = request.getReactorId(); // not the request: kept as long as the stream
    Hooks lateAcknowledgementsAllowed =
        new Hooks(
            hooks.heard(),
            hooks.turn(),
            hooks.store(),
            positions -> lateIsNotFatal(hooks.acknowledge().apply(positions), reactorId),
            hooks.inHand());
    ReadingCall call =
        new ReadingCall(
            client.streamReadings(),
            settings,
            lateAcknowledgementsAllowed,
            system.classicSystem().scheduler(),
            system.executionContext());
    call.start(request);
    return call;
  }

  /**
   * An acknowledgement that times out does not end the stream: a starved reactor or coordinator
   * answers late, and ending the stream then (reconnect, re-describe, reopen every sensor's
   * position) added load exactly when there was none to spare (a 1,000-reactor soak lost 90 links
   * to it in a minute). The next acknowledgement carries the latest positions and covers this one;
   * meanwhile the reactor keeps the readings in its log. Any other failure (refused: this node no
   * longer holds the lease; the connection broke) still ends it.
   */
  private static CompletionStage<Done> lateIsNotFatal(
      CompletionStage<Done> acknowledgement, String reactorId) {
    return acknowledgement.exceptionallyCompose(
        error -> {
          if (timedOut(error)) {
            log.warn(
                "reactor {}: an acknowledgement timed out; the next one carries the latest"
                    + " positions",
                reactorId);
            return CompletableFuture.completedFuture(Done.getInstance());
          }
          return CompletableFuture.failedFuture(error);
        });
  }

  private static boolean timedOut(Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    return cause instanceof TimeoutException
        || (cause instanceof StatusRuntimeException status
            && status.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED);
  }

  static Map<String, String> problems(ReadingBatch batch) {
    Map<String, String> bySensor = new HashMap<>();
    for (SensorProblem problem : batch.getProblemsList()) {
      bySensor.put(problem.getSensorId(), problem.getReason());
    }
    return bySensor;
  }
}
