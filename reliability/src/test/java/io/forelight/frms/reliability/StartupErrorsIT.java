package io.forelight.frms.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devstack.Jars;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad start-up input, for both node jars: each ends the process with a non-zero exit code and one
 * line naming the problem, never a stack trace.
 */
class StartupErrorsIT {

  @TempDir Path dir;

  @Test
  void reactorWithAMissingConfigFile() {
    assertFails(Jars.reactor(), dir.resolve("nope.conf"), 2, "config file", "does not exist");
  }

  @Test
  void reactorWithAnUnknownKey() throws IOException {
    Path config = write("frms.reactor { id = r1, snesors {} }");
    assertFails(Jars.reactor(), config, 2, "frms.reactor.snesors is not a known setting");
  }

  @Test
  void reactorWithMisspelledSettingsDeepInside() throws IOException {
    Path config = write("frms.reactor { id = r1, sampling.driver-timout = 3s }");
    assertFails(
        Jars.reactor(), config, 2, "frms.reactor.sampling.driver-timout is not a known setting");
    Path sensor =
        write(
            "frms.reactor { id = r1, sensors.t { kind = temperature, driver = simulated,"
                + " interval = 1s, intervall = 2s } }");
    assertFails(
        Jars.reactor(), sensor, 2, "frms.reactor.sensors.t.intervall is not a setting of a sensor");
  }

  @Test
  void reactorWithABadSensorInterval() throws IOException {
    Path config =
        write(
            "frms.reactor { id = r1, sensors { t { kind = temperature, driver = simulated, interval = 0s } } }");
    assertFails(
        Jars.reactor(), config, 2, "frms.reactor.sensors.t.interval", "between 10ms and 24h");
  }

  @Test
  void reactorWithAnUnknownDriver() throws IOException {
    Path config =
        write(
            "frms.reactor { id = r1, sensors { t { kind = temperature, driver = magic, interval = 1s } } }");
    assertFails(
        Jars.reactor(),
        config,
        2,
        "frms.reactor.sensors.t.driver",
        "'magic' is not a known driver");
  }

  @Test
  void reactorWhoseLinkPortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Path config =
          write(
              "frms.reactor { id = r1, data-dir = \""
                  + dir.resolve("data")
                  + "\", link { interface = \"127.0.0.1\", port = "
                  + taken.getLocalPort()
                  + ", tls.allow-plaintext = on } }\npekko.management.http.port = 0");
      assertFails(Jars.reactor(), config, 1, "port is already in use");
    }
  }

  @Test
  void reactorWhoseManagementPortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Path config =
          write(
              "frms.reactor { id = r1, data-dir = \""
                  + dir.resolve("data-2")
                  + "\", link { interface = \"127.0.0.1\", port = 0,"
                  + " tls.allow-plaintext = on } }\n"
                  + "pekko.management.http.port = "
                  + taken.getLocalPort());
      assertFails(
          Jars.reactor(),
          config,
          1,
          "cannot serve health checks on port " + taken.getLocalPort(),
          "FRMS_MANAGEMENT_PORT");
    }
  }

  @Test
  void coordinatorWithAMissingConfigFile() {
    assertFails(Jars.coordinator(), dir.resolve("nope.conf"), 2, "config file", "does not exist");
  }

  @Test
  void coordinatorWithABadFleetFile() throws IOException {
    Path fleet = dir.resolve("reactors.conf");
    Files.writeString(fleet, "reactors { r1 { address = \"no-port\" } }");
    Path config = write("frms.coordinator.fleet.file = \"" + fleet + "\"");
    assertFails(Jars.coordinator(), config, 2, "reactors.r1.address must be host:port");
  }

  @Test
  void coordinatorWithABadAlarmRule() throws IOException {
    Path fleet = dir.resolve("reactors.conf");
    Files.writeString(fleet, "reactors { r1 { address = \"127.0.0.1:1\" } }");
    Path rules = dir.resolve("alarms.conf");
    Files.writeString(rules, "rules { too-hot { kind = high, sensor = temperature } }");
    Path config =
        write(
            "frms.coordinator.fleet.file = \""
                + fleet
                + "\"\nfrms.coordinator.alarms.rules-file = \""
                + rules
                + "\"");
    assertFails(Jars.coordinator(), config, 2, "rules.too-hot.limit is missing");
  }

  @Test
  void coordinatorWithAnUnknownKey() throws IOException {
    Path config = write("frms.coordinator { htp { port = 1 } }");
    assertFails(Jars.coordinator(), config, 2, "frms.coordinator.htp is not a known setting");
  }

  @Test
  void coordinatorWithAMisspelledLinkSetting() throws IOException {
    Path config = write("frms.coordinator.link.idle-timout = 5s");
    assertFails(
        Jars.coordinator(), config, 2, "frms.coordinator.link.idle-timout is not a known setting");
  }

  @Test
  void coordinatorWhoseHttpPortIsTaken() throws IOException {
    Path fleet = dir.resolve("reactors.conf");
    Files.writeString(fleet, "reactors {}");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int clusterPort = FreePorts.pick();
      Path config =
          write(
              String.join(
                  "\n",
                  "frms.coordinator.fleet.file = \"" + fleet + "\"",
                  "frms.coordinator.http { interface = \"127.0.0.1\", port = "
                      + taken.getLocalPort()
                      + " }",
                  "frms.coordinator.tls.allow-plaintext = on",
                  "pekko.remote.artery.canonical.port = " + clusterPort,
                  "pekko.cluster.seed-nodes = [\"pekko://frms@127.0.0.1:" + clusterPort + "\"]",
                  "pekko.management.http.port = " + FreePorts.pick()));
      assertFails(Jars.coordinator(), config, 1, "already in use");
    }
  }

  @Test
  void nodesWithoutTheFleetsCaRefuseToServePlaintextUnlessAllowed() throws IOException {
    Path reactor =
        write(
            "frms.reactor { id = r1, data-dir = \""
                + dir.resolve("data-tls")
                + "\", link { interface = \"127.0.0.1\", port = 0 } }\n"
                + "pekko.management.http.port = 0");
    assertFails(
        Jars.reactor(),
        reactor,
        2,
        "bad TLS set-up: frms.reactor.link.tls.ca-file is empty",
        "allow-plaintext = on");
    Path missingCa =
        write(
            "frms.reactor { id = r1, data-dir = \""
                + dir.resolve("data-tls")
                + "\", link { interface = \"127.0.0.1\", port = 0, tls.ca-file = \""
                + dir.resolve("no-such-ca.crt")
                + "\" } }\npekko.management.http.port = 0");
    assertFails(Jars.reactor(), missingCa, 2, "bad TLS set-up: cannot read", "no-such-ca.crt");

    Path fleet = dir.resolve("reactors.conf");
    Files.writeString(fleet, "reactors {}");
    Path coordinator = write("frms.coordinator.fleet.file = \"" + fleet + "\"");
    assertFails(
        Jars.coordinator(),
        coordinator,
        2,
        "frms.coordinator.tls.ca-dir is empty",
        "allow-plaintext = on");
  }

  private Path write(String content) throws IOException {
    Path config = Files.createTempFile(dir, "node", ".conf");
    Files.writeString(config, content);
    return config;
  }

  private void assertFails(Path jar, Path config, int exitCode, String... expected) {
    NodeProcess node =
        NodeProcess.start(
            "bad-start",
            jar,
            List.of("-Xmx192m", "-Dconfig.file=" + config),
            Map.of(),
            Files.exists(dir.resolve("out.log"))
                ? dir.resolve("out-" + System.nanoTime() + ".log")
                : dir.resolve("out.log"));
    assertTrue(
        node.waitFor(Duration.ofSeconds(60)), "the node exits on its own; log:\n" + node.log());
    String log = node.log();
    assertEquals(exitCode, node.exitValue(), "exit code; log:\n" + log);
    List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
    String last = lines.get(lines.size() - 1);
    for (String text : expected) {
      assertTrue(last.contains(text), "the last line names the problem (" + text + "): " + last);
    }
    assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
  }
}
