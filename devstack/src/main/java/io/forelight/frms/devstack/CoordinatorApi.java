package io.forelight.frms.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of a coordinator's HTTP API, for the demo and the end-to-end tests. It acts as a
 * user (by default the {@link DevAdmin}): when a call is answered 401 it logs in, makes an API
 * token from that session and repeats the call with {@code Authorization: Bearer <token>}.
 */
public final class CoordinatorApi {

  private final String base;
  private final String user;
  private final String password;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ObjectMapper json = new ObjectMapper();
  private volatile String token;

  public CoordinatorApi(int httpPort) {
    this("127.0.0.1", httpPort);
  }

  public CoordinatorApi(String host, int httpPort) {
    this(host, httpPort, DevAdmin.NAME, DevAdmin.PASSWORD);
  }

  public CoordinatorApi(String host, int httpPort, String user, String password) {
    this.base = "http://" + host + ":" + httpPort;
    this.user = user;
    this.password = password;
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
    return send(() -> request(path).GET());
  }

  /** POSTs a JSON body; returns status and body. */
  public HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return send(
        () ->
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** POSTs a JSON body that must create something (201); returns what was created. */
  public JsonNode postCreated(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = post(path, body);
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body());
  }

  /** The bytes a GET answers (a download: zip, CSV); fails unless 200. */
  public byte[] download(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(
            authorized(path).timeout(Duration.ofMinutes(5)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body()));
    }
    return response.body();
  }

  /** DELETEs a resource; returns status and body. */
  public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return send(() -> request(path).DELETE());
  }

  /** A request to {@code path} carrying this client's token (logging in first if it has none). */
  public HttpRequest.Builder authorized(String path) throws IOException, InterruptedException {
    if (token == null) {
      logIn();
    }
    return request(path);
  }

  /** The API token this client uses, logging in first if need be. */
  public String token() throws IOException, InterruptedException {
    if (token == null) {
      logIn();
    }
    return token;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    String current = token;
    return current == null ? request : request.header("Authorization", "Bearer " + current);
  }

  private HttpResponse<String> send(RequestMaker request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.make().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 401) {
      logIn();
      response = http.send(request.make().build(), HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  /** Logs in as the user and makes a token for this client (once; again if it stops working). */
  private synchronized void logIn() throws IOException, InterruptedException {
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("name", user, "password", password))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 201) {
      throw new IOException(
          "login as "
              + user
              + " at "
              + base
              + " failed: "
              + login.statusCode()
              + " "
              + login.body());
    }
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    String csrf = json.readTree(login.body()).path("csrfToken").asText();
    HttpResponse<String> made =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Cookie", cookie)
                .header("Origin", base)
                .header("X-CSRF-Token", csrf)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"description\": \"devstack client\", \"lifetime\": \"1d\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (made.statusCode() != 201) {
      throw new IOException(
          "no token for " + user + " at " + base + ": " + made.statusCode() + " " + made.body());
    }
    token = json.readTree(made.body()).path("token").asText();
  }

  /** Makes a request again (a builder can be sent once). */
  @FunctionalInterface
  private interface RequestMaker {
    HttpRequest.Builder make();
  }

  /** Latest stored readings of a reactor, as returned by /api/reactors/{id}/latest. */
  public Optional<JsonNode> latest(String reactorId) {
    return get("/api/reactors/" + reactorId + "/latest");
  }
}
