package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.devkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading pipeline from the jars, ready to be broken: Cassandra, simulated reactors each behind
 * a {@link FaultProxy}, coordinators. Ends with the invariant every scenario checks: for every
 * sensor, the readings stored centrally equal the reactor's log (same sequence numbers, times,
 * values and qualities), no gap, no duplicate.
 */
final class PipelineHarness implements AutoCloseable {

  /** A reactor node, the proxy in front of its link, and its sensors. */
  record Reactor(String id, Stack.RunningNode node, FaultProxy proxy, List<String> sensors) {}

  static final List<String> SENSORS = List.of("temperature", "dissolved-oxygen", "ph");
  static final String COORDINATOR_TUNING =
      "frms.coordinator.link { redescribe-interval = 2s, idle-timeout = 6s }";

  final Stack stack;
  final Map<String, Reactor> reactors = new LinkedHashMap<>();
  final List<Stack.RunningNode> coordinators = new ArrayList<>();
  private final Path fleetFile;
  private final List<Integer> clusterPorts = new ArrayList<>();

  PipelineHarness(Path dir, int reactorCount, String interval) {
    stack = new Stack(dir);
    stack.startCassandra(FreePorts.pick(), FreePorts.pick());
    Map<String, String> fleet = new LinkedHashMap<>();
    for (int i = 1; i <= reactorCount; i++) {
      String id = "reactor-" + i;
      int port = FreePorts.pick();
      ReactorSpec standard = ReactorSpec.standard(id, port, interval);
      Stack.RunningNode node =
          stack.startReactor(
              new ReactorSpec(
                  id, port, standard.sensors(), 60.0, "readings-journal.segment-size = 512 MiB"));
      FaultProxy proxy = FaultProxy.to(port);
      reactors.put(id, new Reactor(id, node, proxy, SENSORS));
      fleet.put(id, proxy.address());
    }
    fleetFile = stack.writeFleet(fleet);
  }

  /** Starts a coordinator that joins the first one started (or itself if it is the first). */
  CoordinatorApi startCoordinator(String name) {
    int clusterPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    String seed =
        "pekko://frms@127.0.0.1:" + (clusterPorts.isEmpty() ? clusterPort : clusterPorts.get(0));
    clusterPorts.add(clusterPort);
    coordinators.add(
        stack.startCoordinator(
            new CoordinatorSpec(
                name,
                httpPort,
                FreePorts.pick(),
                clusterPort,
                List.of(seed),
                stack.cassandra().contactPoint(),
                "frms_it",
                fleetFile,
                COORDINATOR_TUNING)));
    return new CoordinatorApi(httpPort);
  }

  /** Waits until every link is live and has stored readings of every sensor. */
  void awaitFlowing(CoordinatorApi api, Duration timeout) {
    Await.until(
        timeout,
        () ->
            "all links live and storing; fleet: "
                + api.get("/api/reactors").map(JsonNode::toString).orElse("-"),
        () ->
            reactors.keySet().stream()
                .allMatch(
                    id ->
                        api.latest(id)
                                .map(l -> l.path("sensors").size() == SENSORS.size())
                                .orElse(false)
                            && "live".equals(linkStatus(api, id))));
  }

  static String linkStatus(CoordinatorApi api, String reactorId) {
    return api.get("/api/reactors")
        .map(
            fleet -> {
              for (JsonNode reactor : fleet.path("reactors")) {
                if (reactor.path("id").asText().equals(reactorId)) {
                  return reactor.path("link").asText();
                }
              }
              return "";
            })
        .orElse("");
  }

  /** Disables every sensor through the coordinator's command outbox: sampling stops. */
  void stopSampling(CoordinatorApi api) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (Reactor reactor : reactors.values()) {
      for (String sensor : reactor.sensors()) {
        String body =
            "{\"command\": {\"type\": \"set-sensor-enabled\", \"sensorId\": \""
                + sensor
                + "\", \"enabled\": false}, \"key\": \"stop-"
                + reactor.id()
                + "-"
                + sensor
                + "\", \"issuedBy\": \"test\"}";
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(api.base() + "/api/reactors/" + reactor.id() + "/commands"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
      }
    }
  }

  /**
   * Waits until every sensor is disabled on its reactor and all it logged is stored: completeness
   * reaches the last sequence number the reactor described, twice in a row.
   */
  void awaitAllStored(CoordinatorApi api, Duration timeout) {
    int[] stableRounds = {0};
    Await.until(
        timeout,
        () -> "every logged reading stored; status: " + status(api),
        () -> {
          boolean all = reactors.values().stream().allMatch(r -> caughtUp(api, r));
          stableRounds[0] = all ? stableRounds[0] + 1 : 0;
          return stableRounds[0] >= 20;
        });
  }

  private boolean caughtUp(CoordinatorApi api, Reactor reactor) {
    JsonNode info =
        api.get("/api/reactors/" + reactor.id())
            .map(s -> s.path("state").path("info"))
            .orElse(null);
    if (info == null || info.isNull()) {
      return false;
    }
    for (JsonNode sensor : info.path("sensors")) {
      if (sensor.path("enabled").asBoolean()) {
        return false;
      }
      JsonNode stored =
          StoredReadings.completeness(api, reactor.id(), sensor.path("sensorId").asText());
      if (stored.path("last").asLong() != sensor.path("lastSeq").asLong()
          || !stored.path("complete").asBoolean()) {
        return false;
      }
    }
    return true;
  }

  private String status(CoordinatorApi api) {
    StringBuilder text = new StringBuilder();
    for (Reactor reactor : reactors.values()) {
      text.append(reactor.id())
          .append(": ")
          .append(
              api.get("/api/reactors/" + reactor.id() + "/completeness")
                  .map(JsonNode::toString)
                  .orElse("-"))
          .append(" info ")
          .append(
              api.get("/api/reactors/" + reactor.id())
                  .map(s -> s.path("state").path("info").toString())
                  .orElse("-"))
          .append('\n');
    }
    return text.toString();
  }

  /** Stops the reactors and checks, sensor by sensor, that Cassandra holds exactly their logs. */
  long stopReactorsAndAssertStoredEqualsLogged(CoordinatorApi api) throws Exception {
    long compared = 0;
    for (Reactor reactor : reactors.values()) {
      reactor.node().process().stop(Duration.ofSeconds(30));
      for (String sensor : reactor.sensors()) {
        List<LoggedReading> logged =
            ReactorLogAudit.readings(stack.reactorDataDir(reactor.id()), sensor);
        List<LoggedReading> stored = StoredReadings.readings(api, reactor.id(), sensor);
        assertTrue(logged.size() > 0, reactor.id() + "/" + sensor + " logged readings");
        for (int i = 0; i < logged.size(); i++) {
          assertEquals(
              i + 1, logged.get(i).seq(), reactor.id() + "/" + sensor + ": the log is dense");
        }
        assertEquals(
            logged.size(),
            stored.size(),
            reactor.id() + "/" + sensor + ": as many stored as logged");
        assertEquals(logged, stored, reactor.id() + "/" + sensor + ": stored equals logged");
        compared += logged.size();
      }
    }
    return compared;
  }

  @Override
  public void close() {
    reactors.values().forEach(r -> r.proxy().close());
    stack.close();
  }
}
