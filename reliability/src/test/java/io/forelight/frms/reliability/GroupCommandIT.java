package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command to a group, from the jars: one request queues it in both members' outboxes under one
 * group command id; the reachable reactor applies it while the other, cut off, shows it pending
 * while offline, and applies it when its link is back; posting the same id again sends nothing
 * twice (one audit entry for the group, one per reactor); a command both reactors reject lists each
 * one's reason; the same id for another group is a conflict.
 */
@ExtendWith(CassandraExtension.class)
class GroupCommandIT {

  private static final String INTERVAL =
      "{\"type\": \"set-sensor-interval\", \"sensorId\": \"ph\", \"intervalMillis\": 400}";

  @Test
  void aGroupCommandReachesEveryMemberAndListsEachOutcome(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(180));
      group(api, "line-a", List.of("reactor-1", "reactor-2"));
      group(api, "room-b", List.of("reactor-1"));

      pipeline.reactors.get("reactor-2").proxy.cut();
      Await.until(
          Duration.ofSeconds(30),
          "reactor-2's link is down",
          () -> !"live".equals(PipelineHarness.linkStatus(api, "reactor-2")));
      HttpResponse<String> sent = send(api, "line-a", "gc-interval", INTERVAL);
      assertEquals(202, sent.statusCode(), sent.body());
      Await.until(
          Duration.ofSeconds(30),
          () -> "reactor-1 applied it, reactor-2 holds it offline: " + status(api, "gc-interval"),
          () ->
              outcomes(api, "gc-interval")
                  .equals(Map.of("reactor-1", "applied", "reactor-2", "offline")));
      assertFalse(status(api, "gc-interval").path("complete").asBoolean());

      pipeline.reactors.get("reactor-2").proxy.restore();
      Await.until(
          Duration.ofSeconds(60),
          () -> "both applied it: " + status(api, "gc-interval"),
          () -> status(api, "gc-interval").path("complete").asBoolean());
      assertEquals(
          Map.of("reactor-1", "applied", "reactor-2", "applied"), outcomes(api, "gc-interval"));

      HttpResponse<String> again = send(api, "line-a", "gc-interval", INTERVAL);
      assertEquals(
          200, again.statusCode(), "the same id again is the same command: " + again.body());
      assertEquals(
          409,
          send(api, "room-b", "gc-interval", INTERVAL).statusCode(),
          "the id of line-a's command for room-b");

      assertEquals(
          202,
          send(
                  api,
                  "line-a",
                  "gc-unknown-sensor",
                  "{\"type\": \"set-sensor-interval\", \"sensorId\": \"no-such-sensor\","
                      + " \"intervalMillis\": 400}")
              .statusCode());
      Await.until(
          Duration.ofSeconds(30),
          () -> "both rejected it: " + status(api, "gc-unknown-sensor"),
          () ->
              outcomes(api, "gc-unknown-sensor")
                  .equals(Map.of("reactor-1", "rejected", "reactor-2", "rejected")));
      for (JsonNode outcome : status(api, "gc-unknown-sensor").path("outcomes")) {
        assertTrue(
            outcome.path("reason").asText().contains("no-such-sensor"),
            "the reactor's reason: " + outcome);
      }

      JsonNode listed = api.get("/api/groups/line-a/commands").orElseThrow();
      assertEquals(
          List.of("gc-unknown-sensor", "gc-interval"),
          StreamSupport.stream(listed.spliterator(), false)
              .map(c -> c.path("id").asText())
              .toList(),
          "the group's commands, newest first");
      JsonNode audit = api.get("/api/audit?user=admin&limit=1000").orElseThrow();
      assertEquals(1, count(audit, "group-command-submitted", "gc-interval"), audit.toString());
      assertEquals(2, count(audit, "command-submitted", "gc-interval"), audit.toString());

      assertEquals(404, send(api, "no-such-group", "gc-x", INTERVAL).statusCode());
      assertEquals(
          400,
          send(
                  api,
                  "line-a",
                  "gc-bad",
                  "{\"type\": \"set-sensor-interval\", \"sensorId\": \"ph\","
                      + " \"intervalMillis\": -1}")
              .statusCode(),
          "a command the reactors' rules refuse is refused before it is sent");
      pipeline.finish(api);
    }
  }

  private static void group(CoordinatorApi api, String id, List<String> members) throws Exception {
    HttpResponse<String> made =
        api.post(
            "/api/groups",
            Browser.json(
                Map.of(
                    "id", id, "name", id, "kind", "line", "members", members, "reason", "test")));
    assertEquals(201, made.statusCode(), made.body());
  }

  private static HttpResponse<String> send(
      CoordinatorApi api, String group, String key, String command) throws Exception {
    return api.post(
        "/api/groups/" + group + "/commands",
        "{\"command\": " + command + ", \"key\": \"" + key + "\", \"reason\": \"group test\"}");
  }

  private static JsonNode status(CoordinatorApi api, String key) {
    return api.get("/api/groups/line-a/commands/" + key).orElseThrow();
  }

  private static Map<String, String> outcomes(CoordinatorApi api, String key) {
    Map<String, String> outcomes = new java.util.TreeMap<>();
    status(api, key)
        .path("outcomes")
        .forEach(o -> outcomes.put(o.path("reactorId").asText(), o.path("outcome").asText()));
    return outcomes;
  }

  /** Audit events of {@code action} whose detail names {@code key}. */
  private static long count(JsonNode audit, String action, String key) {
    return StreamSupport.stream(audit.path("events").spliterator(), false)
        .filter(e -> e.path("action").asText().equals(action))
        .filter(e -> e.path("newValue").asText().contains(key))
        .count();
  }
}
