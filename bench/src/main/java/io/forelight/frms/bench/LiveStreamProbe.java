package io.forelight.frms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forelight.frms.devstack.CoordinatorApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads one reactor's live stream ({@code GET /api/reactors/{id}/live}) on its own thread, as a
 * plain HTTP client beside the browser, and records each reading's delay from its commit ({@code
 * storedAt}) to its arrival here: the coordinator's and the connection's share of what a page
 * shows, without the browser's. Closing it ends the stream.
 */
final class LiveStreamProbe implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Percentiles delays = new Percentiles(200_000);
  private final InputStream body;
  private final Thread reader;
  private volatile boolean closed;

  LiveStreamProbe(CoordinatorApi api, String reactorId) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                api.authorized("/api/reactors/" + reactorId + "/live")
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "the live stream of " + reactorId + " answered " + response.statusCode());
    }
    body = response.body();
    reader = new Thread(this::read, "live-stream-probe");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data:")) {
          JsonNode reading = JSON.readTree(line.substring(5));
          if (reading.hasNonNull("storedAt")) {
            Instant stored = Instant.parse(reading.get("storedAt").asText());
            delays.add(System.currentTimeMillis() - stored.toEpochMilli());
          }
        }
      }
    } catch (IOException e) {
      if (!closed) {
        throw new UncheckedIOException("the live stream probe's stream broke", e);
      }
    }
  }

  /** Delays from commit to arrival (ms) so far. */
  Percentiles delays() {
    return delays;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    reader.interrupt();
    body.close();
  }
}
