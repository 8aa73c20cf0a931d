package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, sessions, tokens and the audit trail, from the jars on two coordinators: a session made on
 * one works on the other and ends on logout or when idle; a browser session's change needs this
 * site's Origin and its CSRF token; a token acts with at most its maker's role until revoked; wrong
 * passwords are refused and then throttled; every change is in the audit trail, whose verification
 * finds a row edited in Cassandra.
 */
@ExtendWith(CassandraExtension.class)
class AccessIT {

  private static final String COMMAND =
      "{\"command\": {\"type\": \"set-sensor-interval\", \"sensorId\": \"ph\","
          + " \"intervalMillis\": 400}, \"reason\": \"faster pH while feeding\"}";

  @Test
  void sessionsTokensRolesAndATamperEvidentTrail(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    List<String> shortSessions =
        List.of(
            "-Dfrms.coordinator.access.session.idle-timeout=8s",
            "-Dfrms.coordinator.access.session.recheck-after=1s",
            // a wait long enough to still be running when the test asks again, however slow
            "-Dfrms.coordinator.access.login-throttle.first-backoff=60s",
            "-Dfrms.coordinator.access.login-throttle.max-backoff=120s");
    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 1, "200ms", List.of())) {
      CoordinatorApi admin = pipeline.startCoordinator("coordinator-1", shortSessions);
      CoordinatorApi admin2 = pipeline.startCoordinator("coordinator-2", shortSessions);
      pipeline.awaitFlowing(admin, Duration.ofSeconds(180));
      Await.until(
          Duration.ofSeconds(120),
          "coordinator-2 serves",
          () -> admin2.get("/api/reactors").isPresent());

      Browser anonymous = new Browser(admin.base());
      assertEquals(401, anonymous.get("/api/reactors").statusCode());
      assertEquals(
          401, anonymous.send("POST", "/api/reactors/reactor-1/commands", COMMAND).statusCode());

      makeUser(admin, "vic", "viewer");
      makeUser(admin, "olga", "operator");

      // a session made on one coordinator is good on the other
      Browser vic = new Browser(admin.base());
      HttpResponse<String> login = vic.logIn("vic", "vic's long password");
      assertEquals(201, login.statusCode(), login.body());
      String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      for (String attribute :
          List.of("__Host-frms-session=", "Secure", "HttpOnly", "SameSite=Strict", "Path=/")) {
        assertTrue(setCookie.contains(attribute), setCookie);
      }
      Browser vicElsewhere = vic.on(admin2.base());
      assertEquals("vic", Browser.body(vicElsewhere.get("/api/session")).path("user").asText());
      assertEquals(200, vicElsewhere.get("/api/reactors/reactor-1/latest").statusCode());
      assertEquals(
          403,
          vic.send("POST", "/api/reactors/reactor-1/commands", COMMAND).statusCode(),
          "a viewer sends no commands");

      // a change from a session needs this site's Origin and the CSRF token
      Browser olga = new Browser(admin2.base());
      assertEquals(201, olga.logIn("olga", "olga's long password").statusCode());
      olga.sendOrigin = false;
      assertForbidden(
          olga.send("POST", "/api/reactors/reactor-1/commands", COMMAND), "from this site");
      olga.sendOrigin = true;
      olga.sendCsrf = false;
      assertForbidden(
          olga.send("POST", "/api/reactors/reactor-1/commands", COMMAND), "X-CSRF-Token");
      olga.sendCsrf = true;
      assertEquals(
          400,
          olga.send(
                  "POST",
                  "/api/reactors/reactor-1/commands",
                  COMMAND.replace(", \"reason\": \"faster pH while feeding\"", ""))
              .statusCode(),
          "a reason is required");
      assertEquals(
          400,
          olga.send(
                  "POST",
                  "/api/reactors/reactor-1/commands",
                  COMMAND.replace("\"reason\"", "\"issuedBy\""))
              .statusCode(),
          "nobody says who they are");
      HttpResponse<String> sent = olga.send("POST", "/api/reactors/reactor-1/commands", COMMAND);
      assertEquals(202, sent.statusCode(), sent.body());

      // tokens: at most the maker's role, usable until revoked, on every coordinator
      assertForbidden(
          vic.send("POST", "/api/tokens", "{\"role\": \"operator\"}"), "at most its maker's");
      HttpResponse<String> made =
          vic.send("POST", "/api/tokens", "{\"description\": \"plots\", \"lifetime\": \"2h\"}");
      assertEquals(201, made.statusCode(), made.body());
      String token = Browser.body(made).path("token").asText();
      String tokenId = Browser.body(made).path("stored").path("id").asText();
      Browser script = Browser.withToken(admin2.base(), token);
      assertEquals(200, script.get("/api/reactors").statusCode());
      assertEquals(
          403, script.send("POST", "/api/reactors/reactor-1/commands", COMMAND).statusCode());
      assertForbidden(script.send("POST", "/api/tokens", "{}"), "logged-in session");
      assertEquals(
          404, olga.send("DELETE", "/api/tokens/" + tokenId, null).statusCode(), "not hers");
      assertEquals(
          200, vic.send("DELETE", "/api/tokens/" + tokenId + "?reason=done", null).statusCode());
      Await.until(
          Duration.ofSeconds(10),
          "the revoked token is refused on the other coordinator",
          () -> script.get("/api/reactors").statusCode() == 401);

      // a password change ends the user's other sessions, on every coordinator, not this one
      Browser vicLaptop = new Browser(admin2.base());
      assertEquals(201, vicLaptop.logIn("vic", "vic's long password").statusCode());
      HttpResponse<String> changed =
          vic.send(
              "PUT",
              "/api/users/vic/password",
              Browser.json(
                  Map.of("current", "vic's long password", "password", "vic's new long password")));
      assertEquals(200, changed.statusCode(), changed.body());
      Await.until(
          Duration.ofSeconds(10),
          "the session opened before the password change is refused on the other coordinator",
          () -> vicLaptop.get("/api/session").statusCode() == 401);
      assertEquals(200, vic.get("/api/session").statusCode(), "the changing session stays");
      assertEquals(200, vicElsewhere.get("/api/session").statusCode(), "on every coordinator");
      assertEquals(
          "other sessions ended",
          findAction(admin.get("/api/audit?user=vic").orElseThrow(), "password-changed")
              .path("newValue")
              .asText());

      // logout ends the session everywhere; an idle one ends by itself
      assertEquals(204, vic.send("DELETE", "/api/session", null).statusCode());
      Await.until(
          Duration.ofSeconds(10),
          "the logged-out session is refused on the other coordinator",
          () -> vicElsewhere.get("/api/session").statusCode() == 401);
      // (asking with olga's cookie would keep it alive: watch its row in Cassandra instead)
      try (CqlSession session = cql(cassandra)) {
        Await.until(
            Duration.ofSeconds(40),
            "olga's idle session expired (its row's TTL ran out)",
            () ->
                session
                    .execute("SELECT user_name FROM " + cassandra.keyspace() + ".sessions")
                    .all()
                    .stream()
                    .noneMatch(row -> "olga".equals(row.getString("user_name"))));
      }
      assertEquals(401, olga.get("/api/session").statusCode(), "the idle session is gone");

      // the audit trail: who did what and why; an edit in Cassandra is found
      JsonNode trail = admin.get("/api/audit?user=olga").orElseThrow();
      JsonNode submitted = findAction(trail, "command-submitted");
      assertEquals("reactor:reactor-1", submitted.path("target").asText());
      assertEquals("faster pH while feeding", submitted.path("reason").asText());
      assertTrue(submitted.path("origin").asText().contains("via session"), submitted.toString());
      assertTrue(
          findAction(admin.get("/api/audit?user=vic").orElseThrow(), "token-revoked")
              .path("reason")
              .asText()
              .equals("done"));
      HttpResponse<String> csv = admin.raw("/api/audit?format=csv&user=olga");
      assertEquals(200, csv.statusCode());
      assertTrue(csv.body().startsWith("seq,at,actor,action,target"), csv.body());
      assertTrue(csv.body().contains("\"faster pH while feeding\""), csv.body());
      assertTrue(admin2.get("/api/audit/verify").orElseThrow().path("intact").asBoolean());

      long seq = submitted.path("seq").asLong();
      try (CqlSession session = cql(cassandra)) {
        session.execute(
            "UPDATE "
                + cassandra.keyspace()
                + ".audit_events SET reason = 'routine'"
                + " WHERE chain = 'fleet' AND page = "
                + (seq / 10_000)
                + " AND seq = "
                + seq);
      }
      JsonNode verified = admin2.get("/api/audit/verify").orElseThrow();
      assertFalse(verified.path("intact").asBoolean(), verified.toString());
      assertEquals(seq, verified.path("brokenAt").asLong(), verified.toString());

      // wrong passwords: refused alike for a wrong name, then throttled with Retry-After
      Browser guesser = new Browser(admin.base());
      assertEquals(401, guesser.logIn("nobody", "some long password").statusCode());
      HttpResponse<String> last = null;
      for (int i = 0; i < 5; i++) {
        last = guesser.logIn("olga", "wrong password " + i);
      }
      assertEquals(429, last.statusCode(), last.body());
      long retryAfter = Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter > 30 && retryAfter <= 60, "Retry-After " + retryAfter);
      HttpResponse<String> evenRight = guesser.logIn("olga", "olga's long password");
      assertEquals(
          429, evenRight.statusCode(), "the right password waits too: " + evenRight.body());
      JsonNode failed =
          findAction(admin.get("/api/audit?user=anonymous").orElseThrow(), "login-failed");
      assertEquals(
          "user:olga",
          failed.path("target").asText(),
          "a claimed name is the target, not the actor");
    }
  }

  private static CqlSession cql(TestCassandra cassandra) {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.port()))
        .withLocalDatacenter("datacenter1")
        .build();
  }

  private static void makeUser(CoordinatorApi admin, String name, String role) throws Exception {
    HttpResponse<String> made =
        admin.post(
            "/api/users",
            Browser.json(
                Map.of(
                    "name",
                    name,
                    "roles",
                    List.of(role),
                    "password",
                    name + "'s long password",
                    "reason",
                    "joins the lab")));
    assertEquals(201, made.statusCode(), made.body());
  }

  private static void assertForbidden(HttpResponse<String> response, String why) {
    assertEquals(403, response.statusCode(), response.body());
    assertTrue(response.body().contains(why), response.body());
  }

  private static JsonNode findAction(JsonNode page, String action) {
    for (JsonNode event : page.path("events")) {
      if (event.path("action").asText().equals(action)) {
        return event;
      }
    }
    throw new AssertionError("no " + action + " in " + page);
  }
}
