package io.forelight.frms.devstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the built node jars: under {@code -Dfrms.home}, or the checkout this code runs from (the
 * working directory or any parent holding {@code coordinator-node/target/coordinator-node.jar}).
 */
public final class Jars {

  private static final Path COORDINATOR = Path.of("coordinator-node/target/coordinator-node.jar");
  private static final Path REACTOR = Path.of("reactor-node/target/reactor-node.jar");

  private Jars() {}

  public static Path home() {
    String configured = System.getProperty("frms.home");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path start : new Path[] {Path.of("").toAbsolutePath(), codeLocation()}) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve(COORDINATOR))) {
          return dir;
        }
      }
    }
    throw new IllegalStateException(
        "the node jars were not found: run './mvnw -DskipTests package' in the FRMS checkout"
            + " (or pass -Dfrms.home=<checkout>)");
  }

  public static Path coordinator() {
    return home().resolve(COORDINATOR);
  }

  public static Path reactor() {
    return home().resolve(REACTOR);
  }

  private static Path codeLocation() {
    try {
      return Path.of(Jars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      return Path.of("").toAbsolutePath();
    }
  }
}
