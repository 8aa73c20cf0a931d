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

  /** This spec with more config inside {@code frms.reactor { ... }}. */
  public ReactorSpec withExtraConfig(String more) {
    return new ReactorSpec(
        id, linkPort, sensors, timeScale, extraConfig + "\n" + more, managementPort);
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

  /**
   * A reactor that controls its simulated vessel in real time (time scale 1: loops and culture
   * share the clock): temperature (PID on a time-proportioned heater), dissolved oxygen in % air
   * saturation (stirrer, then air) and pH (base and acid pumps), as in conf/reactor.conf.
   */
  public static ReactorSpec controlled(String id, int linkPort) {
    Map<String, String> sensors = new LinkedHashMap<>();
    sensors.put("temperature", "kind = temperature, driver = simulated, interval = 1s");
    sensors.put(
        "dissolved-oxygen",
        "kind = dissolved-oxygen, driver = simulated, interval = 1s, unit = \"%\","
            + " plausible-range = [0, 150]");
    sensors.put("ph", "kind = ph, driver = simulated, interval = 1s");
    return new ReactorSpec(id, linkPort, sensors, 1.0, CONTROL);
  }

  /** The actuators and loops of {@link #controlled}. */
  static final String CONTROL =
      String.join(
          "\n",
          "  actuators {",
          "    heater { kind = heater, driver = simulated }",
          "    stirrer { kind = stirrer, driver = simulated }",
          "    air { kind = gas-valve, driver = simulated, output = pwm }",
          "    base-pump { kind = dosing-pump, driver = simulated, input = base,"
              + " ml-per-second = 0.5, min-off-time = 2s }",
          "    acid-pump { kind = dosing-pump, driver = simulated, input = acid,"
              + " ml-per-second = 0.5, min-off-time = 2s }",
          "  }",
          "  loops {",
          // gains tuned for the simulated vessel (the defaults are gentler, for unknown plants):
          // it follows a ramp of 1 °C/min within about half a degree
          "    temperature { kind = pid, input = temperature, output = heater, setpoint = 37,"
              + " setpoint-min = 4, setpoint-max = 60, gains { kp = 1.0, ki = 0.002 } }",
          "    dissolved-oxygen { kind = do-cascade, input = dissolved-oxygen, stirrer = stirrer,"
              + " air = air, setpoint = 40, setpoint-min = 0, setpoint-max = 100 }",
          "    ph { kind = ph, input = ph, base = base-pump, acid = acid-pump, setpoint = 7.0,"
              + " setpoint-min = 4, setpoint-max = 9 }",
          "  }");

  /** The node's config; {@code linkTls} is the block inside {@code link.tls}. */
  String config(java.nio.file.Path dataDir, String linkTls) {
    StringBuilder hocon = new StringBuilder();
    hocon.append("frms.reactor {\n");
    hocon.append("  id = \"").append(id).append("\"\n");
    hocon.append("  data-dir = \"").append(dataDir).append("\"\n");
    hocon
        .append("  link { interface = \"127.0.0.1\", port = ")
        .append(linkPort)
        .append(", tls { ")
        .append(linkTls)
        .append(" } }\n");
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
