package io.forelight.frms.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.forelight.frms.coordinator.live.LiveReadings;
import io.forelight.frms.coordinator.live.LiveReadings.LiveBatch;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * {@code GET /api/reactors/{id}/live}: Server-Sent Events, one {@code reading} event (JSON) per
 * reading of the reactor as it is stored, and a heartbeat comment every 15 s. A client that reads
 * too slowly loses the oldest events of its own stream (at most 1,000 wait); storage never waits
 * for a viewer. At most {@link #MAX_STREAMS} are open on a node at once: one more gets 429 and the
 * reason.
 */
final class LiveRoutes extends AllDirectives {

  private static final int BUFFER = 1000;

  /** Live streams one node serves at once (each holds at most {@link #BUFFER} readings). */
  static final int MAX_STREAMS = 256;

  private final StreamGate gate = new StreamGate(MAX_STREAMS);

  private final FleetRoutes fleet;
  private final LiveReadings live;

  LiveRoutes(FleetRoutes fleet, LiveReadings live) {
    this.fleet = fleet;
    this.live = live;
  }

  Route routes() {
    return path(
        PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("live"),
        id ->
            get(
                () ->
                    onSuccess(
                        fleet.known(id),
                        entry ->
                            gate.full()
                                ? ApiErrors.error(StatusCodes.TOO_MANY_REQUESTS, gate.refusal())
                                : completeOK(events(id), EventStreamMarshalling.toEventStream()))));
  }

  private Source<ServerSentEvent, NotUsed> events(String reactorId) {
    ActorRef<Topic.Command<LiveBatch>> topic = live.topic(reactorId);
    return ActorSource.<LiveBatch>actorRef(
            message -> false, message -> Optional.empty(), BUFFER, OverflowStrategy.dropHead())
        .mapMaterializedValue(
            subscriber -> {
              topic.tell(Topic.subscribe(subscriber));
              gate.enter();
              return subscriber;
            })
        .watchTermination(
            (subscriber, done) -> {
              done.whenComplete(
                  (ok, error) -> {
                    gate.leave();
                    topic.tell(Topic.unsubscribe(subscriber));
                  });
              return NotUsed.notUsed();
            })
        .mapConcat(LiveBatch::readings)
        .map(reading -> ServerSentEvent.create(json(Views.ReadingView.of(reading)), "reading"))
        .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat);
  }

  private static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
