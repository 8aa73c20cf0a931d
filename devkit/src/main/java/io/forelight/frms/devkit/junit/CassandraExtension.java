package io.forelight.frms.devkit.junit;

import io.forelight.frms.devkit.cassandra.CassandraSettings;
import io.forelight.frms.devkit.cassandra.EmbeddedCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one real Cassandra per test JVM (on free ports, in a fresh
 * directory under {@code target/}), stops it when the run ends, and gives each test class a
 * keyspace name of its own, dropped (with any keyspace named after it) when the class ends. Tests
 * ask for a {@link TestCassandra} parameter.
 */
public final class CassandraExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CassandraExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCassandra.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SharedCassandra shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                SharedCassandra.class, k -> SharedCassandra.start(), SharedCassandra.class);
    ExtensionContext classContext =
        context.getTestClass().isPresent() && context.getTestMethod().isPresent()
            ? context.getParent().orElse(context)
            : context;
    ClassKeyspace keyspace =
        classContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                ClassKeyspace.class,
                k ->
                    new ClassKeyspace(
                        shared.cassandra(),
                        keyspaceFor(context.getRequiredTestClass().getSimpleName())),
                ClassKeyspace.class);
    return new TestCassandra(shared.cassandra(), keyspace.name());
  }

  static String keyspaceFor(String className) {
    String base = className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (base.length() > 32) {
      base = base.substring(0, 32);
    }
    return "t_" + base + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A test class's keyspace name; its keyspaces are dropped when the class ends. */
  private record ClassKeyspace(EmbeddedCassandra cassandra, String name)
      implements ExtensionContext.Store.CloseableResource {

    @Override
    public void close() {
      if (!cassandra.isRunning()) {
        return;
      }
      if (!driverPresent()) {
        System.err.println(
            "[frms] keyspace "
                + name
                + " kept: add org.apache.cassandra:java-driver-core to this module's test"
                + " dependencies so test keyspaces are dropped");
        return;
      }
      try {
        KeyspaceCleanup.drop("127.0.0.1", cassandra.cqlPort(), name);
      } catch (RuntimeException e) {
        System.err.println("[frms] could not drop test keyspace " + name + ": " + e);
      }
    }
  }

  /** Checked here, not in {@link KeyspaceCleanup}, which cannot even load without the driver. */
  private static boolean driverPresent() {
    try {
      Class.forName("com.datastax.oss.driver.api.core.CqlSession");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private record SharedCassandra(EmbeddedCassandra cassandra)
      implements ExtensionContext.Store.CloseableResource {

    static SharedCassandra start() {
      Path dir =
          Path.of(System.getProperty("frms.cassandra.test-dir", "target/cassandra-test"))
              .toAbsolutePath();
      deleteRecursively(dir);
      CassandraSettings free = CassandraSettings.withFreePorts(dir);
      int heapMb = Integer.getInteger("frms.cassandra.test-heap-mb", free.heapMb());
      return new SharedCassandra(
          EmbeddedCassandra.start(
              new CassandraSettings(dir, free.cqlPort(), free.storagePort(), heapMb)));
    }

    @Override
    public void close() {
      cassandra.stop();
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(CassandraExtension::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
