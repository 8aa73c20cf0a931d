package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs from the jars: a run started on a reactor (one at a time: a second start is refused naming
 * the first), annotated (inoculation, a sample with its id; one outside the run is refused), ended
 * with a reason (once), exported as a zip whose readings are exactly those stored in its range
 * (with the command sent during it and its annotations), listed newest first; a run for a group
 * starts on each free member under one group run id and names the member that already runs; every
 * change is in the audit trail.
 */
@ExtendWith(CassandraExtension.class)
class RunIT {

  @Test
  void runsAreStartedAnnotatedAndEndedOnePerReactorAtATime(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (PipelineHarness pipeline =
        new PipelineHarness(dir, cassandra.contactPoint(), cassandra.keyspace(), 2)) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(180));

      JsonNode first = created(start(api, "reactor-1", "batch 7", "E. coli BL21, 2 L"));
      String run = first.path("id").asText();
      assertTrue(run.startsWith("reactor-1."), run);
      HttpResponse<String> second = start(api, "reactor-1", "batch 8", "");
      assertEquals(409, second.statusCode(), second.body());
      assertTrue(second.body().contains(run), "names the running run: " + second.body());

      created(annotate(api, run, Map.of("kind", "inoculation", "text", "5 mL seed culture")));
      assertEquals(
          400,
          annotate(api, run, Map.of("kind", "sample", "text", "OD")).statusCode(),
          "a sample needs its id");
      created(annotate(api, run, Map.of("kind", "sample", "text", "OD 0.8", "sampleId", "S-17")));
      assertEquals(
          400,
          annotate(
                  api,
                  run,
                  Map.of(
                      "kind",
                      "note",
                      "text",
                      "before",
                      "at",
                      Instant.now().minusSeconds(3600).toString()))
              .statusCode(),
          "an annotation before the run");

      JsonNode read = api.get("/api/runs/" + run).orElseThrow();
      assertEquals("batch 7", read.path("run").path("name").asText());
      assertTrue(read.path("run").path("endedAt").isNull(), "running: " + read);
      assertEquals(
          List.of("inoculation", "sample"),
          StreamSupport.stream(read.path("annotations").spliterator(), false)
              .map(a -> a.path("kind").asText().toLowerCase(java.util.Locale.ROOT))
              .toList());
      assertEquals("S-17", read.path("annotations").get(1).path("sampleId").asText());

      HttpResponse<String> command =
          api.post(
              "/api/reactors/reactor-1/commands",
              "{\"command\": {\"type\": \"set-sensor-interval\", \"sensorId\": \"ph\","
                  + " \"intervalMillis\": 500}, \"reason\": \"faster pH during the run\"}");
      assertEquals(202, command.statusCode(), command.body());
      Instant startedAt = Instant.parse(first.path("startedAt").asText());
      Await.until(
          Duration.ofSeconds(30),
          "ten seconds of the run stored",
          () ->
              StoredReadings.readings(api, "reactor-1", "temperature").stream()
                  .anyMatch(r -> r.takenAtMicros() / 1_000_000 > startedAt.getEpochSecond() + 10));
      HttpResponse<String> ended =
          api.post("/api/runs/" + run + "/end", "{\"reason\": \"harvested\"}");
      assertEquals(200, ended.statusCode(), ended.body());
      Instant endedAt =
          Instant.parse(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(ended.body())
                  .path("endedAt")
                  .asText());
      List<String> sensors = List.of("temperature", "ph");
      Map<String, String> export = RunExportCheck.export(api, "reactor-1", run, endedAt, sensors);
      RunExportCheck.matchesStored(api, "reactor-1", export, startedAt, endedAt, sensors);
      assertTrue(
          export.get("run.csv").contains(run + ",reactor-1,batch 7,"), export.get("run.csv"));
      assertEquals(
          List.of("inoculation", "sample"),
          RunExportCheck.rows(export.get("annotations.csv")).stream().map(r -> r[1]).toList());
      assertTrue(
          export.get("control-changes.csv").contains("faster pH during the run"),
          export.get("control-changes.csv"));
      assertEquals(
          "", export.get("loop-outputs.csv").lines().skip(1).findFirst().orElse(""), "no loops");
      assertEquals(
          409, api.post("/api/runs/" + run + "/end", "{\"reason\": \"again\"}").statusCode());
      assertEquals(
          400, api.post("/api/runs/" + run + "/end", "{}").statusCode(), "ending needs a reason");
      assertEquals(
          400,
          annotate(api, run, Map.of("kind", "note", "text", "after the end")).statusCode(),
          "an annotation after the run ended");

      String next = created(start(api, "reactor-1", "batch 8", "")).path("id").asText();
      assertEquals(
          201,
          api.post(
                  "/api/groups",
                  Browser.json(
                      Map.of(
                          "id",
                          "line-a",
                          "name",
                          "Line A",
                          "kind",
                          "line",
                          "members",
                          List.of("reactor-1", "reactor-2"),
                          "reason",
                          "test")))
              .statusCode());
      JsonNode group = created(api.post("/api/groups/line-a/runs", "{\"name\": \"line A trial\"}"));
      assertEquals(1, group.path("started").size(), group.toString());
      assertEquals("reactor-2", group.path("started").get(0).path("reactorId").asText());
      assertEquals(
          group.path("groupRunId").asText(),
          group.path("started").get(0).path("groupRunId").asText());
      assertEquals("reactor-1", group.path("refused").get(0).path("reactorId").asText());
      assertTrue(
          group.path("refused").get(0).path("reason").asText().contains(next), group.toString());

      JsonNode listed = api.get("/api/reactors/reactor-1/runs").orElseThrow();
      assertEquals(
          List.of(next, run),
          StreamSupport.stream(listed.spliterator(), false)
              .map(r -> r.path("id").asText())
              .toList(),
          "newest first");
      JsonNode audit = api.get("/api/audit?user=admin&limit=1000").orElseThrow();
      assertEquals(3, count(audit, "run-started"), "two on reactor-1, one on reactor-2");
      assertEquals(1, count(audit, "run-ended"));
      assertEquals(2, count(audit, "run-annotated"));
      pipeline.finish(api);
    }
  }

  private static HttpResponse<String> start(
      CoordinatorApi api, String reactor, String name, String description) throws Exception {
    return api.post(
        "/api/reactors/" + reactor + "/runs",
        Browser.json(Map.of("name", name, "description", description)));
  }

  private static HttpResponse<String> annotate(
      CoordinatorApi api, String run, Map<String, Object> body) throws Exception {
    return api.post("/api/runs/" + run + "/annotations", Browser.json(body));
  }

  private static JsonNode created(HttpResponse<String> response) throws Exception {
    assertEquals(201, response.statusCode(), response.body());
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
  }

  private static long count(JsonNode audit, String action) {
    return StreamSupport.stream(audit.path("events").spliterator(), false)
        .filter(e -> e.path("action").asText().equals(action))
        .count();
  }
}
