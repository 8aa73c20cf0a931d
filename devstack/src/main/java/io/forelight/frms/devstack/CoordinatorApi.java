package io.forelight.frms.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small client of a coordinator's HTTP API, for the demo and the end-to-end tests. */
public final class CoordinatorApi {

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ObjectMapper json = new ObjectMapper();

  public CoordinatorApi(int httpPort) {
    this("127.0.0.1", httpPort);
  }

  public CoordinatorApi(String host, int httpPort) {
    this.base = "http://" + host + ":" + httpPort;
  }

  public String base() {
    return base;
  }

  /** The JSON body of a GET answered 200, or empty if the node does not answer (yet). */
  public Optional<JsonNode> get(String path) {
    try {
      HttpResponse<String> response = raw(path);
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.of(json.readTree(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Status code and body of a GET, for checking errors. */
  public HttpResponse<String> raw(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  /** POSTs a JSON body; returns status and body. */
  public HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** POSTs a JSON body as the user named in X-FRMS-User; returns status and body. */
  public HttpResponse<String> post(String path, String json, String user)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header("X-FRMS-User", user)
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** DELETEs a resource; returns status and body. */
  public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Latest stored readings of a reactor, as returned by /api/reactors/{id}/latest. */
  public Optional<JsonNode> latest(String reactorId) {
    return get("/api/reactors/" + reactorId + "/latest");
  }
}
