package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.forelight.frms.coordinator.access.Role;
import io.forelight.frms.coordinator.http.RouteTable;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the API defines ({@link RouteTable}), from the jars: without credentials it answers
 * 401, to a role below the one it needs 403, and to that role what the route does. A route in the
 * table without a sample call here fails this test; a route not in the table cannot be reached.
 */
@ExtendWith(CassandraExtension.class)
class RouteMatrixIT {

  /** A call of a route, and what the route answers when the caller may make it. */
  private record Sample(String path, String body, int status) {}

  private static final String COMMAND =
      "{\"command\": {\"type\": \"set-sensor-interval\", \"sensorId\": \"ph\","
          + " \"intervalMillis\": 400}, \"reason\": \"route matrix\"}";

  private static final Map<String, Sample> SAMPLES =
      Map.ofEntries(
          Map.entry("POST /api/session", new Sample("/api/session", "{}", 400)),
          Map.entry("GET /api/session", new Sample("/api/session", null, 200)),
          Map.entry("DELETE /api/session", new Sample("/api/session", null, 204)),
          Map.entry("GET /api/fleet", new Sample("/api/fleet", null, 200)),
          Map.entry("GET /api/fleet/latest", new Sample("/api/fleet/latest", null, 200)),
          Map.entry(
              "POST /api/fleet/reload", new Sample("/api/fleet/reload?reason=matrix", null, 200)),
          Map.entry("GET /api/reactors", new Sample("/api/reactors", null, 200)),
          Map.entry("GET /api/reactors/{id}", new Sample("/api/reactors/reactor-1", null, 200)),
          Map.entry(
              "GET /api/reactors/{id}/latest",
              new Sample("/api/reactors/reactor-1/latest", null, 200)),
          Map.entry(
              "GET /api/reactors/{id}/live", new Sample("/api/reactors/reactor-1/live", null, 200)),
          Map.entry(
              "GET /api/reactors/{id}/completeness",
              new Sample("/api/reactors/reactor-1/completeness", null, 200)),
          Map.entry(
              "GET /api/reactors/{id}/sensors/{sensor}/history",
              new Sample("/api/reactors/reactor-1/sensors/ph/history?buckets=10", null, 200)),
          Map.entry(
              "POST /api/reactors/{id}/commands",
              new Sample("/api/reactors/reactor-1/commands", COMMAND, 202)),
          Map.entry(
              "DELETE /api/reactors/{id}/commands/{key}",
              new Sample("/api/reactors/reactor-1/commands/no-such-key?reason=matrix", null, 404)),
          Map.entry(
              "POST /api/reactors/{id}/sensors/{sensor}/quarantine",
              new Sample(
                  "/api/reactors/reactor-1/sensors/ph/quarantine",
                  "{\"decision\": \"accept\", \"reason\": \"matrix\"}",
                  404)),
          Map.entry("GET /api/users", new Sample("/api/users", null, 200)),
          Map.entry(
              "POST /api/users",
              new Sample(
                  "/api/users",
                  "{\"name\": \"made-by-matrix\", \"roles\": [\"viewer\"],"
                      + " \"password\": \"a long password\", \"reason\": \"matrix\"}",
                  201)),
          Map.entry("GET /api/users/{name}", new Sample("/api/users/admin", null, 200)),
          Map.entry(
              "PATCH /api/users/{name}",
              new Sample("/api/users/vera", "{\"displayName\": \"Vera\", \"reason\": \"m\"}", 200)),
          Map.entry(
              "PUT /api/users/{name}/password",
              new Sample(
                  "/api/users/vera/password",
                  "{\"current\": \"vera's long password\", \"password\": \"vera's long password\"}",
                  200)),
          Map.entry("GET /api/tokens", new Sample("/api/tokens", null, 200)),
          Map.entry("POST /api/tokens", new Sample("/api/tokens", "{\"lifetime\": \"1h\"}", 201)),
          Map.entry(
              "DELETE /api/tokens/{id}", new Sample("/api/tokens/0000000000000000", null, 404)),
          Map.entry(
              "GET /api/export",
              new Sample(
                  "/api/export?reactors=reactor-1&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
                  null,
                  200)),
          Map.entry("GET /api/groups", new Sample("/api/groups", null, 200)),
          Map.entry(
              "POST /api/groups",
              new Sample(
                  "/api/groups",
                  "{\"id\": \"made-by-matrix\", \"name\": \"M\", \"kind\": \"tag\","
                      + " \"members\": [\"reactor-1\"], \"reason\": \"matrix\"}",
                  201)),
          Map.entry("GET /api/groups/{id}", new Sample("/api/groups/matrix", null, 200)),
          Map.entry(
              "PATCH /api/groups/{id}",
              new Sample("/api/groups/matrix", "{\"name\": \"Matrix\", \"reason\": \"m\"}", 200)),
          Map.entry(
              "DELETE /api/groups/{id}",
              new Sample("/api/groups/no-such-group?reason=m", null, 404)),
          Map.entry(
              "PUT /api/groups/{id}/members/{reactor}",
              new Sample("/api/groups/matrix/members/reactor-1?reason=m", null, 200)),
          Map.entry(
              "DELETE /api/groups/{id}/members/{reactor}",
              new Sample("/api/groups/matrix/members/no-such-reactor?reason=m", null, 404)),
          Map.entry(
              "POST /api/groups/{id}/commands",
              new Sample("/api/groups/no-such-group/commands", COMMAND, 404)),
          Map.entry(
              "GET /api/groups/{id}/commands",
              new Sample("/api/groups/matrix/commands", null, 200)),
          Map.entry(
              "GET /api/groups/{id}/commands/{command}",
              new Sample("/api/groups/matrix/commands/no-such-command", null, 404)),
          Map.entry(
              "POST /api/reactors/{id}/runs",
              new Sample("/api/reactors/reactor-1/runs", "{\"name\": \"matrix\"}", 201)),
          Map.entry(
              "GET /api/reactors/{id}/runs", new Sample("/api/reactors/reactor-1/runs", null, 200)),
          Map.entry(
              "POST /api/groups/{id}/runs",
              new Sample("/api/groups/no-such-group/runs", "{\"name\": \"m\"}", 404)),
          Map.entry("GET /api/runs/{run}", new Sample("/api/runs/reactor-1.none", null, 404)),
          Map.entry(
              "GET /api/runs/{run}/export",
              new Sample("/api/runs/reactor-1.none/export", null, 404)),
          Map.entry(
              "POST /api/runs/{run}/end",
              new Sample("/api/runs/reactor-1.none/end", "{\"reason\": \"m\"}", 404)),
          Map.entry(
              "POST /api/runs/{run}/annotations",
              new Sample(
                  "/api/runs/reactor-1.none/annotations",
                  "{\"kind\": \"note\", \"text\": \"m\"}",
                  404)),
          Map.entry("GET /api/alarms", new Sample("/api/alarms", null, 200)),
          Map.entry("GET /api/alarms/rules", new Sample("/api/alarms/rules", null, 200)),
          Map.entry(
              "GET /api/alarms/{id}", new Sample("/api/alarms/reactor-1.no-rule.1", null, 404)),
          Map.entry(
              "POST /api/alarms/{id}/ack",
              new Sample("/api/alarms/reactor-1.no-rule.1/ack", "{\"comment\": \"m\"}", 404)),
          Map.entry("POST /api/enrolment", new Sample("/api/enrolment", "{}", 400)),
          Map.entry(
              "GET /api/enrolment/{reactor}",
              new Sample("/api/enrolment/reactor-9?fingerprint=ab", null, 404)),
          Map.entry("GET /api/enrolments", new Sample("/api/enrolments", null, 200)),
          Map.entry(
              "POST /api/enrolments/{reactor}/approve",
              new Sample(
                  "/api/enrolments/reactor-9/approve",
                  "{\"fingerprint\": \"ab\", \"reason\": \"m\"}",
                  404)),
          Map.entry(
              "POST /api/enrolments/{reactor}/refuse",
              new Sample(
                  "/api/enrolments/reactor-9/refuse",
                  "{\"fingerprint\": \"ab\", \"reason\": \"m\"}",
                  404)),
          Map.entry(
              "DELETE /api/enrolments/{reactor}",
              new Sample("/api/enrolments/reactor-9?reason=m", null, 404)),
          Map.entry("GET /api/enrolment-tokens", new Sample("/api/enrolment-tokens", null, 200)),
          Map.entry(
              "POST /api/enrolment-tokens",
              new Sample("/api/enrolment-tokens", "{\"lifetime\": \"1h\"}", 201)),
          Map.entry("GET /api/audit", new Sample("/api/audit", null, 200)),
          Map.entry("GET /api/audit/verify", new Sample("/api/audit/verify", null, 200)));

  @Test
  void everyRouteRefusesStrangersAndLowerRolesAndServesItsRole(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    Map<String, RouteTable.Entry> routes = new TreeMap<>();
    RouteTable.ENTRIES.forEach(e -> routes.put(e.method() + " " + e.template(), e));
    assertEquals(
        routes.keySet(),
        new java.util.TreeSet<>(SAMPLES.keySet()),
        "every route of the table has a sample call here, and only those");

    try (PipelineHarness pipeline =
        new PipelineHarness(
            dir, cassandra.contactPoint(), cassandra.keyspace(), 1, "200ms", List.of())) {
      CoordinatorApi api = pipeline.startCoordinator("coordinator-1");
      pipeline.awaitFlowing(api, Duration.ofSeconds(180));
      for (String[] user : new String[][] {{"vera", "viewer"}, {"otto", "operator"}}) {
        assertEquals(
            201,
            api.post(
                    "/api/users",
                    Browser.json(
                        Map.of(
                            "name",
                            user[0],
                            "roles",
                            List.of(user[1]),
                            "password",
                            user[0] + "'s long password",
                            "reason",
                            "route matrix")))
                .statusCode());
      }
      assertEquals(
          201,
          api.post(
                  "/api/groups",
                  Browser.json(
                      Map.of("id", "matrix", "name", "M", "kind", "tag", "reason", "route matrix")))
              .statusCode());
      Map<Role, Browser> asRole =
          Map.of(
              Role.VIEWER, session(api, "vera", "vera's long password"),
              Role.OPERATOR, session(api, "otto", "otto's long password"),
              Role.ADMIN, session(api, "admin", io.forelight.frms.devstack.DevAdmin.PASSWORD));
      Browser stranger = new Browser(api.base());

      List<String> wrong = new ArrayList<>();
      for (Map.Entry<String, RouteTable.Entry> route : routes.entrySet()) {
        RouteTable.Entry entry = route.getValue();
        Sample sample = SAMPLES.get(route.getKey());
        if (entry.role() != null) {
          expect(
              wrong,
              route.getKey() + " without credentials",
              401,
              stranger.status(entry.method(), sample.path(), sample.body()));
          for (Role lower : Role.values()) {
            if (!lower.covers(entry.role())) {
              expect(
                  wrong,
                  route.getKey() + " as " + lower.id(),
                  403,
                  asRole.get(lower).status(entry.method(), sample.path(), sample.body()));
            }
          }
        }
        Browser caller =
            entry.role() == null
                ? stranger
                : entry.method().equals("DELETE") && entry.template().equals("/api/session")
                    ? session(api, "vera", "vera's long password") // logging out: its own session
                    : asRole.get(entry.role());
        expect(
            wrong,
            route.getKey() + " as " + (entry.role() == null ? "anyone" : entry.role().id()),
            sample.status(),
            caller.status(entry.method(), sample.path(), sample.body()));
      }
      expect(
          wrong,
          "an unknown route",
          404,
          asRole.get(Role.ADMIN).status("GET", "/api/nothing", null));
      expect(
          wrong,
          "a known path with another method",
          405,
          asRole.get(Role.ADMIN).status("PUT", "/api/reactors", "{}"));
      expect(
          wrong,
          "a viewer setting another's password",
          403,
          asRole
              .get(Role.VIEWER)
              .status(
                  "PUT", "/api/users/otto/password", "{\"password\": \"another long password\"}"));
      // an operator scoped to a group commands only its reactors (reactor-1 joined "matrix" above)
      expect(
          wrong,
          "making the group 'elsewhere'",
          201,
          asRole
              .get(Role.ADMIN)
              .status(
                  "POST",
                  "/api/groups",
                  "{\"id\": \"elsewhere\", \"name\": \"E\", \"kind\": \"room\", \"reason\": \"s\"}"));
      expect(
          wrong,
          "a scope naming no group",
          400,
          asRole
              .get(Role.ADMIN)
              .status(
                  "POST",
                  "/api/users",
                  "{\"name\": \"nemo\", \"roles\": [\"operator\"], \"scope\": \"nowhere\","
                      + " \"password\": \"nemo's long password\", \"reason\": \"s\"}"));
      for (String[] scoped : new String[][] {{"sam", "matrix"}, {"sid", "elsewhere"}}) {
        expect(
            wrong,
            "making " + scoped[0],
            201,
            asRole
                .get(Role.ADMIN)
                .status(
                    "POST",
                    "/api/users",
                    Browser.json(
                        Map.of(
                            "name",
                            scoped[0],
                            "roles",
                            List.of("operator"),
                            "scope",
                            scoped[1],
                            "password",
                            scoped[0] + "'s long password",
                            "reason",
                            "scope"))));
      }
      String command = "/api/reactors/reactor-1/commands";
      expect(
          wrong,
          "an operator of the reactor's group commanding it",
          202,
          session(api, "sam", "sam's long password").status("POST", command, COMMAND));
      expect(
          wrong,
          "an operator of another group commanding it",
          403,
          session(api, "sid", "sid's long password").status("POST", command, COMMAND));
      expect(
          wrong,
          "an operator of a group commanding the group",
          202,
          session(api, "sam", "sam's long password")
              .status("POST", "/api/groups/matrix/commands", COMMAND));
      expect(
          wrong,
          "an operator of another group commanding a group with reactors outside it",
          403,
          session(api, "sid", "sid's long password")
              .status("POST", "/api/groups/matrix/commands", COMMAND));
      expect(
          wrong,
          "an operator of another group acknowledging its alarm",
          403,
          session(api, "sid", "sid's long password")
              .status("POST", "/api/alarms/reactor-1.no-rule.1/ack", "{\"comment\": \"m\"}"));
      expect(
          wrong,
          "an operator of another group ending its run",
          403,
          session(api, "sid", "sid's long password")
              .status("POST", "/api/runs/reactor-1.none/end", "{\"reason\": \"m\"}"));
      expect(
          wrong,
          "an operator of another group reading it",
          200,
          session(api, "sid", "sid's long password")
              .status("GET", "/api/reactors/reactor-1", null));
      assertEquals(List.of(), wrong, wrong.stream().collect(Collectors.joining("\n")));
    }
  }

  private static Browser session(CoordinatorApi api, String name, String password) {
    Browser browser = new Browser(api.base());
    assertEquals(201, browser.logIn(name, password).statusCode(), "login of " + name);
    return browser;
  }

  private static void expect(List<String> wrong, String call, int expected, int actual) {
    if (expected != actual) {
      wrong.add(call + ": expected " + expected + ", got " + actual);
    }
  }
}
