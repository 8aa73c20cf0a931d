package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.junit.CassandraExtension;
import io.forelight.frms.devkit.junit.TestCassandra;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.ReactorSpec;
import io.forelight.frms.devstack.Stack;
import io.forelight.frms.node.pki.CertificateRequests;
import io.forelight.frms.node.pki.Identity;
import io.forelight.frms.node.pki.Pem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boards join the fleet by themselves, from the jars, with nothing in the fleet file: one with an
 * admin's one-time token is approved at once, one without waits as pending until an admin approves
 * the request they saw; one given no address finds the coordinator on the LAN by DNS-SD; all stream
 * without a restart of anything. Enrolments with a wrong, reused or expired token are refused, and
 * so is a decision on a request that changed. A board removed from the fleet has its certificate
 * revoked: put back in the fleet file, its handshake is refused.
 */
@ExtendWith(CassandraExtension.class)
class EnrolmentIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void boardsEnrolWithATokenOrAnAdminsApprovalAndStreamWithoutARestart(
      TestCassandra cassandra, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws Exception {
    try (Stack stack = new Stack(dir)) {
      stack.useCassandra(cassandra.contactPoint());
      int httpPort = FreePorts.pick();
      Stack.RunningNode coordinator =
          stack.startCoordinator(
              CoordinatorSpec.alone(
                  "coordinator",
                  httpPort,
                  cassandra.contactPoint(),
                  cassandra.keyspace(),
                  stack.writeFleet(Map.of())),
              // short-lived board certificates: renewed during the test, and revoked with the board
              List.of(
                  "-Dfrms.coordinator.tls.reactor-validity=90s",
                  // boards given no address find it on the LAN (DNS-SD over multicast DNS)
                  "-Dfrms.coordinator.enrolment.advertise=on",
                  "-Dfrms.coordinator.enrolment.advertise-interface=127.0.0.1"));
      CoordinatorApi api = new CoordinatorApi(httpPort);
      Await.until(
          Duration.ofSeconds(120), "the API answers", () -> api.get("/api/fleet").isPresent());

      String token = token(api, "10m");
      ReactorSpec board1 = enrolling("reactor-01", httpPort, token);
      stack.startReactor(board1, false);
      awaitStreaming(api, "reactor-01");
      JsonNode first = enrolment(api, "reactor-01");
      assertEquals("approved", first.path("state").asText());
      assertTrue(first.path("reason").asText().startsWith("enrolment token "), first.toString());

      stack.startReactor(
          ReactorSpec.standard("reactor-04", FreePorts.pick(), "1s")
              .withExtraConfig(
                  "link.tls.enrol { discover = on, discover-interface = \"127.0.0.1\", token = \""
                      + token(api, "10m")
                      + "\" }"),
          false);
      awaitStreaming(api, "reactor-04"); // found the coordinator by DNS-SD, enrolled with a token

      stack.startReactor(enrolling("reactor-02", httpPort, ""), false);
      Await.until(
          Duration.ofSeconds(60),
          "reactor-02 waits as pending",
          () -> enrolment(api, "reactor-02").path("state").asText().equals("pending"));
      JsonNode pending = enrolment(api, "reactor-02");
      assertTrue(pending.path("hardware").asText().contains("cores"), pending.toString());
      assertTrue(pending.path("address").asText().startsWith("127.0.0.1:"), pending.toString());
      assertTrue(
          PipelineHarness.fleetEntry(api, "reactor-02").isMissingNode(),
          "a pending board is not in the fleet");
      String fingerprint = pending.path("fingerprint").asText();
      var stale =
          api.post(
              "/api/enrolments/reactor-02/approve",
              "{\"fingerprint\": \"0000\", \"reason\": \"looked at another\"}");
      assertEquals(409, stale.statusCode(), stale.body());
      var approved =
          api.post(
              "/api/enrolments/reactor-02/approve",
              "{\"fingerprint\": \"" + fingerprint + "\", \"reason\": \"board 2 on bench B\"}");
      assertEquals(200, approved.statusCode(), approved.body());
      awaitStreaming(api, "reactor-02");
      assertTrue(
          api.get("/api/audit?reactor=reactor-02")
              .map(a -> a.toString().contains("board 2 on bench B"))
              .orElse(false),
          "the approval is in the audit trail with its reason");

      assertRefused(httpPort, "reactor-03", token, "used already, by reactor reactor-01");
      assertRefused(httpPort, "reactor-03", "frmsenrol_0123_guess", "unknown enrolment token");
      JsonNode shortLived = api.postCreated("/api/enrolment-tokens", "{\"lifetime\": \"1s\"}");
      Instant expires = Instant.parse(shortLived.path("stored").path("expiresAt").asText());
      Await.until(
          Duration.ofSeconds(10), "the token's end passed", () -> Instant.now().isAfter(expires));
      assertRefused(
          httpPort, "reactor-03", shortLived.path("token").asText(), "the enrolment token expired");
      assertTrue(
          PipelineHarness.fleetEntry(api, "reactor-03").isMissingNode(), "no refused board joined");

      // removing a board revokes its certificates, the renewed one it serves with too: named in
      // the fleet file again, it is refused
      Await.until(
          Duration.ofSeconds(90),
          () -> "reactor-01's certificate is renewed:\n" + coordinator.process().logTail(10),
          () ->
              coordinator.process().log().contains("reactor reactor-01: renewed its certificate"));
      assertEquals(
          200, api.delete("/api/enrolments/reactor-01?reason=board%20retired").statusCode());
      Await.until(
          Duration.ofSeconds(30),
          "reactor-01 leaves the fleet and its link stops",
          () ->
              PipelineHarness.fleetEntry(api, "reactor-01").isMissingNode()
                  && api.get("/api/reactors/reactor-01")
                      .map(r -> r.path("link").path("status").asText().equals("REMOVED"))
                      .orElse(false));
      stack.writeFleet(Map.of("reactor-01", "127.0.0.1:" + board1.linkPort()));
      assertEquals(200, api.post("/api/fleet/reload", "").statusCode());
      Await.until(
          Duration.ofSeconds(60),
          () ->
              "its revoked certificate is refused: "
                  + PipelineHarness.fleetEntry(api, "reactor-01"),
          () ->
              PipelineHarness.fleetEntry(api, "reactor-01")
                  .path("lastError")
                  .asText()
                  .contains(") is revoked"));
    }
  }

  private static ReactorSpec enrolling(String id, int httpPort, String token) {
    return ReactorSpec.standard(id, FreePorts.pick(), "1s")
        .withExtraConfig(
            "link.tls.enrol { coordinators = \"http://127.0.0.1:"
                + httpPort
                + "\", token = \""
                + token
                + "\" }");
  }

  private static String token(CoordinatorApi api, String lifetime) throws Exception {
    return api.postCreated(
            "/api/enrolment-tokens",
            "{\"description\": \"a board\", \"lifetime\": \"" + lifetime + "\"}")
        .path("token")
        .asText();
  }

  private static JsonNode enrolment(CoordinatorApi api, String reactorId) {
    for (JsonNode e : api.get("/api/enrolments").orElseThrow()) {
      if (e.path("reactorId").asText().equals(reactorId)) {
        return e;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static void awaitStreaming(CoordinatorApi api, String reactorId) {
    Await.until(
        Duration.ofSeconds(120),
        () -> reactorId + " streams: " + PipelineHarness.fleetEntry(api, reactorId),
        () -> api.latest(reactorId).map(l -> l.path("sensors").size() == 3).orElse(false));
  }

  /** A board's enrolment with {@code token} is refused (403) naming why. */
  private static void assertRefused(int httpPort, String reactorId, String token, String why)
      throws Exception {
    var keys = CertificateRequests.newKeyPair(2048);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("reactorId", reactorId);
    body.put("address", "127.0.0.1:9");
    body.put("hardware", "test");
    body.put(
        "csr",
        Pem.of(
            CertificateRequests.create(
                keys, new Identity("devstack", Identity.Role.REACTOR, reactorId))));
    body.put("token", token);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/enrolment"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, response.statusCode(), response.body());
    assertTrue(response.body().contains(why), response.body());
  }
}
