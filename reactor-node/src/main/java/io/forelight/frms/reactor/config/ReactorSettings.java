package io.forelight.frms.reactor.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.forelight.frms.node.NodeConfig;
import io.forelight.frms.reactor.control.LoopSpec;
import io.forelight.frms.reactor.control.LoopSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a reactor node is configured with, read once from {@code frms.reactor} and checked: a
 * bad value fails here, at start, with the key, the value and what is allowed.
 */
public record ReactorSettings(
    String id,
    Path dataDir,
    LinkSettings link,
    SamplingSettings sampling,
    List<SensorSpec> sensors,
    List<ActuatorSpec> actuators,
    List<LoopSpec> loops,
    SimulationSettings simulation,
    Path w1DevicesDir,
    HealthSettings health) {

  public static final String ROOT = "frms.reactor";

  /** Sections whose keys are ids (sensors, actuators) or Pekko dispatcher settings. */
  private static final Set<String> OPEN_SECTIONS =
      Set.of("sensors", "actuators", "loops", "io-dispatcher", "driver-dispatcher");

  /**
   * The simulated bioreactor: random seed and how much faster than wall time it runs; and a shift
   * of the reactor's clock, for exercising clock skew.
   */
  public record SimulationSettings(long seed, double timeScale, Duration clockOffset) {}

  /**
   * How sensors are sampled and their drivers supervised. {@code phaseKey}: where in each interval
   * this reactor samples (see {@code Sampler.untilAligned}); 0 samples at whole multiples of it.
   */
  public record SamplingSettings(
      Duration driverTimeout,
      int maxPendingRecords,
      Duration restartMinBackoff,
      Duration restartMaxBackoff,
      Duration timerResolution,
      long phaseKey) {}

  /**
   * When a sensor counts as stale for the readiness check: no usable reading for {@code
   * staleIntervals} of its intervals plus {@code staleGrace}.
   */
  public record HealthSettings(int staleIntervals, Duration staleGrace) {
    public static final HealthSettings DEFAULT = new HealthSettings(5, Duration.ofSeconds(2));
  }

  public ReactorSettings {
    sensors = List.copyOf(sensors);
    actuators = List.copyOf(actuators);
    loops = List.copyOf(loops);
  }

  public static ReactorSettings fromConfig(Config root) {
    try {
      NodeConfig.unknownSetting(root, ROOT, "reactor-node.conf", Set.of("id"), OPEN_SECTIONS)
          .ifPresent(
              problem -> {
                throw new ConfigProblem(problem);
              });
      return parse(root.getConfig(ROOT));
    } catch (ConfigException.Missing e) {
      if (!root.hasPath(ROOT + ".id")) {
        throw new ConfigProblem(
            ROOT + ".id is missing: set it in the config file or with FRMS_REACTOR_ID");
      }
      throw new ConfigProblem(e.getMessage());
    } catch (ConfigException e) {
      throw new ConfigProblem(e.getMessage());
    }
  }

  private static ReactorSettings parse(Config c) {
    String id = c.getString("id");
    Ids.check(ROOT + ".id", id);
    Config link = c.getConfig("link");
    int port = link.getInt("port");
    if (port < 0 || port > 65535) {
      throw new ConfigProblem(ROOT + ".link.port", port, "must be 0..65535");
    }
    int maxBatch = link.getInt("max-batch-size");
    if (maxBatch < 1 || maxBatch > 10_000) {
      throw new ConfigProblem(ROOT + ".link.max-batch-size", maxBatch, "must be 1..10000");
    }
    Config sampling = c.getConfig("sampling");
    List<SensorSpec> sensors = new ArrayList<>();
    ConfigObject sensorObjects = c.getObject("sensors");
    for (String sensorId : sensorObjects.keySet()) {
      sensors.add(
          SensorSpecs.parse(
              ROOT + ".sensors." + sensorId, sensorId, entry(sensorObjects, sensorId)));
    }
    sensors.sort(Comparator.comparing(SensorSpec::id));
    List<ActuatorSpec> actuators = new ArrayList<>();
    ConfigObject actuatorObjects = c.getObject("actuators");
    for (String actuatorId : actuatorObjects.keySet()) {
      actuators.add(
          ActuatorSpecs.parse(
              ROOT + ".actuators." + actuatorId, actuatorId, entry(actuatorObjects, actuatorId)));
    }
    actuators.sort(Comparator.comparing(ActuatorSpec::id));
    List<LoopSpec> loops = new ArrayList<>();
    ConfigObject loopObjects = c.getObject("loops");
    List<SensorSpec> configured = List.copyOf(sensors);
    for (String loopId : loopObjects.keySet()) {
      String path = ROOT + ".loops." + loopId;
      LoopSpec loop =
          LoopSpecs.parse(path, loopId, entry(loopObjects, loopId), configured, actuators);
      SensorSpec input =
          configured.stream().filter(s -> s.id().equals(loop.input())).findFirst().orElseThrow();
      for (SensorSpec recording : LoopSpecs.recordingSensors(loop, input)) {
        if (sensors.stream().anyMatch(s -> s.id().equals(recording.id()))) {
          throw new ConfigProblem(
              path
                  + ": the loop records its readings as sensor '"
                  + recording.id()
                  + "', which already exists; rename the loop or the sensor");
        }
        sensors.add(recording);
      }
      loops.add(loop);
    }
    loops.sort(Comparator.comparing(LoopSpec::id));
    sensors.sort(Comparator.comparing(SensorSpec::id));
    Path dataDir = Path.of(c.getString("data-dir"));
    return new ReactorSettings(
        id,
        dataDir,
        new LinkSettings(
            link.getString("interface"),
            port,
            maxBatch,
            notNegative(link, "max-linger"),
            link.getString("fleet-id"),
            tls(link.getConfig("tls"), dataDir)),
        new SamplingSettings(
            positive(sampling, "driver-timeout"),
            sampling.getInt("max-pending-records"),
            positive(sampling, "driver-restart.min-backoff"),
            positive(sampling, "driver-restart.max-backoff"),
            TimerResolution.of(sampling, sensors, loops, actuators),
            sampling.getBoolean("spread-over-fleet") ? phaseKey(id) : 0),
        sensors,
        actuators,
        loops,
        simulation(c.getConfig("simulation"), id),
        Path.of(c.getString("w1-devices-dir")),
        health(c.getConfig("health")));
  }

  private static LinkSettings.Tls tls(Config c, Path dataDir) {
    String caFile = c.getString("ca-file").strip();
    boolean allowPlaintext = c.getBoolean("allow-plaintext");
    String dir = c.getString("dir").strip();
    return new LinkSettings.Tls(
        caFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(caFile)),
        dir.isEmpty() ? dataDir.resolve("tls") : Path.of(dir),
        allowPlaintext,
        enrol(c.getConfig("enrol")));
  }

  private static LinkSettings.Enrol enrol(Config c) {
    List<java.net.URI> coordinators = new ArrayList<>();
    for (String address : c.getString("coordinators").split(",")) {
      if (address.isBlank()) {
        continue;
      }
      java.net.URI uri;
      try {
        uri = java.net.URI.create(address.strip());
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new ConfigProblem(
            ROOT + ".link.tls.enrol.coordinators",
            address.strip(),
            "each must be an http:// or https:// address of a coordinator's API");
      }
      coordinators.add(uri);
    }
    String discoverInterface = c.getString("discover-interface").strip();
    if (!discoverInterface.isEmpty() && !discoverInterface.matches("[0-9a-fA-F.:]+")) {
      throw new ConfigProblem(
          ROOT + ".link.tls.enrol.discover-interface",
          discoverInterface,
          "must be an IP address of this board (the interface to browse on), or empty");
    }
    return new LinkSettings.Enrol(
        List.copyOf(coordinators),
        c.getString("token").strip(),
        c.getString("advertise-address").strip(),
        c.getBoolean("discover"),
        discoverInterface);
  }

  private static HealthSettings health(Config c) {
    int intervals = c.getInt("stale-intervals");
    if (intervals < 1 || intervals > 1000) {
      throw new ConfigProblem(ROOT + ".health.stale-intervals", intervals, "must be 1..1000");
    }
    Duration grace = c.getDuration("stale-grace");
    if (grace.isNegative()) {
      throw new ConfigProblem(ROOT + ".health.stale-grace", grace, "must not be negative");
    }
    return new HealthSettings(intervals, grace);
  }

  private static SimulationSettings simulation(Config c, String reactorId) {
    double timeScale = c.getDouble("time-scale");
    if (!(timeScale > 0) || timeScale > 100_000) {
      throw new ConfigProblem(ROOT + ".simulation.time-scale", timeScale, "must be in (0, 100000]");
    }
    long seed =
        "reactor-id".equals(c.getValue("seed").unwrapped())
            ? reactorId.hashCode()
            : c.getLong("seed");
    return new SimulationSettings(seed, timeScale, c.getDuration("clock-offset"));
  }

  private static Config entry(ConfigObject objects, String key) {
    ConfigValue value = objects.get(key);
    if (!(value instanceof ConfigObject object)) {
      throw new ConfigProblem(
          value.origin().description() + ": " + key + " must be an object { kind = ..., ... }");
    }
    return object.toConfig();
  }

  /**
   * A reactor's sampling phase, from its id (stable across restarts, spread evenly over a fleet
   * even when ids differ in one character: the id's hash, mixed as MurmurHash3's finalizer does).
   */
  static long phaseKey(String reactorId) {
    long h = reactorId.hashCode();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private static Duration notNegative(Config link, String key) {
    Duration d = link.getDuration(key);
    if (d.isNegative()) {
      throw new ConfigProblem(ROOT + ".link." + key, d, "must not be negative (0: no linger)");
    }
    return d;
  }

  private static Duration positive(Config c, String key) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigProblem(ROOT + ".sampling." + key, d, "must be positive");
    }
    return d;
  }
}
