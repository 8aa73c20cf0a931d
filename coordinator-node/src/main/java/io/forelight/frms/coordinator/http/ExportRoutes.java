package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.history.HistoryStore;
import io.forelight.frms.coordinator.history.ReadingsCsv;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /api/export?reactors=a,b&sensors=x,y&from=..&to=..}: every stored reading of those
 * reactors' sensors (all of a reactor's sensors when {@code sensors} is left out) in the range, as
 * {@link ReadingsCsv}: raw readings, never downsampled, streamed from Cassandra as the client reads
 * them, so an export of any size holds a bounded amount in memory.
 */
final class ExportRoutes extends AllDirectives {

  private final FleetRoutes fleet;
  private final HistoryStore store;

  ExportRoutes(FleetRoutes fleet, HistoryStore store) {
    this.fleet = fleet;
    this.store = store;
  }

  Route routes() {
    return path("export", () -> get(() -> parameterMap(this::export)));
  }

  private Route export(Map<String, String> params) {
    List<String> reactors = list(params.get("reactors"));
    if (reactors.isEmpty()) {
      throw new BadRequest("name the reactors to export: reactors=reactor-01,reactor-02");
    }
    if (params.get("from") == null || params.get("to") == null) {
      throw new BadRequest("an export needs its range: from=<ISO instant>&to=<ISO instant>");
    }
    Instant from = HistoryRoutes.instant("from", params.get("from"));
    Instant to = HistoryRoutes.instant("to", params.get("to"));
    if (!from.isBefore(to)) {
      throw new BadRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (java.time.Duration.between(from, to).compareTo(HistoryRoutes.MAX_RANGE) > 0) {
      throw new BadRequest("an export covers at most 366 days");
    }
    List<String> sensors = list(params.get("sensors"));
    long fromMicros = HistoryRoutes.micros(from);
    long toMicros = HistoryRoutes.micros(to);
    CompletionStage<Void> known =
        java.util.concurrent.CompletableFuture.allOf(
            reactors.stream()
                .map(r -> fleet.readable(r).toCompletableFuture())
                .toArray(java.util.concurrent.CompletableFuture[]::new));
    Source<ByteString, NotUsed> rows =
        ReadingsCsv.of(
            store, reactors, reactor -> sensorsOf(reactor, sensors), fromMicros, toMicros);
    return onSuccess(
        known,
        ok ->
            respondWithHeader(
                RawHeader.create(
                    "Content-Disposition",
                    "attachment; filename=\"frms-readings-"
                        + from.toString().replace(':', '-')
                        + ".csv\""),
                () ->
                    complete(
                        HttpResponse.create()
                            .withEntity(HttpEntities.create(ContentTypes.TEXT_CSV_UTF8, rows)))));
  }

  /** The sensors asked for, or every sensor the reactor has stored readings of. */
  private Source<String, NotUsed> sensorsOf(String reactor, List<String> asked) {
    return asked.isEmpty() ? fleet.storedSensors(reactor) : Source.from(asked);
  }

  private static List<String> list(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
