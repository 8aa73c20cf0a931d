package io.forelight.frms.devkit.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what an embedded Cassandra runs from: the folder of Cassandra's jars that the build copies
 * into {@code embedded-cassandra/target/cassandra-lib}, and a JDK 17 to run them (Cassandra 5.0
 * does not start on newer JDKs).
 */
final class CassandraLibrary {

  static final String LIB_PROPERTY = "frms.cassandra.lib";
  static final String LIB_ENV = "FRMS_CASSANDRA_LIB";
  static final String JAVA_HOME_ENV = "FRMS_CASSANDRA_JAVA_HOME";
  private static final String BUILD_OUTPUT = "devkit/target/cassandra-lib";

  private CassandraLibrary() {}

  static Path libDir() {
    Optional<Path> configured =
        Optional.ofNullable(System.getProperty(LIB_PROPERTY))
            .or(() -> Optional.ofNullable(System.getenv(LIB_ENV)))
            .map(Path::of);
    if (configured.isPresent()) {
      return requireJars(configured.get(), "set by " + LIB_PROPERTY + " or " + LIB_ENV);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(BUILD_OUTPUT);
      if (Files.isDirectory(candidate)) {
        return requireJars(candidate, "found from the working directory");
      }
      Path beside = dir.resolve("cassandra-lib");
      if (Files.isDirectory(beside)) {
        return requireJars(beside, "found from the working directory");
      }
    }
    throw new CassandraStartException(
        "Cassandra's jars were not found: build them with './mvnw -pl devkit"
            + " package' or point "
            + LIB_ENV
            + " at a folder holding cassandra-all-*.jar and its dependencies");
  }

  /**
   * Copies the one class Cassandra's process needs from us, {@link ParentWatch}, into a folder of
   * its own and returns that folder: the launcher may run from a fat jar whose libraries (Guava,
   * Netty) must not reach Cassandra's classpath.
   */
  static Path watchdogClasses(Path dir) {
    String resource = ParentWatch.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    try (var in = CassandraLibrary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot find " + resource + " on the classpath");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the Cassandra watchdog to " + dir, e);
    }
  }

  static Path java17() {
    String configured = System.getenv(JAVA_HOME_ENV);
    if (configured != null) {
      return requireJava(Path.of(configured), JAVA_HOME_ENV);
    }
    if (Runtime.version().feature() == 17) {
      return requireJava(Path.of(System.getProperty("java.home")), "the running JVM");
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> dirs = Files.list(jvms)) {
        Optional<Path> found =
            dirs.filter(d -> d.getFileName().toString().contains("17"))
                .filter(d -> Files.isExecutable(d.resolve("bin/java")))
                .sorted()
                .findFirst();
        if (found.isPresent()) {
          return found.get().resolve("bin/java");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new CassandraStartException(
        "Cassandra 5.0 needs a JDK 17 and none was found: install one or set "
            + JAVA_HOME_ENV
            + " to its home (this JVM is "
            + Runtime.version()
            + ")");
  }

  private static Path requireJava(Path home, String source) {
    Path java = home.resolve("bin/java");
    if (!Files.isExecutable(java)) {
      throw new CassandraStartException("no bin/java under " + home + " (" + source + ")");
    }
    return java;
  }

  private static Path requireJars(Path dir, String source) {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      boolean hasCassandra = names.stream().anyMatch(n -> n.startsWith("cassandra-all-"));
      boolean hasJamm = names.stream().anyMatch(n -> n.startsWith("jamm-"));
      if (!hasCassandra || !hasJamm) {
        throw new CassandraStartException(
            "the Cassandra lib folder " + dir + " (" + source + ") lacks cassandra-all or jamm");
      }
      return dir;
    } catch (IOException e) {
      throw new CassandraStartException(
          "cannot read the Cassandra lib folder " + dir + " (" + source + "): " + e, e);
    }
  }
}
