package io.forelight.frms.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.forelight.frms.coordinator.CoordinatorSettings;
import io.forelight.frms.coordinator.Main;
import io.forelight.frms.coordinator.alarms.AlarmRules;
import io.forelight.frms.coordinator.fleet.FleetFile;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.reactor.config.ReactorSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs in CI, so this checks what can be checked without one: that {@code
 * docker/compose.yaml}, the Dockerfiles and the configs they name agree. Each node's config is
 * loaded as the node would load it inside its container (the mounted file, the node's defaults, the
 * service's environment) and parsed by the node's own settings classes; then ports, paths, host
 * names, reactor ids and the health check are compared.
 */
class ComposeConsistencyTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOCKER = ROOT.resolve("docker");

  private final Map<String, Map<String, Object>> services = services();

  @Test
  void everyMountedFileExistsAndEveryImageIsBuiltFromThisRepository() {
    services.forEach(
        (name, service) -> {
          mounts(service)
              .forEach(
                  (target, source) -> {
                    if (source.startsWith(".")) {
                      assertTrue(
                          Files.isRegularFile(DOCKER.resolve(source).normalize()),
                          name + " mounts " + source + ", which does not exist");
                    }
                  });
          dockerfile(service)
              .ifPresent(
                  dockerfile -> {
                    Matcher jar =
                        match(dockerfile, "COPY --from=build /src/([\\w-]+)/target/(\\S+)");
                    assertTrue(
                        Files.isRegularFile(ROOT.resolve(jar.group(1)).resolve("pom.xml")),
                        name + ": no module " + jar.group(1));
                    Matcher copied = match(dockerfile, "COPY (conf/\\S+) ");
                    assertTrue(Files.isRegularFile(ROOT.resolve(copied.group(1))), copied.group(1));
                  });
        });
  }

  @Test
  void coordinatorsAgreeWithTheirConfigsTheCassandraServiceAndEachOther() {
    for (String name : servicesBuiltFrom("Dockerfile.coordinator")) {
      Map<String, Object> service = services.get(name);
      Config config =
          Main.withListOverrides(load(service, "coordinator-node.conf"), environment(service)::get);
      CoordinatorSettings settings = CoordinatorSettings.fromConfig(config);
      io.forelight.frms.coordinator.tls.FleetTls.check(config); // starts: plaintext allowed
      String dockerfile = dockerfile(service).orElseThrow();

      assertTrue(
          publishedContainerPorts(service).contains(settings.httpPort()),
          name + " publishes its HTTP port " + settings.httpPort());
      assertExposedAndHealthChecked(name, dockerfile, config, settings.httpPort());
      assertTrue(
          exposed(dockerfile).contains(config.getInt("pekko.remote.artery.canonical.port")),
          name + " exposes its cluster port");
      assertEquals(
          hostname(name, service),
          config.getString("pekko.remote.artery.canonical.hostname"),
          name + "'s cluster address is its host name");
      for (String seed : config.getStringList("pekko.cluster.seed-nodes")) {
        Matcher address = match(seed, "^pekko://frms@([\\w-]+):(\\d+)$");
        String seedService = address.group(1);
        assertTrue(services.containsKey(seedService), name + ": seed " + seed + " is no service");
        Config seedConfig = load(services.get(seedService), "coordinator-node.conf");
        assertEquals(
            seedConfig.getInt("pekko.remote.artery.canonical.port"),
            Integer.parseInt(address.group(2)),
            name + ": seed " + seed + " is on that node's cluster port");
      }
      for (String contact : config.getStringList("datastax-java-driver.basic.contact-points")) {
        String host = contact.substring(0, contact.indexOf(':'));
        assertTrue(services.containsKey(host), name + ": Cassandra " + contact + " is no service");
        assertEquals("9042", contact.substring(contact.indexOf(':') + 1));
      }
      assertFleetMatchesTheReactors(name, service, settings);
      String rules = mounts(service).get(settings.alarms().rulesFile());
      assertTrue(rules != null, name + " mounts its alarm rules " + settings.alarms().rulesFile());
      AlarmRules.read(DOCKER.resolve(rules).normalize().toString());
    }
  }

  @Test
  void reactorsAgreeWithTheirConfigsAndKeepTheirLogOnAVolume() {
    List<String> reactors = servicesBuiltFrom("Dockerfile.reactor");
    assertEquals(3, reactors.size(), "three simulated reactors");
    for (String name : reactors) {
      Map<String, Object> service = services.get(name);
      Config config = load(service, "reactor-node.conf");
      ReactorSettings settings = ReactorSettings.fromConfig(config);
      assertEquals(name, settings.id(), name + "'s reactor id");
      assertTrue(
          settings.link().tls().caFile().isEmpty() && settings.link().tls().allowPlaintext(),
          name + " starts: a trial on one host serves plaintext links, and says it allows them");
      assertTrue(
          mounts(service).containsKey(settings.dataDir().toString()),
          name + " keeps " + settings.dataDir() + " on a volume: " + mounts(service));
      assertExposedAndHealthChecked(
          name, dockerfile(service).orElseThrow(), config, settings.link().port());
    }
  }

  private void assertFleetMatchesTheReactors(
      String name, Map<String, Object> service, CoordinatorSettings settings) {
    String fleetSource = mounts(service).get(settings.fleetFile().getPath());
    assertTrue(fleetSource != null, name + " mounts its fleet file " + settings.fleetFile());
    List<ReactorEntry> fleet = FleetFile.read(DOCKER.resolve(fleetSource).normalize().toFile());
    assertEquals(servicesBuiltFrom("Dockerfile.reactor").size(), fleet.size());
    for (ReactorEntry reactor : fleet) {
      Map<String, Object> reactorService = services.get(reactor.id());
      assertTrue(reactorService != null, "fleet entry " + reactor.id() + " is no service");
      ReactorSettings reactorSettings =
          ReactorSettings.fromConfig(load(reactorService, "reactor-node.conf"));
      assertEquals(
          hostname(reactor.id(), reactorService) + ":" + reactorSettings.link().port(),
          reactor.address(),
          "fleet address of " + reactor.id());
    }
  }

  private static void assertExposedAndHealthChecked(
      String name, String dockerfile, Config config, int servicePort) {
    assertTrue(exposed(dockerfile).contains(servicePort), name + " exposes port " + servicePort);
    int management = config.getInt("pekko.management.http.port");
    Matcher health = match(dockerfile, "CMD curl -fsS http://127\\.0\\.0\\.1:(\\d+)/ready");
    assertEquals(management, Integer.parseInt(health.group(1)), name + ": health check port");
    assertTrue(exposed(dockerfile).contains(management), name + " exposes its management port");
  }

  /** The node's config inside its container: mounted file, node defaults, service environment. */
  private Config load(Map<String, Object> service, String defaultsResource) {
    String dockerfile = dockerfile(service).orElseThrow();
    String configFile = match(dockerfile, "-Dconfig.file=(\\S+?)\"").group(1);
    String source = mounts(service).get(configFile);
    Path file =
        source != null
            ? DOCKER.resolve(source).normalize()
            : ROOT.resolve(match(dockerfile, "COPY (conf/\\S+) " + configFile).group(1));
    Config unresolved =
        ConfigFactory.parseFile(file.toFile())
            .withFallback(ConfigFactory.parseResources(defaultsResource))
            .withFallback(ConfigFactory.defaultReferenceUnresolved());
    Map<String, String> env = new HashMap<>(environmentOf(dockerfile));
    env.putAll(environment(service));
    return ConfigFactory.parseMap(env)
        .withFallback(unresolved)
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    try (Reader reader = Files.newBufferedReader(DOCKER.resolve("compose.yaml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      return (Map<String, Map<String, Object>>) compose.get("services");
    } catch (IOException e) {
      throw new AssertionError("cannot read docker/compose.yaml", e);
    }
  }

  private List<String> servicesBuiltFrom(String dockerfileName) {
    return services.entrySet().stream()
        .filter(
            e ->
                e.getValue().get("build") instanceof Map<?, ?> build
                    && String.valueOf(build.get("dockerfile")).endsWith(dockerfileName))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private static Optional<String> dockerfile(Map<String, Object> service) {
    if (!(service.get("build") instanceof Map<?, ?> build)) {
      return Optional.empty();
    }
    Path context = DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
    Path file = context.resolve(String.valueOf(build.get("dockerfile")));
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      return fail("no Dockerfile at " + file);
    }
  }

  /** Container path to source, for every volume of the service. */
  private static Map<String, String> mounts(Map<String, Object> service) {
    Map<String, String> mounts = new HashMap<>();
    if (service.get("volumes") instanceof List<?> volumes) {
      for (Object volume : volumes) {
        String[] parts = String.valueOf(volume).split(":");
        mounts.put(parts[1], parts[0]);
      }
    }
    return mounts;
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new HashMap<>();
    if (service.get("environment") instanceof Map<?, ?> variables) {
      variables.forEach((key, value) -> env.put(String.valueOf(key), String.valueOf(value)));
    }
    return env;
  }

  private static Map<String, String> environmentOf(String dockerfile) {
    Map<String, String> env = new HashMap<>();
    Matcher line = Pattern.compile("(?m)^ENV (\\w+)=(\\S+)$").matcher(dockerfile);
    while (line.find()) {
      env.put(line.group(1), line.group(2));
    }
    return env;
  }

  private static List<Integer> publishedContainerPorts(Map<String, Object> service) {
    if (!(service.get("ports") instanceof List<?> ports)) {
      return List.of();
    }
    return ports.stream()
        .map(port -> String.valueOf(port))
        .map(port -> Integer.parseInt(port.substring(port.lastIndexOf(':') + 1)))
        .toList();
  }

  private static List<Integer> exposed(String dockerfile) {
    String ports = match(dockerfile, "(?m)^EXPOSE (.+)$").group(1);
    return java.util.Arrays.stream(ports.trim().split("\\s+")).map(Integer::parseInt).toList();
  }

  private static String hostname(String name, Map<String, Object> service) {
    return String.valueOf(service.getOrDefault("hostname", name));
  }

  private static Matcher match(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    if (!matcher.find()) {
      fail("no match for " + regex + " in:\n" + text);
    }
    return matcher;
  }
}
