package io.forelight.frms.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.live.LiveReadings;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code GET /api/reactors/{id}/live}: Server-Sent Events, one {@code reading} event (JSON) per
 * reading of the reactor as it is stored, and a heartbeat comment every 15 s. A browser that
 * reconnects sends the last event's id ({@code Last-Event-ID}) and first gets what was stored
 * meanwhile ({@link LiveResume}). A client that reads too slowly loses the oldest events of its own
 * stream (at most 1,000 batches of its reactor wait); storage never waits for a viewer. At most
 * {@link #MAX_STREAMS} are open on a node at once: one more gets 429 and the reason.
 */
final class LiveRoutes extends AllDirectives {

  /** Batches of the stream's reactor waiting for a slow client. */
  private static final int BUFFER = 1000;

  /** Live streams one node serves at once (each holds at most {@link #BUFFER} batches). */
  static final int MAX_STREAMS = 256;

  private final StreamGate gate = new StreamGate(MAX_STREAMS);

  private final FleetRoutes fleet;
  private final LiveReadings live;
  private final LiveResume resume;

  LiveRoutes(FleetRoutes fleet, LiveReadings live, HistoryStore store) {
    this.fleet = fleet;
    this.live = live;
    this.resume = new LiveResume(fleet, store);
  }

  Route routes() {
    return path(
        PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("live"),
        id ->
            get(
                () ->
                    optionalHeaderValueByName(
                        "Last-Event-ID",
                        lastEventId ->
                            onSuccess(
                                fleet.known(id),
                                entry ->
                                    gate.full()
                                        ? ApiErrors.error(
                                            StatusCodes.TOO_MANY_REQUESTS, gate.refusal())
                                        : completeOK(
                                            events(id, LiveResume.after(lastEventId)),
                                            EventStreamMarshalling.toEventStream())))));
  }

  /**
   * The backfill (when resuming) then the live readings. Both are materialized at once, so the live
   * subscription holds what is stored while the backfill is read; each reading goes out once.
   */
  private Source<ServerSentEvent, NotUsed> events(String reactorId, Optional<Long> after) {
    Source<LiveResume.Item, NotUsed> backfill =
        after.map(micros -> resume.since(reactorId, micros)).orElse(Source.empty());
    return backfill
        .concat(live(reactorId))
        .<LiveResume.Dedup, Optional<ServerSentEvent>>statefulMap(
            () -> new LiveResume.Dedup(after.orElse(0L)),
            (dedup, item) ->
                Pair.create(
                    dedup,
                    dedup.firstTime(item)
                        ? Optional.of(event(item, dedup))
                        : Optional.<ServerSentEvent>empty()),
            dedup -> Optional.empty())
        .filter(Optional::isPresent)
        .map(Optional::get)
        .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat);
  }

  /** The reading's JSON with {@code storedAt} (null when unknown). */
  private static ServerSentEvent event(LiveResume.Item item, LiveResume.Dedup sent) {
    ObjectNode reading = Json.MAPPER.valueToTree(item.view());
    reading.put(
        "storedAt", item.storedAtMicros() == 0 ? null : Views.instant(item.storedAtMicros()));
    return ServerSentEvent.create(
        json(reading),
        Optional.of("reading"),
        Optional.of(Long.toString(sent.newestMicros())),
        OptionalInt.empty());
  }

  private Source<LiveResume.Item, NotUsed> live(String reactorId) {
    return live.batchesOf(reactorId, BUFFER)
        .mapMaterializedValue(
            notUsed -> {
              gate.enter();
              return notUsed;
            })
        .watchTermination(
            (notUsed, done) -> {
              done.whenComplete((ok, error) -> gate.leave());
              return notUsed;
            })
        .mapConcat(
            batch ->
                batch.readings().stream()
                    .map(
                        r ->
                            new LiveResume.Item(
                                Views.ReadingView.of(r),
                                r.takenAtMicros(),
                                batch.storedAtMicros(),
                                false))
                    .toList());
  }

  private static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
