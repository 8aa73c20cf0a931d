package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system end to end, from the built jars: two simulated reactor nodes, one coordinator, the
 * embedded Cassandra. Readings of every sensor of every reactor reach Cassandra and show in the
 * HTTP API, and both links report live.
 */
class WalkingSkeletonIT {

  private static final List<String> REACTORS = List.of("reactor-a", "reactor-b");

  @Test
  void readingsOfEverySensorOfEveryReactorAreStoredAndServed(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    try (Stack stack = new Stack(dir)) {
      stack.startCassandra(FreePorts.pick(), FreePorts.pick());
      Map<String, String> fleet = new LinkedHashMap<>();
      for (String id : REACTORS) {
        int port = FreePorts.pick();
        stack.startReactor(ReactorSpec.standard(id, port, "200ms"));
        fleet.put(id, "127.0.0.1:" + port);
      }
      int httpPort = FreePorts.pick();
      Stack.RunningNode coordinator =
          stack.startCoordinator(
              CoordinatorSpec.alone(
                  "coordinator",
                  httpPort,
                  stack.cassandra().contactPoint(),
                  "frms_it",
                  stack.writeFleet(fleet)));
      CoordinatorApi api = new CoordinatorApi(httpPort);

      Await.until(
          Duration.ofSeconds(120),
          () ->
              "20 stored readings per sensor; coordinator log:\n"
                  + coordinator.process().logTail(30),
          () -> REACTORS.stream().allMatch(id -> minSeq(api.latest(id)) >= 20));
      Await.until(
          Duration.ofSeconds(30),
          "both links live",
          () ->
              api.get("/api/reactors")
                  .map(
                      json -> {
                        int live = 0;
                        for (JsonNode reactor : json.path("reactors")) {
                          live += reactor.path("link").asText().equals("live") ? 1 : 0;
                        }
                        return live == REACTORS.size();
                      })
                  .orElse(false));
      for (String id : REACTORS) {
        JsonNode latest = api.latest(id).orElseThrow();
        assertEquals(3, latest.path("sensors").size(), id + " has its three sensors");
      }
      assertHistoryAndCompleteness(api, "reactor-a");
      assertLiveReadingsArrive(api, "reactor-b");
      assertResumedStreamHasNoGap(api, "reactor-a");
    }
  }

  /**
   * Buckets over the last ten minutes hold every stored reading; completeness finds no gap, in the
   * read model and in the journal.
   */
  private static void assertHistoryAndCompleteness(CoordinatorApi api, String reactor)
      throws Exception {
    Instant to = Instant.now().plusSeconds(60);
    Instant from = to.minusSeconds(660);
    String query = "?from=" + from + "&to=" + to;
    Await.until(
        Duration.ofSeconds(30),
        "history holds as many readings as the journal",
        () -> {
          // A query that does not answer 200 in time (a busy machine) is asked again.
          JsonNode completeness =
              api.get("/api/reactors/" + reactor + "/completeness")
                  .map(c -> c.path("sensors").get(2))
                  .orElse(null);
          JsonNode raw = api.get(historyPath(reactor, "temperature") + query).orElse(null);
          JsonNode buckets =
              api.get(historyPath(reactor, "temperature") + query + "&buckets=20").orElse(null);
          if (completeness == null || raw == null || buckets == null) {
            return false;
          }
          long inBuckets = 0;
          for (JsonNode bucket : buckets.path("buckets")) {
            inBuckets += bucket.path("count").asLong() + bucket.path("bad").asLong();
          }
          return completeness.path("complete").asBoolean()
              && buckets.path("buckets").size() == 20
              && raw.path("points").size() == completeness.path("count").asLong()
              && inBuckets == completeness.path("count").asLong();
        });
    for (JsonNode sensor :
        api.get("/api/reactors/" + reactor + "/completeness?source=journal")
            .orElseThrow()
            .path("sensors")) {
      assertTrue(sensor.path("complete").asBoolean(), "the journal holds each once: " + sensor);
    }
    HttpResponse<String> wrong = api.raw("/api/reactors/" + reactor + "/completeness?source=x");
    assertEquals(400, wrong.statusCode());
    assertTrue(wrong.body().contains("'source' is history"), wrong.body());
  }

  private static String historyPath(String reactor, String sensor) {
    return "/api/reactors/" + reactor + "/sensors/" + sensor + "/history";
  }

  /** The live stream pushes readings of the reactor as they are stored. */
  private static void assertLiveReadingsArrive(CoordinatorApi api, String reactor) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request;
    try {
      request =
          api.authorized("/api/reactors/" + reactor + "/live")
              .timeout(Duration.ofSeconds(30))
              .build();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot log in to " + api.base(), e);
    }
    try (Stream<String> lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
      List<String> data = lines.filter(line -> line.startsWith("data:")).limit(5).toList();
      assertEquals(5, data.size());
      for (String line : data) {
        JsonNode reading = new ObjectMapper().readTree(line.substring(5));
        assertTrue(reading.path("seq").asLong() > 0, line);
        assertTrue(
            List.of("temperature", "dissolved-oxygen", "ph")
                .contains(reading.path("sensorId").asText()),
            line);
      }
    } catch (Exception e) {
      throw new AssertionError("live stream of " + reactor + ": " + e, e);
    }
  }

  /**
   * A live stream resumed with {@code Last-Event-ID} (a page that reconnects) first sends every
   * reading stored after that time, then the live ones: each temperature reading once, in order,
   * from the first stored after the id; event ids never go back.
   */
  private static void assertResumedStreamHasNoGap(CoordinatorApi api, String reactor)
      throws Exception {
    long afterMicros = (System.currentTimeMillis() - 20_000) * 1000;
    Instant after = Instant.ofEpochSecond(0, afterMicros * 1000);
    JsonNode stored =
        api.get(historyPath(reactor, "temperature") + "?from=" + after.plusNanos(1000))
            .orElseThrow()
            .path("points");
    assertTrue(stored.size() >= 10, "readings of the last 20 s: " + stored);
    long firstSeq = stored.get(0).path("seq").asLong();
    long liveSeq = stored.get(stored.size() - 1).path("seq").asLong() + 3;

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        api.authorized("/api/reactors/" + reactor + "/live")
            .header("Last-Event-ID", Long.toString(afterMicros))
            .timeout(Duration.ofSeconds(30))
            .build();
    List<Long> seqs = new java.util.ArrayList<>();
    long lastId = afterMicros;
    try (Stream<String> lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
      var it = lines.iterator();
      while (it.hasNext() && (seqs.isEmpty() || seqs.get(seqs.size() - 1) < liveSeq)) {
        String line = it.next();
        if (line.startsWith("id:")) {
          long id = Long.parseLong(line.substring(3).strip());
          assertTrue(id >= lastId, "event ids never go back: " + id + " after " + lastId);
          lastId = id;
        } else if (line.startsWith("data:")) {
          JsonNode reading = new ObjectMapper().readTree(line.substring(5));
          if (reading.path("sensorId").asText().equals("temperature")) {
            seqs.add(reading.path("seq").asLong());
          }
        }
      }
    }
    assertEquals(firstSeq, seqs.get(0), "the first reading after the id comes first: " + seqs);
    for (int i = 1; i < seqs.size(); i++) {
      assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "no gap, no duplicate: " + seqs);
    }
  }

  private static long minSeq(Optional<JsonNode> latest) {
    if (latest.isEmpty() || latest.get().path("sensors").size() < 3) {
      return 0;
    }
    long min = Long.MAX_VALUE;
    for (JsonNode sensor : latest.get().path("sensors")) {
      min = Math.min(min, sensor.path("seq").asLong());
    }
    return min;
  }
}
