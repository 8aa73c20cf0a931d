package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alarms from the jars, on two coordinators and a reactor controlling its simulated vessel: a limit
 * crossed (the temperature loop's output, a reading in %, driven to 100 % by hand) raises one alarm
 * once the breach held for the rule's on-delay, within one reading interval of it; a sensor whose
 * every other reading is BAD (flapping faster than its rule's on-delay) raises none; killing the
 * coordinator that hosts the alarm neither loses nor doubles it; an operator acknowledges it with a
 * comment (audit trail); it clears once the output is back below limit − hysteresis, and leaves the
 * open list; a webhook receiver that was down during all this gets every transition afterwards, in
 * order. Then the link cut for longer than a rule's limit raises "unreachable", which clears when
 * the link is back; a setpoint far from the temperature raises a loop deviation alarm, which clears
 * once the loop is switched off.
 */
@ExtendWith(CassandraExtension.class)
class AlarmIT {

  private static final String REACTOR = "reactor-1";
  private static final String ALARM = "reactor-1.heater-high.1";
  private static final double LIMIT = 90;
  private static final Duration ON_DELAY = Duration.ofSeconds(5);
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final JsonNode EMPTY =
      com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  @Test
  void aCrossedLimitRaisesOneAlarmThatSurvivesItsCoordinatorAndReachesTheWebhookLater(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    Path rules = dir.resolve("alarms.conf");
    Files.writeString(
        rules,
        "rules {\n"
            + "  heater-high { kind = high, sensor = temperature-output, limit = "
            + LIMIT
            + ", hysteresis = 10, on-delay = 5s, severity = major }\n"
            + "  flappy-bad { kind = bad-quality, sensor = flappy, on-delay = 5s, severity = minor"
            + " }\n"
            + "  link-down { kind = unreachable, after = 10s, severity = critical }\n"
            + "  temperature-off { kind = deviation, loop = temperature, limit = 3,"
            + " hysteresis = 0.5, on-delay = 5s, severity = warning }\n"
            + "}\n");
    int webhookPort = FreePorts.pick();
    List<String> jvm =
        List.of(
            "-Dfrms.coordinator.alarms.rules-file=" + rules,
            "-Dfrms.coordinator.alarms.webhook.url=http://127.0.0.1:" + webhookPort + "/alarms",
            "-Dfrms.coordinator.alarms.webhook.max-backoff=2s");
    try (PipelineHarness pipeline =
        PipelineHarness.controlled(dir, cassandra.contactPoint(), cassandra.keyspace())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1", jvm);
      pipeline.startCoordinator("coordinator-2", jvm);
      pipeline.awaitFlowing(api, Duration.ofSeconds(180));

      // a sensor whose every other reading is BAD: flapping, never BAD for the 5 s on-delay
      command(
          api,
          "add-flappy",
          "{\"type\": \"add-sensor\", \"sensorId\": \"flappy\", \"kind\": \"temperature\","
              + " \"driver\": \"simulated\", \"unit\": \"°C\", \"intervalMillis\": 1000,"
              + " \"settings\": {\"signal\": \"temperature\", \"fault\": \"nan\","
              + " \"fault-every\": \"2\"}}");
      // the heater at full power: its loop's output (a reading, in %) climbs through the limit
      command(
          api,
          "manual",
          "{\"type\": \"set-loop-mode\", \"loopId\": \"temperature\", \"mode\": \"manual\"}");
      command(
          api,
          "full-heat",
          "{\"type\": \"set-loop-output\", \"loopId\": \"temperature\", \"output\": 1.0}");
      Await.until(
          Duration.ofSeconds(180),
          () -> "the alarm is raised; open: " + open(api),
          () -> ids(open(api)).contains(ALARM));
      JsonNode alarm =
          StreamSupport.stream(open(api).spliterator(), false)
              .filter(a -> a.path("id").asText().equals(ALARM))
              .findFirst()
              .orElseThrow();
      assertEquals(ALARM, alarm.path("id").asText(), alarm.toString());
      assertEquals("ACTIVE_UNACKED", alarm.path("status").asText());
      assertEquals("major", alarm.path("severity").asText());
      assertRaisedOnTime(api, Instant.parse(alarm.path("raisedAt").asText()));

      // the coordinator hosting the alarm dies: the survivor carries on with the same alarm
      int host = hostOf(pipeline, ALARM + " raised");
      pipeline.coordinators.get(host).process().kill();
      CoordinatorApi survivor = pipeline.apis.get(1 - host);
      long killedAtMicros = System.currentTimeMillis() * 1000;
      Await.until(
          Duration.ofSeconds(120),
          "readings stored again by the survivor, for a while",
          () -> latestTakenMicros(survivor) > killedAtMicros + 20_000_000L);
      assertEquals(List.of(ALARM), withoutLink(ids(open(survivor))), "neither lost nor doubled");
      assertEquals(
          List.of(ALARM),
          withoutLink(ids(survivor.get("/api/alarms?reactor=" + REACTOR).orElseThrow())),
          "one alarm ever: no flappy-bad, no second heater-high");

      HttpResponse<String> acked =
          survivor.post("/api/alarms/" + ALARM + "/ack", "{\"comment\": \"heater checked\"}");
      assertEquals(200, acked.statusCode(), acked.body());
      assertEquals(
          409,
          survivor.post("/api/alarms/" + ALARM + "/ack", "{\"comment\": \"again\"}").statusCode());
      assertEquals(
          400, survivor.post("/api/alarms/" + ALARM + "/ack", "{\"comment\": \" \"}").statusCode());

      // the heater off: the output falls below limit − hysteresis, and the alarm clears
      command(
          survivor,
          "no-heat",
          "{\"type\": \"set-loop-output\", \"loopId\": \"temperature\", \"output\": 0}");
      Await.until(
          Duration.ofSeconds(60),
          () -> "cleared below limit − hysteresis: " + survivor.get("/api/alarms/" + ALARM),
          () ->
              survivor
                  .get("/api/alarms/" + ALARM)
                  .map(a -> a.path("status").asText().equals("CLEARED_ACKED"))
                  .orElse(false));
      Await.until(
          Duration.ofSeconds(15),
          "no longer open",
          () -> withoutLink(ids(open(survivor))).isEmpty());
      command(
          survivor,
          "auto",
          "{\"type\": \"set-loop-mode\", \"loopId\": \"temperature\", \"mode\": \"auto\"}");

      // the receiver comes up: it gets raised, then acknowledged and cleared (either first)
      Map<String, String> received = new ConcurrentHashMap<>();
      List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
      HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 0);
      receiver.createContext(
          "/alarms",
          exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body = new String(exchange.getRequestBody().readAllBytes());
            if (received.putIfAbsent(key, body) == null) {
              order.add(key);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      receiver.start();
      try {
        Await.until(
            Duration.ofSeconds(30),
            () -> "the webhook got every transition: " + order,
            () ->
                order.stream()
                    .filter(key -> key.startsWith(ALARM + ":"))
                    .toList()
                    .equals(List.of(ALARM + ":1", ALARM + ":2", ALARM + ":3")));
        assertTrue(received.get(ALARM + ":1").contains("\"kind\":\"raised\""), received.toString());
        assertEquals(
            java.util.Set.of("acknowledged", "cleared"),
            java.util.Set.of(kind(received.get(ALARM + ":2")), kind(received.get(ALARM + ":3"))),
            received.toString());
        assertTrue(received.toString().contains("heater checked"), "the comment travels");
      } finally {
        receiver.stop(0);
      }

      JsonNode audit = survivor.get("/api/audit?reactor=" + REACTOR + "&limit=1000").orElseThrow();
      List<String> actions =
          StreamSupport.stream(audit.path("events").spliterator(), false)
              .filter(e -> e.path("action").asText().startsWith("alarm-"))
              .map(e -> e.path("action").asText() + " " + e.path("actor").asText())
              .distinct()
              .toList();
      assertEquals(
          java.util.Set.of(
              "alarm-cleared system", "alarm-acknowledged admin", "alarm-raised system"),
          java.util.Set.copyOf(actions),
          "the trail");
      assertEquals("alarm-raised system", actions.get(actions.size() - 1), "raised first");
      // the link cut: the reactor unreachable for 10 s raises link-down; back, it clears
      pipeline.reactors.get(REACTOR).proxy.cut();
      Await.until(
          Duration.ofSeconds(90),
          () -> "link-down raised: " + open(survivor),
          () -> ids(open(survivor)).stream().anyMatch(id -> id.contains(".link-down.")));
      JsonNode down =
          StreamSupport.stream(open(survivor).spliterator(), false)
              .filter(a -> a.path("ruleId").asText().equals("link-down"))
              .findFirst()
              .orElseThrow();
      assertEquals("critical", down.path("severity").asText());
      String downId = down.path("id").asText();
      pipeline.reactors.get(REACTOR).proxy.restore();
      Await.until(
          Duration.ofSeconds(90),
          () -> "link-down cleared: " + survivor.get("/api/alarms/" + downId),
          () ->
              survivor
                  .get("/api/alarms/" + downId)
                  .map(a -> a.path("status").asText().equals("CLEARED_UNACKED"))
                  .orElse(false));

      // a setpoint far above the temperature: the loop deviates beyond its band for the on-delay;
      // switched off, the loop no longer controls and the deviation alarm clears
      command(
          survivor,
          "far",
          "{\"type\": \"set-setpoint\", \"loopId\": \"temperature\", \"setpoint\": 60}");
      Await.until(
          Duration.ofSeconds(60),
          () -> "temperature-off raised: " + open(survivor),
          () -> ids(open(survivor)).contains("reactor-1.temperature-off.1"));
      command(
          survivor,
          "loop-off",
          "{\"type\": \"set-loop-mode\", \"loopId\": \"temperature\", \"mode\": \"off\"}");
      Await.until(
          Duration.ofSeconds(60),
          () ->
              "temperature-off cleared: " + survivor.get("/api/alarms/reactor-1.temperature-off.1"),
          () ->
              survivor
                  .get("/api/alarms/reactor-1.temperature-off.1")
                  .map(a -> a.path("status").asText().equals("CLEARED_UNACKED"))
                  .orElse(false));

      // the added sensor stops too (the harness stops those of the reactor's config)
      command(
          survivor,
          "flappy-off",
          "{\"type\": \"set-sensor-enabled\", \"sensorId\": \"flappy\", \"enabled\": false}");
      pipeline.finish(survivor);
    }
  }

  /**
   * The alarm was raised by the reading that completed the on-delay: at least the on-delay after
   * the breach began (the first reading above the limit after the last one at or below it), and
   * within one interval more.
   */
  private static void assertRaisedOnTime(CoordinatorApi api, Instant raisedAt) {
    long raised = raisedAt.toEpochMilli() * 1000;
    List<LoggedReading> readings = StoredReadings.readings(api, REACTOR, "temperature-output");
    long breachBegan = -1;
    for (LoggedReading r : readings) {
      if (r.takenAtMicros() > raised) {
        break;
      }
      if (r.value() != null && r.value() > LIMIT) {
        breachBegan = breachBegan < 0 ? r.takenAtMicros() : breachBegan;
      } else {
        breachBegan = -1;
      }
    }
    long heldMicros = raised - breachBegan;
    assertTrue(
        breachBegan > 0
            && heldMicros >= ON_DELAY.toNanos() / 1000 - 1000
            && heldMicros <= (ON_DELAY.plus(INTERVAL).toNanos() / 1000) + 200_000,
        "raised " + heldMicros / 1000 + " ms after the breach began (on-delay 5 s, interval 1 s)");
  }

  private static String kind(String notification) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"kind\":\"([a-z]+)\"").matcher(notification);
    return m.find() ? m.group(1) : "";
  }

  /** The coordinator whose log says {@code line} (it hosts the alarm). */
  private static int hostOf(PipelineHarness pipeline, String line) {
    for (int i = 0; i < pipeline.coordinators.size(); i++) {
      if (pipeline.coordinators.get(i).process().log().contains(line)) {
        return i;
      }
    }
    throw new AssertionError("no coordinator logged '" + line + "'");
  }

  private static JsonNode open(CoordinatorApi api) {
    return api.get("/api/alarms").orElseThrow();
  }

  /** The ids but those of the link rule (a link restarting at a handover is not this check's). */
  private static List<String> withoutLink(List<String> ids) {
    return ids.stream().filter(id -> !id.contains(".link-down.")).toList();
  }

  private static List<String> ids(JsonNode alarms) {
    return StreamSupport.stream(alarms.spliterator(), false)
        .map(a -> a.path("id").asText())
        .toList();
  }

  private static long latestTakenMicros(CoordinatorApi api) {
    // none while the reactor's new holder is not serving yet
    for (JsonNode sensor : api.latest(REACTOR).map(l -> l.path("sensors")).orElse(EMPTY)) {
      if (sensor.path("sensorId").asText().equals("temperature-output")) {
        Instant at = Instant.parse(sensor.path("takenAt").asText());
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
      }
    }
    return 0;
  }

  private static void command(CoordinatorApi api, String key, String command) throws Exception {
    HttpResponse<String> response =
        api.post(
            "/api/reactors/" + REACTOR + "/commands",
            "{\"command\": " + command + ", \"key\": \"" + key + "\", \"reason\": \"AlarmIT\"}");
    assertEquals(202, response.statusCode(), "command " + key + ": " + response.body());
  }
}
