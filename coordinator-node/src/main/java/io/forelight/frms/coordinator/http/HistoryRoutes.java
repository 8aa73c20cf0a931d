package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.history.BucketedHistory;
import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.history.StoredCompleteness;
import io.forelight.frms.coordinator.readings.JournalAudit;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code GET /api/reactors/{id}/sensors/{sensor}/history?from=..&to=..[&buckets=N]}: a sensor's
 * stored readings over a time range (ISO-8601 instants; default the last hour), raw or as about N
 * min/mean/max buckets ({@link BucketedHistory}: cut at whole minutes for long ranges); and {@code
 * GET /api/reactors/{id}/completeness[?source=rows|journal]}: per sensor, the first and last
 * sequence number stored, the count, and any gaps or duplicates: from the ranges the history writer
 * keeps (default: a few rows per sensor), from every row of the read model, or from the SensorLog
 * journal itself (both audits that read it whole).
 */
final class HistoryRoutes extends AllDirectives {

  static final int MAX_POINTS = 100_000;
  static final int MAX_BUCKETS = 10_000;
  static final Duration MAX_RANGE = Duration.ofDays(366);

  private final ActorSystem<?> system;
  private final FleetRoutes fleet;
  private final HistoryStore store;
  private final StoredCompleteness stored;
  private final CurrentEventsByPersistenceIdQuery journal;

  HistoryRoutes(
      ActorSystem<?> system,
      FleetRoutes fleet,
      HistoryStore store,
      CurrentEventsByPersistenceIdQuery journal) {
    this.system = system;
    this.fleet = fleet;
    this.store = store;
    this.stored = new StoredCompleteness(store, system);
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
                return BucketedHistory.of(
                        store, id, sensor, fromMicros, toMicros, buckets.get(), system)
                    .thenApply(
                        result ->
                            new Views.BucketsView(
                                id,
                                sensor,
                                from.toString(),
                                to.toString(),
                                result.stream().map(Views.BucketView::of).toList()));
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
    String from = source.orElse("history");
    if (!List.of("history", "rows", "journal").contains(from)) {
      throw new BadRequest(
          "'source' is history (the read model's stored ranges, the default), rows (every row of"
              + " the read model, read whole) or journal (the store of record, read whole), got '"
              + from
              + "'");
    }
    boolean fromJournal = from.equals("journal");
    return fleet
        .readable(id)
        .thenCompose(readable -> fleet.positions(id))
        .thenCompose(
            positions ->
                (fromJournal
                        ? JournalAudit.of(journal, id, system)
                        : (from.equals("rows")
                                ? stored.scanned(id, positions.positions().keySet())
                                : stored.fromRanges(id, positions))
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

  static Instant instant(String name, String text) {
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

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
