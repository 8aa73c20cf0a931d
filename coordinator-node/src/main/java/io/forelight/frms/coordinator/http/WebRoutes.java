package io.forelight.frms.coordinator.http;

import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The web UI's files, public like any page's: {@code GET /} is the page, {@code /ui/...} its
 * scripts and styles (classpath {@code web/}), {@code /webjars/...} the libraries from Maven
 * Central (uPlot, Pico). They hold no data: every reading, user and change comes through the
 * guarded API under {@code /api}. Each answer forbids framing, sniffing and scripts from anywhere
 * else, and is revalidated before use (so an upgrade reaches every open browser at its next load).
 */
final class WebRoutes extends AllDirectives {

  private static final List<HttpHeader> HEADERS =
      List.of(
          RawHeader.create(
              "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                  + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
          RawHeader.create("X-Content-Type-Options", "nosniff"),
          RawHeader.create("X-Frame-Options", "DENY"),
          RawHeader.create("Referrer-Policy", "same-origin"),
          // revalidate every time (cheap: ETag): a browser must not run last version's scripts
          RawHeader.create("Cache-Control", "no-cache"));

  Route routes() {
    return get(
        () ->
            respondWithHeaders(
                HEADERS,
                () ->
                    concat(
                        pathSingleSlash(() -> getFromResource("web/index.html")),
                        pathPrefix("ui", () -> getFromResourceDirectory("web")),
                        pathPrefix(
                            "webjars",
                            () -> getFromResourceDirectory("META-INF/resources/webjars")))));
  }
}
