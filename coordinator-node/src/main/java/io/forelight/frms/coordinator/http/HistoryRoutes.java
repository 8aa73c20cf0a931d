package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.history.Buckets;
import io.forelight.frms.coordinator.history.Completeness;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.readings.JournalAudit;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code GET /api/reactors/{id}/sensors/{sensor}/history?from=..&to=..[&buckets=N]}: a sensor's
 * stored readings over a time range (ISO-8601 instants; default the last hour), raw or as N
 * min/mean/max buckets; and {@code GET /api/reactors/{id}/completeness[?source=journal]}: per
 * sensor, the first and last sequence number stored, the count, and any gaps or duplicates, in the
 * history read model (default) or in the SensorLog journal itself (an audit that reads it whole).
 */
final class HistoryRoutes extends AllDirectives {

  static final int MAX_POINTS = 100_000;
  static final int MAX_BUCKETS = 10_000;
  static final Duration MAX_RANGE = Duration.ofDays(366);

  private final ActorSystem<?> system;
  private final FleetRoutes fleet;
  private final HistoryStore store;
  private final CurrentEventsByPersistenceIdQuery journal;

  HistoryRoutes(
      ActorSystem<?> system,
      FleetRoutes fleet,
      HistoryStore store,
      CurrentEventsByPersistenceIdQuery journal) {
    this.system = system;
    this.fleet = fleet;
    this.store = store;
    this.journal = journal;
  }

  Route routes() {
    return concat(
        path(
            PathMatchers.segment("reactors")
                .slash(PathMatchers.segment())
                .slash("sensors")
                .slash(PathMatchers.segment())
                .slash("history"),
            (id, sensor) ->
                get(
                    () ->
                        parameterOptional(
                            "from",
                            from ->
                                parameterOptional(
                                    "to",
                                    to ->
                                        parameterOptional(
                                            "buckets",
                                            buckets ->
                                                onSuccess(
                                                    history(id, sensor, from, to, buckets),
                                                    view ->
                                                        completeOK(view, Json.marshaller()))))))),
        path(
            PathMatchers.segment("reactors").slash(PathMatchers.segment()).slash("completeness"),
            id ->
                get(
                    () ->
                        parameterOptional(
                            "source",
                            source ->
                                onSuccess(
                                    completeness(id, source),
                                    view -> completeOK(view, Json.marshaller()))))));
  }

  private CompletionStage<Object> history(
      String id,
      String sensor,
      Optional<String> fromText,
      Optional<String> toText,
      Optional<String> bucketsText) {
    Instant to = toText.map(t -> instant("to", t)).orElse(Instant.now());
    Instant from = fromText.map(t -> instant("from", t)).orElse(to.minus(Duration.ofHours(1)));
    if (!from.isBefore(to)) {
      throw new BadRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new BadRequest("a range is at most 366 days");
    }
    Optional<Integer> buckets = bucketsText.map(HistoryRoutes::buckets);
    long fromMicros = micros(from);
    long toMicros = micros(to);
    return fleet
        .readable(id)
        .thenCompose(readable -> store.days(id, sensor))
        .thenCompose(
            days -> {
              if (days.isEmpty()) {
                throw new NotFound(
                    "sensor '" + sensor + "' of reactor " + id + " has no stored readings");
              }
              if (buckets.isPresent()) {
                Buckets aggregate = new Buckets(fromMicros, toMicros, buckets.get());
                return store
                    .points(id, sensor, fromMicros, toMicros)
                    .runForeach(p -> aggregate.add(p.takenAtMicros(), p.value()), system)
                    .thenApply(
                        done ->
                            new Views.BucketsView(
                                id,
                                sensor,
                                from.toString(),
                                to.toString(),
                                aggregate.result().stream().map(Views.BucketView::of).toList()));
              }
              return store
                  .points(id, sensor, fromMicros, toMicros)
                  .take(MAX_POINTS + 1L)
                  .map(Views.PointView::of)
                  .runWith(Sink.seq(), system)
                  .thenApply(
                      points -> {
                        if (points.size() > MAX_POINTS) {
                          throw new BadRequest(
                              "more than "
                                  + MAX_POINTS
                                  + " points in this range: ask for buckets=N or a shorter range");
                        }
                        return new Views.PointsView(
                            id, sensor, from.toString(), to.toString(), points);
                      });
            });
  }

  private CompletionStage<Views.CompletenessView> completeness(String id, Optional<String> source) {
    boolean fromJournal =
        switch (source.orElse("history")) {
          case "history" -> false;
          case "journal" -> true;
          default ->
              throw new BadRequest(
                  "'source' is history (the read model, the default) or journal (the store of"
                      + " record), got '"
                      + source.get()
                      + "'");
        };
    return fleet
        .readable(id)
        .thenCompose(readable -> fleet.positions(id))
        .thenCompose(
            positions ->
                (fromJournal
                        ? JournalAudit.of(journal, id, system)
                        : historySeqs(id, positions.positions().keySet())
                            .thenApply(bySensor -> new JournalAudit.Audit(bySensor, null)))
                    .thenApply(
                        audit ->
                            new Views.CompletenessView(
                                id,
                                positions.positions().keySet().stream()
                                    .sorted()
                                    .map(
                                        sensor ->
                                            CompletenessReports.of(
                                                sensor,
                                                positions,
                                                audit.readings().getOrDefault(sensor, Map.of())))
                                    .toList(),
                                audit.events() == null
                                    ? null
                                    : Views.EventsCompleteness.of(
                                        audit.events().report("events")))));
  }

  private CompletionStage<Map<String, Map<Integer, Completeness>>> historySeqs(
      String id, Set<String> sensors) {
    Map<String, Map<Integer, Completeness>> bySensor = new HashMap<>();
    List<CompletableFuture<Done>> reads = new ArrayList<>();
    for (String sensor : sensors) {
      Map<Integer, Completeness> sequences = new ConcurrentHashMap<>();
      bySensor.put(sensor, sequences);
      reads.add(
          store
              .seqs(id, sensor)
              .runForeach(
                  stored ->
                      sequences
                          .computeIfAbsent(stored.sequence(), n -> new Completeness())
                          .add(stored.seq()),
                  system)
              .thenCompose(
                  done ->
                      store
                          .lostAtSource(id, sensor)
                          .runForeach(
                              lost ->
                                  sequences
                                      .computeIfAbsent(lost.sequence(), n -> new Completeness())
                                      .addLost(lost.range()),
                              system))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(done -> bySensor);
  }

  private static Instant instant(String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequest(
          "'"
              + name
              + "' must be an ISO-8601 instant such as 2026-11-25T08:00:00Z, got '"
              + text
              + "'");
    }
  }

  private static int buckets(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_BUCKETS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequest(
        "'buckets' must be a whole number from 1 to " + MAX_BUCKETS + ", got '" + text + "'");
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
