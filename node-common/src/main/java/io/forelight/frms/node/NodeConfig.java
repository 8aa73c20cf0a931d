package io.forelight.frms.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.util.Optional;
import java.util.Set;

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
   * The first key under {@code path} that is not one of {@code known}, described with where it was
   * set (so a typo such as {@code sensorz} is reported, not silently ignored).
   */
  public static Optional<String> unknownKey(Config section, String path, Set<String> known) {
    return section.root().keySet().stream()
        .filter(key -> !known.contains(key))
        .sorted()
        .findFirst()
        .map(
            key ->
                path
                    + "."
                    + key
                    + " is not a known setting ("
                    + section.root().get(key).origin().description()
                    + ")");
  }

  /** The given deployment config over the node's defaults, resolved. */
  public static Config load(Config deployment, String defaultsResource) {
    return ConfigFactory.load(
        deployment.withFallback(ConfigFactory.parseResources(defaultsResource)));
  }
}
