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
 * keyspace name of its own. Tests ask for a {@link TestCassandra} parameter.
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
    String keyspace =
        classContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                "keyspace",
                k -> keyspaceFor(context.getRequiredTestClass().getSimpleName()),
                String.class);
    return new TestCassandra(shared.cassandra(), keyspace);
  }

  static String keyspaceFor(String className) {
    String base = className.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (base.length() > 32) {
      base = base.substring(0, 32);
    }
    return "t_" + base + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private record SharedCassandra(EmbeddedCassandra cassandra)
      implements ExtensionContext.Store.CloseableResource {

    static SharedCassandra start() {
      Path dir =
          Path.of(System.getProperty("frms.cassandra.test-dir", "target/cassandra-test"))
              .toAbsolutePath();
      deleteRecursively(dir);
      return new SharedCassandra(EmbeddedCassandra.start(CassandraSettings.withFreePorts(dir)));
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
