package io.forelight.frms.devkit.cassandra;

import io.forelight.frms.devkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Cassandra 5 on loopback, run as its own JDK 17 process from the jars the build
 * copies (never on the caller's classpath). {@link #start} returns once CQL answers; {@link #stop}
 * drains and stops it; {@link #kill} stops it the hard way (for failure tests). The process also
 * exits on its own when the JVM that started it dies.
 */
public final class EmbeddedCassandra implements AutoCloseable {

  /**
   * The system property that sets the memtables' space on the heap and as much again off it, in MiB
   * (a quarter of its heap unless set).
   */
  public static final String MEMTABLE_PROPERTY = "frms.cassandra.memtable-mb";

  /**
   * The system property that caps compaction's reading rate, in MiB/s (Cassandra's 64 unless set):
   * a lower cap spreads a compaction's CPU over longer, leaving more to writes while it runs.
   */
  public static final String COMPACTION_PROPERTY = "frms.cassandra.compaction-mib-per-second";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  /** Besides the heap and the memtables off it: stacks, metaspace, buffers. */
  private static final long MEMORY_OVERHEAD_MB = 450;

  private final CassandraSettings settings;
  private final Process process;

  private EmbeddedCassandra(CassandraSettings settings, Process process) {
    this.settings = settings;
    this.process = process;
  }

  /** Starts Cassandra and waits until it answers CQL; a failure says why in one line. */
  public static EmbeddedCassandra start(CassandraSettings settings) {
    checkPortFree(settings.cqlPort(), "CQL");
    checkPortFree(settings.storagePort(), "storage");
    checkMemory(settings.heapMb());
    Path dataDir = settings.dataDir().toAbsolutePath();
    Path logDir = dataDir.resolve("logs");
    Path confDir = dataDir.resolve("conf");
    try {
      Files.createDirectories(logDir);
      Files.createDirectories(confDir);
      Files.writeString(confDir.resolve("cassandra.yaml"), CassandraYaml.render(settings));
      Files.writeString(confDir.resolve("logback.xml"), CassandraYaml.logback(logDir));
    } catch (IOException e) {
      throw new CassandraStartException(
          "cannot write Cassandra's config under " + dataDir + ": " + e.getMessage(), e);
    }
    List<String> command = command(settings, confDir);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dataDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(logDir.resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new CassandraStartException("cannot start " + command.get(0) + ": " + e, e);
    }
    EmbeddedCassandra cassandra = new EmbeddedCassandra(settings, process);
    Runtime.getRuntime().addShutdownHook(new Thread(cassandra::stopQuietly, "frms-cassandra-stop"));
    cassandra.awaitCql();
    return cassandra;
  }

  public CassandraSettings settings() {
    return settings;
  }

  public int cqlPort() {
    return settings.cqlPort();
  }

  /** host:port for the driver's contact-points. */
  public String contactPoint() {
    return "127.0.0.1:" + settings.cqlPort();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops Cassandra with SIGTERM (it drains memtables first) and waits for it to exit. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kills Cassandra with SIGKILL, as a crash would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a new Cassandra process on the same data directory and ports. */
  public EmbeddedCassandra restart() {
    stop();
    return start(settings);
  }

  @Override
  public void close() {
    stop();
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      process.destroyForcibly();
    }
  }

  private void awaitCql() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new CassandraStartException(
            "Cassandra exited with code "
                + process.exitValue()
                + " before CQL answered on port "
                + settings.cqlPort()
                + "; "
                + logHint());
      }
      if (CqlProbe.answers(settings.cqlPort(), 1000, settings.security())) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
        throw new CassandraStartException("interrupted while waiting for Cassandra to start");
      }
    }
    kill();
    throw new CassandraStartException(
        "Cassandra did not answer CQL on port "
            + settings.cqlPort()
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s; "
            + logHint());
  }

  private String logHint() {
    Path logDir = settings.dataDir().toAbsolutePath().resolve("logs");
    String firstError = firstError(logDir.resolve("system.log"));
    if (firstError.isEmpty()) {
      firstError = firstError(logDir.resolve("stdout.log"));
    }
    return (firstError.isEmpty() ? "" : "first error: " + firstError + "; ")
        + "see "
        + logDir.resolve("system.log");
  }

  private static String firstError(Path log) {
    try {
      if (!Files.exists(log)) {
        return "";
      }
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains("ERROR") || line.startsWith("Error"))
          .findFirst()
          .map(String::strip)
          .orElse("");
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private static void checkPortFree(int port, String what) {
    if (!FreePorts.isFree(port)) {
      throw new CassandraStartException(
          "port "
              + port
              + " ("
              + what
              + ") is already in use on 127.0.0.1: stop what listens there or choose another"
              + " port");
    }
  }

  private static void checkMemory(int heapMb) {
    long availableMb = MemoryInfo.availableMb();
    long neededMb = heapMb + CassandraYaml.memtableMb(heapMb) + MEMORY_OVERHEAD_MB;
    if (availableMb >= 0 && availableMb < neededMb) {
      throw new CassandraStartException(
          "not enough memory for Cassandra: it needs about "
              + neededMb
              + " MB ("
              + heapMb
              + " MB heap), but only "
              + availableMb
              + " MB are available");
    }
  }

  private static List<String> command(CassandraSettings settings, Path confDir) {
    Path lib = CassandraLibrary.libDir();
    String classpath =
        CassandraLibrary.watchdogClasses(confDir.resolve("classes"))
            + java.io.File.pathSeparator
            + lib
            + "/*";
    String jamm;
    try (var files = Files.list(lib)) {
      jamm =
          files
              .filter(p -> p.getFileName().toString().startsWith("jamm-"))
              .findFirst()
              .orElseThrow()
              .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(CassandraLibrary.java17().toString());
    command.addAll(
        List.of(
            "-Xms" + settings.heapMb() + "m",
            "-Xmx" + settings.heapMb() + "m",
            "-XX:+UseG1GC",
            "-Xss256k",
            "-XX:+AlwaysPreTouch",
            "-Djava.security.manager=allow",
            "-javaagent:" + jamm,
            "-Djdk.attach.allowAttachSelf=true",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dcassandra.config=" + confDir.resolve("cassandra.yaml").toUri(),
            "-Dlogback.configurationFile=" + confDir.resolve("logback.xml"),
            "-Dcassandra.storagedir=" + settings.dataDir().toAbsolutePath(),
            "-Dcassandra-foreground=yes",
            "-Dcassandra.ring_delay_ms=1000",
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dcassandra.superuser_setup_delay_ms=0"));
    command.addAll(ModuleFlags.JDK17);
    command.add("-cp");
    command.add(classpath);
    command.add(ParentWatch.class.getName());
    return command;
  }
}
