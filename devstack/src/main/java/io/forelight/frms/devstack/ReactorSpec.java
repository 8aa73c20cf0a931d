package io.forelight.frms.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulated reactor node to run: its id, link port, sensors as HOCON blocks keyed by sensor id
 * (for example {@code "kind = temperature, driver = simulated, interval = 1s"}), extra config
 * inside {@code frms.reactor}, and its management (health) port, 0 for any free one.
 */
public record ReactorSpec(
    String id,
    int linkPort,
    Map<String, String> sensors,
    double timeScale,
    String extraConfig,
    int managementPort) {

  public ReactorSpec {
    sensors = Map.copyOf(sensors);
  }

  public ReactorSpec(
      String id, int linkPort, Map<String, String> sensors, double timeScale, String extraConfig) {
    this(id, linkPort, sensors, timeScale, extraConfig, 0);
  }

  public ReactorSpec withManagementPort(int port) {
    return new ReactorSpec(id, linkPort, sensors, timeScale, extraConfig, port);
  }

  /** Temperature, dissolved oxygen and pH, simulated, sampled at the given interval. */
  public static ReactorSpec standard(String id, int linkPort, String interval) {
    Map<String, String> sensors = new LinkedHashMap<>();
    sensors.put("temperature", "kind = temperature, driver = simulated, interval = " + interval);
    sensors.put(
        "dissolved-oxygen", "kind = dissolved-oxygen, driver = simulated, interval = " + interval);
    sensors.put("ph", "kind = ph, driver = simulated, interval = " + interval);
    return new ReactorSpec(id, linkPort, sensors, 60.0, "");
  }

  String config(java.nio.file.Path dataDir) {
    StringBuilder hocon = new StringBuilder();
    hocon.append("frms.reactor {\n");
    hocon.append("  id = \"").append(id).append("\"\n");
    hocon.append("  data-dir = \"").append(dataDir).append("\"\n");
    hocon.append("  link { interface = \"127.0.0.1\", port = ").append(linkPort).append(" }\n");
    hocon.append("  simulation.time-scale = ").append(timeScale).append("\n");
    hocon.append("  sensors {\n");
    sensors.forEach(
        (sensor, block) ->
            hocon.append("    ").append(sensor).append(" { ").append(block).append(" }\n"));
    hocon.append("  }\n");
    hocon.append(extraConfig).append("\n");
    hocon.append("}\n");
    hocon.append("pekko.management.http.port = ").append(managementPort).append("\n");
    return hocon.toString();
  }
}
