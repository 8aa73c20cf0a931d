package io.forelight.frms.coordinator.alarms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * POSTs each alarm transition as JSON to the configured URL, with {@code Idempotency-Key: <alarm
 * id>:<transition number>} (the same for a repeat): {@code {"key", "kind", "no", "at", "actor",
 * "comment", "alarm": {...}}}. A 2xx answer delivers it; anything else, or none within the timeout,
 * fails it, and its alarm entity tries again later.
 */
public final class AlarmWebhook implements Delivery {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** What the receiver gets. */
  record Notification(
      String key, String kind, int no, String at, String actor, String comment, Occurrence alarm) {}

  private final ActorSystem<?> system;
  private final String url;
  private final Duration timeout;

  public AlarmWebhook(ActorSystem<?> system, String url, Duration timeout) {
    this.system = system;
    this.url = url;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<?> deliver(Transition t) {
    byte[] body;
    try {
      body =
          JSON.writeValueAsBytes(
              new Notification(
                  t.key(), t.kind(), t.no(), t.at().toString(), t.actor(), t.comment(), t.alarm()));
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest request =
        HttpRequest.POST(url)
            .addHeader(RawHeader.create("Idempotency-Key", t.key()))
            .withEntity(ContentTypes.APPLICATION_JSON, body);
    return Http.get(system)
        .singleRequest(request)
        .thenCompose(
            response -> {
              response.discardEntityBytes(system);
              if (!response.status().isSuccess()) {
                throw new IllegalStateException(url + " answered " + response.status().intValue());
              }
              return CompletableFuture.completedFuture(response);
            })
        .toCompletableFuture()
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            error -> {
              if (error instanceof TimeoutException) {
                throw new IllegalStateException("no answer from " + url + " in " + timeout);
              }
              throw error instanceof RuntimeException r ? r : new IllegalStateException(error);
            });
  }
}
