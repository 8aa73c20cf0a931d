package io.forelight.frms.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What a person's browser does with the API: logs in, keeps the session cookie and the CSRF token,
 * and sends them (with its Origin) on every call, or sends a bearer token as a script would.
 * Requests can leave out the Origin or the CSRF token, as a forged cross-site request would.
 */
final class Browser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  final String base;
  String cookie;
  String csrf;
  String bearer;
  boolean sendOrigin = true;
  boolean sendCsrf = true;

  Browser(String base) {
    this.base = base;
  }

  /** The same session, opened in a tab on another coordinator. */
  Browser on(String otherBase) {
    Browser other = new Browser(otherBase);
    other.cookie = cookie;
    other.csrf = csrf;
    other.bearer = bearer;
    return other;
  }

  static Browser withToken(String base, String token) {
    Browser script = new Browser(base);
    script.bearer = token;
    return script;
  }

  /** Logs in; returns the response (201 on success, the cookie and CSRF token kept). */
  HttpResponse<String> logIn(String name, String password) {
    HttpResponse<String> response =
        send("POST", "/api/session", json(Map.of("name", name, "password", password)));
    if (response.statusCode() == 201) {
      cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
      csrf = body(response).path("csrfToken").asText();
    }
    return response;
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  HttpResponse<String> send(String method, String path, String body) {
    return send(method, path, body, HttpResponse.BodyHandlers.ofString());
  }

  /** Only the status of a call (the body is not read: a live stream answers too). */
  int status(String method, String path, String body) {
    HttpResponse<java.io.InputStream> response =
        send(method, path, body, HttpResponse.BodyHandlers.ofInputStream());
    try {
      response.body().close();
      return response.statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> HttpResponse<T> send(
      String method, String path, String body, HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (sendOrigin && !method.equals("GET")) {
      request.header("Origin", base);
    }
    if (sendCsrf && csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return HTTP.send(request.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
