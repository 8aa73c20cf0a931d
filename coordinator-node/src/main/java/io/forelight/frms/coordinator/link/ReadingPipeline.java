package io.forelight.frms.coordinator.link;

import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.ReadingBatch;
import io.forelight.frms.link.v1.StreamReadingsRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The reading stream of one link connection: batches from the reactor are stored one at a time (the
 * SensorLog's reply is the commit), and only then are their positions acknowledged to the reactor
 * (the latest positions, conflated while an acknowledgement is in flight). Silence past the idle
 * timeout, a failed store or a gap ends the stream.
 */
final class ReadingPipeline {

  /** Thrown into the stream when the SensorLog found a gap: start over from what is stored. */
  static final class GapFound extends RuntimeException {
    GapFound(Map<String, Long> gaps) {
      super("gap in the stream, expected next " + gaps);
    }
  }

  private ReadingPipeline() {}

  static Pair<UniqueKillSwitch, CompletionStage<Done>> run(
      ReactorLinkServiceClient client,
      StreamReadingsRequest request,
      Duration idleTimeout,
      Function<ReadingBatch, CompletionStage<SensorLog.Appended>> store,
      Consumer<SensorLog.Appended> stored,
      Function<Map<String, Long>, CompletionStage<Done>> acknowledge,
      ActorSystem<?> system) {
    return client
        .streamReadings(request)
        .idleTimeout(idleTimeout)
        .viaMat(KillSwitches.single(), Keep.right())
        .filter(batch -> batch.getReadingsCount() > 0)
        .mapAsync(1, store::apply)
        .map(
            appended -> {
              stored.accept(appended);
              if (!appended.gaps().isEmpty()) {
                throw new GapFound(appended.gaps());
              }
              return appended.positions();
            })
        .conflate((older, newer) -> newer)
        .mapAsync(1, acknowledge::apply)
        .toMat(Sink.ignore(), Keep.both())
        .run(system);
  }
}
