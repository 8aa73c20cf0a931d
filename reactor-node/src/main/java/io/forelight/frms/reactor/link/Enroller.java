package io.forelight.frms.reactor.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forelight.frms.node.discovery.EnrolmentDiscovery;
import io.forelight.frms.node.pki.NodeKeys;
import io.forelight.frms.node.pki.Pem;
import io.forelight.frms.node.pki.Refused;
import io.forelight.frms.reactor.config.LinkSettings;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board without a certificate asking to join the fleet: it sends its id, link address, hardware
 * and certificate request to a coordinator's API ({@code POST /api/enrolment}, with a one-time
 * token if it has one), then asks at each {@link #step} until its enrolment is approved and stores
 * the certificate it gets (which the link takes only if the fleet's CA issued it for this key and
 * id: the API needs no trust of its own). Coordinators are tried in turn, and after a refusal or no
 * answer the board waits longer each time (a wrong token, a coordinator down) before it asks again,
 * so it never floods the API. Runs on the node's main thread while it waits for a certificate;
 * never on a dispatcher.
 */
final class Enroller {

  private static final Logger log = LoggerFactory.getLogger(Enroller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final String reactorId;
  private final LinkSettings.Enrol settings;
  private final String linkInterface;
  private final int linkPort;
  private final NodeKeys keys;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

  /** After a refusal or an unreachable coordinator, steps skipped: 1, 3, 7, ... up to 30. */
  private static final int MAX_SKIPPED = 30;

  /** How long a DNS-SD browse listens for coordinators' answers. */
  private static final Duration DISCOVERY_WAIT = Duration.ofSeconds(6);

  private final String fleetId;
  private List<URI> discovered = List.of();
  private int next;
  private boolean requested;
  private int failuresInARow;
  private int toSkip;
  private String lastSaid = "";

  Enroller(
      String reactorId,
      LinkSettings.Enrol settings,
      String linkInterface,
      int linkPort,
      NodeKeys keys,
      String fleetId) {
    this.reactorId = reactorId;
    this.fleetId = fleetId;
    this.settings = settings;
    this.linkInterface = linkInterface;
    this.linkPort = linkPort;
    this.keys = keys;
  }

  /** Requests enrolment (until one coordinator took the request), then asks how it stands. */
  void step() throws InterruptedException {
    if (toSkip > 0) {
      toSkip--;
      return;
    }
    List<URI> coordinators = coordinators();
    if (coordinators.isEmpty()) {
      failed(
          "enrolment: no coordinator of fleet "
              + fleetId
              + " answered DNS-SD ("
              + EnrolmentDiscovery.SERVICE_TYPE
              + ") on "
              + (settings.discoverInterface().isEmpty()
                  ? "this host's address"
                  : settings.discoverInterface())
              + " yet");
      return;
    }
    URI coordinator = coordinators.get(next % coordinators.size());
    try {
      JsonNode answer = requested ? status(coordinator) : request(coordinator);
      requested = true;
      failuresInARow = 0;
      String state = answer.path("state").asText();
      if (state.equals("approved") && !answer.path("certificate").asText().isEmpty()) {
        keys.store(Pem.certificate(answer.path("certificate").asText(), coordinator.toString()));
        log.info("enrolment approved by {}: certificate stored", coordinator);
      } else {
        say(
            "enrolment of reactor "
                + reactorId
                + " at "
                + coordinator
                + ": "
                + state
                + " ("
                + answer.path("note").asText()
                + "; key fingerprint "
                + keys.fingerprint()
                + ")");
      }
    } catch (IOException | Refused e) {
      failed("enrolment: " + coordinator + " cannot be asked now (" + e.getMessage() + ")");
      discovered = List.of(); // look again: the coordinators may have moved
    }
  }

  /** Says why this step failed, turns to the next coordinator and waits longer before the next. */
  private void failed(String why) {
    say(why);
    next++;
    failuresInARow++;
    toSkip = (int) Math.min(MAX_SKIPPED, (1L << Math.min(failuresInARow, 6)) - 1);
  }

  /** The configured coordinators, and those of this fleet found on the LAN when discovering. */
  private List<URI> coordinators() throws InterruptedException {
    if (settings.discover() && discovered.isEmpty()) {
      try {
        discovered =
            EnrolmentDiscovery.find(
                settings.discoverInterface().isEmpty()
                    ? null
                    : InetAddress.getByName(settings.discoverInterface()),
                fleetId,
                DISCOVERY_WAIT);
        if (!discovered.isEmpty()) {
          log.info("enrolment: found by DNS-SD: {}", discovered);
        }
      } catch (IOException e) {
        say("enrolment: cannot browse DNS-SD: " + e.getMessage());
      }
    }
    List<URI> all = new ArrayList<>(settings.coordinators());
    all.addAll(discovered);
    return all;
  }

  private JsonNode request(URI coordinator) throws IOException, InterruptedException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("reactorId", reactorId);
    body.put("address", address(coordinator));
    body.put("hardware", hardware());
    body.put("csr", Pem.of(keys.request()));
    if (!settings.token().isEmpty()) {
      body.put("token", settings.token());
    }
    return answer(
        HttpRequest.newBuilder(coordinator.resolve("/api/enrolment"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .timeout(CALL_TIMEOUT)
            .build());
  }

  private JsonNode status(URI coordinator) throws IOException, InterruptedException {
    return answer(
        HttpRequest.newBuilder(
                coordinator.resolve(
                    "/api/enrolment/"
                        + reactorId
                        + "?fingerprint="
                        + URLEncoder.encode(keys.fingerprint(), StandardCharsets.UTF_8)))
            .timeout(CALL_TIMEOUT)
            .GET()
            .build());
  }

  private JsonNode answer(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    if (response.statusCode() == 404 && requested) {
      requested = false; // the request is gone (a replaced board, a wiped store): ask again
    }
    if (response.statusCode() >= 300) {
      throw new IOException(
          "HTTP " + response.statusCode() + ": " + json.path("error").asText(response.body()));
    }
    return json;
  }

  /** The link address to report: configured, the link's interface, or the route's own end. */
  private String address(URI coordinator) throws IOException {
    String host = settings.advertiseAddress();
    if (host.contains(":") && !host.startsWith("[")) {
      return host; // host:port given whole
    }
    if (host.isEmpty()) {
      host = linkInterface;
    }
    if (host.equals("0.0.0.0") || host.equals("::")) {
      try (DatagramSocket probe = new DatagramSocket()) {
        probe.connect(
            new InetSocketAddress(coordinator.getHost(), Math.max(coordinator.getPort(), 1)));
        host = probe.getLocalAddress().getHostAddress();
      }
    }
    return host + ":" + linkPort;
  }

  private static String hardware() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + Runtime.version().feature();
  }

  private void say(String what) {
    if (!what.equals(lastSaid)) {
      log.info("{}", what);
      lastSaid = what;
    }
  }

  static boolean configured(LinkSettings.Enrol settings) {
    return !settings.coordinators().isEmpty() || settings.discover();
  }
}
