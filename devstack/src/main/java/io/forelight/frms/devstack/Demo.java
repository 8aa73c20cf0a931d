package io.forelight.frms.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.cassandra.CassandraStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The FRMS demo: an embedded Cassandra, one coordinator and three simulated reactors on loopback,
 * each a process started from its jar. Prints where to look and, every few seconds, the latest
 * reading of every sensor as stored in Cassandra. Ctrl-C stops everything.
 *
 * <p>Options: {@code --reactors N} (default 3), {@code --http-port P} (default 8080, or a free
 * one), {@code --duration 90s} (stop after that long; default: run until Ctrl-C), {@code --work-dir
 * DIR} (default var/demo, cleared at start).
 */
public final class Demo {

  private Demo() {}

  /** Logs in as the first admin once the coordinator has made it; returns the API token. */
  private static String logIn(CoordinatorApi api, Duration patience) throws InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (true) {
      try {
        return api.token();
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline)) {
          System.err.println("demo: cannot log in to the coordinator: " + e.getMessage());
          System.exit(1);
        }
        Thread.sleep(1000);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int reactors = Integer.parseInt(options.getOrDefault("reactors", "3"));
    Duration duration = Duration.parse("PT" + options.getOrDefault("duration", "0s").toUpperCase());
    Path workDir = Path.of(options.getOrDefault("work-dir", "var/demo")).toAbsolutePath();
    int httpPort = Integer.parseInt(options.getOrDefault("http-port", "8080"));
    if (!FreePorts.isFree(httpPort)) {
      httpPort = FreePorts.pick();
    }
    clear(workDir);
    Stack stack = new Stack(workDir);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "demo-stop"));
    Instant started = Instant.now();
    say("starting Cassandra (data and logs in " + workDir + ")");
    try {
      stack.startCassandra(FreePorts.isFree(9042) ? 9042 : FreePorts.pick(), FreePorts.pick());
    } catch (CassandraStartException e) {
      System.err.println("demo: " + e.getMessage());
      System.exit(1);
    }
    say(
        "Cassandra answers CQL on "
            + stack.cassandra().contactPoint()
            + " after "
            + since(started));

    // no board in the fleet file: each enrols itself through the API with a one-time token
    Path fleetFile = stack.writeFleet(Map.of());
    List<String> boards = new ArrayList<>();
    say(
        "the fleet's CA (fleet "
            + StackCa.FLEET
            + ") is in "
            + stack.ca().dir()
            + ": reactor links are mutual TLS");
    Path alarmRules = workDir.resolve("conf/alarms.conf");
    java.nio.file.Files.createDirectories(alarmRules.getParent());
    java.nio.file.Files.writeString(
        alarmRules,
        "# The demo's alarm rules (conf/alarms.conf in the repository explains them).\n"
            + "rules {\n"
            + "  temperature-high { kind = high, sensor = temperature, limit = 38.0,"
            + " hysteresis = 0.3, on-delay = 20s, severity = major }\n"
            + "  ph-probe-fault { kind = bad-quality, sensor = ph, on-delay = 10s,"
            + " severity = warning }\n"
            + "}\n");
    stack.startCoordinator(
        CoordinatorSpec.alone(
            "coordinator-1", httpPort, stack.cassandra().contactPoint(), "frms_demo", fleetFile),
        List.of("-Dfrms.coordinator.alarms.rules-file=" + alarmRules));
    CoordinatorApi api = new CoordinatorApi(httpPort);
    say("started coordinator-1");
    String token = logIn(api, Duration.ofSeconds(180));
    for (int i = 1; i <= reactors; i++) {
      String id = String.format("reactor-%02d", i);
      boards.add(id);
      int port = FreePorts.pick();
      String enrolment =
          api.postCreated(
                  "/api/enrolment-tokens",
                  "{\"description\": \"demo board " + id + "\", \"lifetime\": \"1h\"}")
              .path("token")
              .asText();
      stack.startReactor(
          ReactorSpec.controlled(id, port)
              .withExtraConfig(
                  "link.tls.enrol { coordinators = \""
                      + api.base()
                      + "\", token = \""
                      + enrolment
                      + "\" }"),
          false);
      say(
          "started "
              + id
              + " (simulated vessel under control: temperature, dissolved oxygen and pH loops;"
              + " link on 127.0.0.1:"
              + port
              + "); it enrols itself with a one-time token (web UI: Boards)");
    }
    String curl = "curl -H \"Authorization: Bearer $FRMS_TOKEN\" ";
    say("  web UI:  " + api.base() + "/  (open it in a browser; the HTTP API is under /api)");
    say(
        "  log in as user admin, password "
            + DevAdmin.PASSWORD
            + " (also in "
            + workDir.resolve("conf/admin-password")
            + ")");
    say("  an API token for curl (valid 1 day; made by logging in as admin):");
    say("    export FRMS_TOKEN=" + token);
    say("  fleet and links:   " + curl + api.base() + "/api/reactors");
    say("  latest readings:   " + curl + api.base() + "/api/reactors/reactor-01/latest");
    say(
        "  history (buckets): "
            + curl
            + "'"
            + api.base()
            + "/api/reactors/reactor-01/sensors/temperature/history?buckets=60'");
    say("  completeness:      " + curl + api.base() + "/api/reactors/reactor-01/completeness");
    say("  live (SSE):        " + curl + "-N " + api.base() + "/api/reactors/reactor-01/live");
    say("  loops, actuators:  " + curl + api.base() + "/api/reactors/reactor-01");
    say(
        "  change a setpoint: "
            + curl
            + "-H 'Content-Type: application/json' -d '{\"command\": {\"type\":"
            + " \"set-setpoint\", \"loopId\": \"temperature\", \"setpoint\": 32,"
            + " \"rampPerMinute\": 0.5}, \"reason\": \"demo\"}' "
            + api.base()
            + "/api/reactors/reactor-01/commands");
    say("  audit trail:       " + curl + api.base() + "/api/audit");
    say(
        "  alarms:            "
            + curl
            + api.base()
            + "/api/alarms  (a temperature setpoint above 38 raises temperature-high; rules in "
            + alarmRules
            + ")");
    say("  node logs:         " + workDir.resolve("logs"));

    Instant deadline = duration.isZero() ? Instant.MAX : Instant.now().plus(duration);
    boolean allStored = false;
    while (Instant.now().isBefore(deadline)) {
      Thread.sleep(5000);
      int storing = printLatest(api, boards);
      if (!allStored && storing == reactors) {
        allStored = true;
        say(
            "readings of all "
                + reactors
                + " reactors are stored in Cassandra, "
                + since(started)
                + " after start");
      }
    }
    say("demo over after " + since(started) + "; stopping");
    System.exit(allStored ? 0 : 1);
  }

  private static int printLatest(CoordinatorApi api, Iterable<String> reactors) {
    int storing = 0;
    StringBuilder table = new StringBuilder();
    for (String reactor : reactors) {
      Optional<JsonNode> latest = api.latest(reactor);
      List<String> cells = new ArrayList<>();
      for (JsonNode s :
          latest
              .map(json -> json.path("sensors"))
              .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
        String id = s.path("sensorId").asText();
        if (id.matches(".*-(p|i|d|setpoint)")) {
          continue; // loop terms: in the history, not in this table
        }
        cells.add(
            String.format(
                "%s=%.3f %s (#%d)",
                id, s.path("value").asDouble(), s.path("unit").asText(), s.path("seq").asLong()));
      }
      if (!cells.isEmpty()) {
        storing++;
      }
      table
          .append(String.format("  %-11s ", reactor))
          .append(cells.isEmpty() ? "(nothing stored yet)" : String.join("  ", cells))
          .append('\n');
    }
    System.out.print(
        Instant.now().toString().substring(11, 19)
            + " latest readings stored in Cassandra:\n"
            + table);
    return storing;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("demo")) {
        continue;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println(
            "demo: unknown argument "
                + args[i]
                + "; use --reactors N, --http-port P, --duration 90s, --work-dir DIR");
        System.exit(2);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static void clear(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static String since(Instant start) {
    return Duration.between(start, Instant.now()).toMillis() / 1000.0 + " s";
  }

  private static void say(String line) {
    System.out.println("[frms-demo] " + line);
  }
}
