package io.forelight.frms.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import java.io.File;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a node's config: the deployment's file ({@code -Dconfig.file}, else {@code
 * application.conf} on the classpath) over the node's own defaults (a resource such as {@code
 * reactor-node.conf}), over the libraries' {@code reference.conf}; system properties override all.
 * The node's defaults sit above the libraries' so they can set Pekko keys reliably.
 */
public final class NodeConfig {

  private NodeConfig() {}

  /** Thrown for a config that cannot be read; the message is one line naming the problem. */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String message) {
      super(message);
    }
  }

  public static Config load(String defaultsResource) {
    String file = System.getProperty("config.file");
    if (file != null && !new File(file).isFile()) {
      throw new Unreadable("config file " + file + " does not exist");
    }
    try {
      Config deployment =
          file != null
              ? ConfigFactory.parseFile(new File(file))
              : ConfigFactory.parseResourcesAnySyntax("application");
      return load(deployment, defaultsResource);
    } catch (ConfigException e) {
      throw new Unreadable(e.getMessage());
    }
  }

  /**
   * The config a node process runs with: as {@link #load(String)}, and the JVM exits when the node
   * shuts down (left the cluster, SIGTERM), so its supervisor can restart it. Tests load without
   * this, so a stopped test actor system never ends the test JVM.
   */
  public static Config loadForProcess(String defaultsResource) {
    return ConfigFactory.parseString("pekko.coordinated-shutdown.exit-jvm = on")
        .withFallback(load(defaultsResource));
  }

  /**
   * The first setting under {@code path} in {@code config} that the node does not know, at any
   * depth, described with where it was set, so a typo such as {@code driver-timout} is reported
   * rather than silently ignored. Known are the settings the node's defaults ({@code
   * defaultsResource} over the libraries' {@code reference.conf}) give a value, those in {@code
   * optional} (relative to {@code path}; set only by some deployments), and anything inside an
   * {@code open} section (relative to {@code path}), whose keys are ids or are checked elsewhere.
   */
  public static Optional<String> unknownSetting(
      Config config, String path, String defaultsResource, Set<String> optional, Set<String> open) {
    if (!config.hasPath(path)) {
      return Optional.empty();
    }
    Set<String> known = knownSettings(defaultsResource, path);
    Set<String> knownSections =
        Stream.of(known, optional, open)
            .flatMap(Set::stream)
            .map(key -> ConfigUtil.splitPath(key).get(0))
            .collect(Collectors.toSet());
    Config section = config.getConfig(path);
    Stream<String> sections =
        section.root().keySet().stream()
            .filter(key -> !knownSections.contains(key))
            .map(ConfigUtil::joinPath);
    Stream<String> settings =
        section.entrySet().stream()
            .map(Map.Entry::getKey)
            .filter(key -> !known.contains(key) && !optional.contains(key))
            .filter(key -> open.stream().noneMatch(prefix -> key.startsWith(prefix + ".")));
    return Stream.concat(sections, settings)
        .sorted()
        .findFirst()
        .map(
            key ->
                path
                    + "."
                    + key
                    + " is not a known setting ("
                    + section.getValue(key).origin().description()
                    + ")"
                    + suggestion(key, known));
  }

  private static final Map<String, Set<String>> KNOWN = new ConcurrentHashMap<>();

  private static Set<String> knownSettings(String defaultsResource, String path) {
    return KNOWN.computeIfAbsent(
        defaultsResource + "#" + path,
        unused -> {
          Config defaults = load(ConfigFactory.empty(), defaultsResource);
          return defaults.hasPath(path)
              ? defaults.getConfig(path).entrySet().stream()
                  .map(Map.Entry::getKey)
                  .collect(Collectors.toUnmodifiableSet())
              : Set.of();
        });
  }

  /** "; did you mean x?" for a known setting beside {@code key} that is one or two edits away. */
  private static String suggestion(String key, Set<String> known) {
    int dot = key.lastIndexOf('.');
    String parent = key.substring(0, dot + 1);
    String name = key.substring(dot + 1);
    return known.stream()
        .filter(k -> k.startsWith(parent) && k.indexOf('.', parent.length()) < 0)
        .filter(k -> editDistance(name, k.substring(parent.length())) <= 2)
        .sorted()
        .findFirst()
        .map(k -> "; did you mean " + k + "?")
        .orElse("");
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The given deployment config over the node's defaults, resolved. */
  public static Config load(Config deployment, String defaultsResource) {
    return ConfigFactory.load(
        deployment.withFallback(ConfigFactory.parseResources(defaultsResource)));
  }
}
