package io.forelight.frms.coordinator.http;

import io.forelight.frms.coordinator.audit.AuditEvent;
import io.forelight.frms.coordinator.audit.AuditReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /api/audit?reactor=&user=&from=&to=&before=&limit=&format=csv}: audit events newest
 * first ({@code limit} at most 1000 per page, default 100; {@code next} is the {@code before} of
 * the next page); as CSV, up to 100,000 events streamed. {@code GET /api/audit/verify}: checks the
 * whole hash chain and names the first broken event.
 */
final class AuditRoutes extends AllDirectives {

  static final int MAX_PAGE = 1000;
  static final int MAX_CSV = 100_000;

  record PageView(List<AuditEvent> events, Long next) {}

  private final AuditReader reader;

  AuditRoutes(AuditReader reader) {
    this.reader = reader;
  }

  Route routes() {
    return pathPrefix(
        "audit",
        () ->
            concat(
                pathEnd(
                    () ->
                        get(
                            () ->
                                parameterMap(
                                    params -> {
                                      AuditReader.Filter filter = filter(params);
                                      boolean csv = "csv".equals(params.get("format"));
                                      int limit =
                                          limit(
                                              params.get("limit"),
                                              csv ? MAX_CSV : MAX_PAGE,
                                              csv ? MAX_CSV : 100);
                                      return csv ? csv(filter, limit) : page(filter, limit);
                                    }))),
                path(
                    "verify",
                    () ->
                        get(
                            () ->
                                onSuccess(
                                    reader.verify(), v -> completeOK(v, Json.marshaller()))))));
  }

  private Route page(AuditReader.Filter filter, int limit) {
    return extractMaterializer(
        materializer ->
            onSuccess(
                reader.newestFirst(filter).take(limit).runWith(Sink.seq(), materializer),
                events ->
                    completeOK(
                        new PageView(
                            events,
                            events.size() < limit ? null : events.get(events.size() - 1).seq()),
                        Json.marshaller())));
  }

  private Route csv(AuditReader.Filter filter, int limit) {
    var lines =
        org.apache.pekko.stream.javadsl.Source.single(
                "seq,at,actor,action,target,old_value,new_value,reason,origin,prev_hash,hash\n")
            .concat(reader.newestFirst(filter).take(limit).map(AuditRoutes::csvLine))
            .map(ByteString::fromString);
    return respondWithHeader(
        RawHeader.create("Content-Disposition", "attachment; filename=\"frms-audit.csv\""),
        () ->
            complete(
                HttpResponse.create()
                    .withEntity(HttpEntities.create(ContentTypes.TEXT_CSV_UTF8, lines))));
  }

  static String csvLine(AuditEvent e) {
    return String.join(
            ",",
            Long.toString(e.seq()),
            e.at().toString(),
            cell(e.actor()),
            cell(e.action()),
            cell(e.target()),
            cell(e.oldValue()),
            cell(e.newValue()),
            cell(e.reason()),
            cell(e.origin()),
            e.prevHash(),
            e.hash())
        + "\n";
  }

  /** A CSV cell, quoted; a leading =, +, - or @ is defused so a spreadsheet runs no formula. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  private static AuditReader.Filter filter(java.util.Map<String, String> params) {
    return new AuditReader.Filter(
        params.get("reactor"),
        params.get("user"),
        instant(params, "from"),
        instant(params, "to"),
        Optional.ofNullable(params.get("before")).map(b -> number("before", b)).orElse(null));
  }

  private static Instant instant(java.util.Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequest(
          "'" + name + "' is an ISO-8601 instant (2026-12-01T08:00:00Z), got '" + value + "'");
    }
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new BadRequest("'" + name + "' is a whole number, got '" + value + "'");
    }
  }

  private static int limit(String value, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
    long limit = number("limit", value);
    if (limit < 1 || limit > max) {
      throw new BadRequest("'limit' is 1.." + max + ", got " + value);
    }
    return (int) limit;
  }
}
