package io.forelight.frms.reactor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.NodeConfig;
import java.nio.file.Path;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** Reactor-node configs for tests: the node's own defaults with test overrides. */
public final class TestConfigs {

  private TestConfigs() {}

  /** The node's defaults (dispatchers, serialization) with the in-memory test journal. */
  public static Config inMemory() {
    return EventSourcedBehaviorTestKit.config()
        .withFallback(
            NodeConfig.load(
                ConfigFactory.parseString("pekko.loglevel = DEBUG"), "reactor-node.conf"));
  }

  /** A whole node on the real flash log in {@code dataDir}, serving its link on {@code port}. */
  public static Config node(Path dataDir, int port, String sensors) {
    return NodeConfig.load(
        ConfigFactory.parseString(
            String.join(
                "\n",
                "frms.reactor {",
                "  id = test-reactor",
                "  data-dir = \"" + dataDir + "\"",
                "  link { interface = \"127.0.0.1\", port = "
                    + port
                    + ", max-linger = 50ms,"
                    + " tls.allow-plaintext = on }",
                "  sensors { " + sensors + " }",
                "}",
                "pekko.loglevel = DEBUG")),
        "reactor-node.conf");
  }
}
