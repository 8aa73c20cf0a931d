package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
    try (Stack stack = new Stack(dir)) {
      stack.startCassandra(FreePorts.pick(), FreePorts.pick());
      Map<String, String> fleet = new LinkedHashMap<>();
      for (String id : REACTORS) {
        int port = FreePorts.pick();
        stack.startReactor(ReactorSpec.standard(id, port, "200ms"));
        fleet.put(id, "127.0.0.1:" + port);
      }
      int httpPort = FreePorts.pick();
      int clusterPort = FreePorts.pick();
      Stack.RunningNode coordinator =
          stack.startCoordinator(
              new CoordinatorSpec(
                  "coordinator",
                  httpPort,
                  FreePorts.pick(),
                  clusterPort,
                  List.of("pekko://frms@127.0.0.1:" + clusterPort),
                  stack.cassandra().contactPoint(),
                  "frms_it",
                  stack.writeFleet(fleet),
                  ""));
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
