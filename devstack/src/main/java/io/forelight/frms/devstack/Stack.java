package io.forelight.frms.devstack;

import io.forelight.frms.devkit.NodeProcess;
import io.forelight.frms.devkit.cassandra.CassandraSettings;
import io.forelight.frms.devkit.cassandra.EmbeddedCassandra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole system on loopback, from the built jars: an embedded Cassandra, coordinator nodes and
 * simulated reactor nodes, each a process with its config and log under one work directory. The
 * demo and the end-to-end tests build on it; {@link #close} stops everything it started.
 */
public final class Stack implements AutoCloseable {

  /**
   * A node this stack started, with what it takes to start it again: the port its clients use (link
   * or HTTP), its config, extra JVM flags and the command prefix it runs under (a network
   * namespace, or none).
   */
  public record RunningNode(
      String name,
      NodeProcess process,
      int port,
      Path config,
      List<String> extraJvmArgs,
      List<String> commandPrefix) {

    public RunningNode {
      extraJvmArgs = List.copyOf(extraJvmArgs);
      commandPrefix = List.copyOf(commandPrefix);
    }

    public RunningNode(
        String name, NodeProcess process, int port, Path config, List<String> extraJvmArgs) {
      this(name, process, port, config, extraJvmArgs, List.of());
    }
  }

  private final Path workDir;
  private final List<NodeProcess> processes = new ArrayList<>();
  private final StackCa ca;
  private boolean plaintextLinks;
  private EmbeddedCassandra cassandra;
  private String cassandraContactPoint;

  public Stack(Path workDir) {
    this.workDir = workDir.toAbsolutePath();
    this.ca = new StackCa(this.workDir.resolve("conf/ca"), StackCa.FLEET);
  }

  /** The fleet's CA of this stack, which signs its reactors' requests as they start. */
  public StackCa ca() {
    return ca;
  }

  /**
   * Links of nodes started from now on are plaintext (development flag on both sides), as the
   * benchmarks' light generator serves them; by default they are mutual TLS.
   */
  public Stack withPlaintextLinks() {
    plaintextLinks = true;
    return this;
  }

  /** Where a reactor started by this stack keeps its TLS key, request and certificate. */
  public Path reactorTlsDir(String reactorId) {
    return reactorDataDir(reactorId).resolve("tls");
  }

  public Path workDir() {
    return workDir;
  }

  public EmbeddedCassandra startCassandra(int cqlPort, int storagePort) {
    return startCassandra(cqlPort, storagePort, CassandraSettings.DEFAULT_HEAP_MB);
  }

  public EmbeddedCassandra startCassandra(int cqlPort, int storagePort, int heapMb) {
    return startCassandra(
        new CassandraSettings(workDir.resolve("cassandra"), cqlPort, storagePort, heapMb));
  }

  /** Starts this stack's Cassandra with these settings (client TLS and logins, for example). */
  public EmbeddedCassandra startCassandra(CassandraSettings settings) {
    cassandra = EmbeddedCassandra.start(settings);
    cassandraContactPoint = cassandra.contactPoint();
    return cassandra;
  }

  /** Uses a Cassandra started elsewhere (not stopped by this stack). */
  public void useCassandra(String contactPoint) {
    cassandraContactPoint = contactPoint;
  }

  /** Starts this stack's Cassandra again on the same data and ports, after a stop or kill. */
  public EmbeddedCassandra restartCassandra() {
    cassandra = EmbeddedCassandra.start(cassandra.settings());
    return cassandra;
  }

  public EmbeddedCassandra cassandra() {
    return cassandra;
  }

  public String cassandraContactPoint() {
    return cassandraContactPoint;
  }

  /** Where a reactor started by this stack keeps its local logs. */
  public Path reactorDataDir(String reactorId) {
    return workDir.resolve("data/" + reactorId);
  }

  /** Starts a reactor; the stack's CA signs its request as an admin would (unless plaintext). */
  public RunningNode startReactor(ReactorSpec spec) {
    return startReactor(spec, true);
  }

  /**
   * Starts a reactor that gets its certificate some other way ({@code approve} false): enrolling
   * through the API, or by hand.
   */
  public RunningNode startReactor(ReactorSpec spec, boolean approve) {
    Path config =
        write(
            "conf/" + spec.id() + ".conf",
            spec.config(
                reactorDataDir(spec.id()),
                plaintextLinks
                    ? "allow-plaintext = on"
                    : "ca-file = \"" + ca.certificateFile() + "\""));
    if (!plaintextLinks && approve) {
      ca.approveWhenRequested(spec.id(), reactorTlsDir(spec.id()));
    }
    return new RunningNode(
        spec.id(),
        start(spec.id(), Jars.reactor(), config, "-Xmx192m", List.of()),
        spec.linkPort(),
        config,
        List.of());
  }

  /**
   * Restarts a node on the same config (and so a reactor on the same local log; a reactor whose
   * data was wiped makes a new key, whose request is approved again).
   */
  public RunningNode restart(RunningNode node, boolean reactor) {
    return restart(node, reactor, List.of());
  }

  /** Restarts a node with JVM flags added to those it ran with (a shorter timeout, for example). */
  public RunningNode restart(RunningNode node, boolean reactor, List<String> addedJvmArgs) {
    if (reactor && !plaintextLinks) {
      ca.approveWhenRequested(node.name(), reactorTlsDir(node.name()));
    }
    List<String> jvmArgs = new ArrayList<>(node.extraJvmArgs());
    jvmArgs.addAll(addedJvmArgs);
    return new RunningNode(
        node.name(),
        start(
            node.name(),
            node.commandPrefix(),
            reactor ? Jars.reactor() : Jars.coordinator(),
            node.config(),
            reactor ? "-Xmx192m" : "-Xmx512m",
            jvmArgs),
        node.port(),
        node.config(),
        jvmArgs,
        node.commandPrefix());
  }

  public RunningNode startCoordinator(CoordinatorSpec spec) {
    return startCoordinator(spec, List.of());
  }

  /** Starts a coordinator with extra JVM flags (remote JMX, for example). */
  public RunningNode startCoordinator(CoordinatorSpec spec, List<String> extraJvmArgs) {
    return startCoordinator(spec, extraJvmArgs, List.of());
  }

  /** Starts a coordinator under a command prefix (in a network namespace, for example). */
  public RunningNode startCoordinator(
      CoordinatorSpec spec, List<String> extraJvmArgs, List<String> commandPrefix) {
    Path passwordFile = DevAdmin.passwordFile(workDir.resolve("conf/admin-password"));
    Path config =
        write(
            "conf/" + spec.name() + ".conf",
            // the stack's CA first: a spec's extra config may name another
            (plaintextLinks
                    ? "frms.coordinator.tls.allow-plaintext = on\n"
                    : "frms.coordinator.tls.ca-dir = \"" + ca.dir() + "\"\n")
                // its key beside the stack's other files, not left in /tmp by a killed node
                + "frms.coordinator.tls.dir = \""
                + workDir.resolve("tls/" + spec.name())
                + "\"\n"
                + spec.config()
                + "frms.coordinator.access.admin-password-file = \""
                + passwordFile
                + "\"\n");
    return new RunningNode(
        spec.name(),
        start(spec.name(), commandPrefix, Jars.coordinator(), config, "-Xmx512m", extraJvmArgs),
        spec.httpPort(),
        config,
        extraJvmArgs,
        commandPrefix);
  }

  /** Writes the fleet file: reactor id to link address. */
  public Path writeFleet(Map<String, String> addresses) {
    StringBuilder hocon = new StringBuilder("reactors {\n");
    addresses.forEach(
        (id, address) ->
            hocon
                .append("  ")
                .append(id)
                .append(" { address = \"")
                .append(address)
                .append("\" }\n"));
    hocon.append("}\n");
    return write("conf/reactors.conf", hocon.toString());
  }

  @Override
  public void close() {
    for (NodeProcess process : processes) {
      if (process.isAlive()) {
        process.stop(Duration.ofSeconds(20));
      }
    }
    if (cassandra != null) {
      cassandra.stop();
    }
  }

  private NodeProcess start(
      String name, Path jar, Path config, String heap, List<String> extraJvmArgs) {
    return start(name, List.of(), jar, config, heap, extraJvmArgs);
  }

  private NodeProcess start(
      String name,
      List<String> commandPrefix,
      Path jar,
      Path config,
      String heap,
      List<String> extraJvmArgs) {
    List<String> jvmArgs = new ArrayList<>(List.of(heap, collector(jar)));
    jvmArgs.addAll(extraJvmArgs);
    jvmArgs.add("-Dconfig.file=" + config);
    NodeProcess process =
        NodeProcess.start(
            name,
            commandPrefix,
            jar,
            jvmArgs,
            List.of(),
            Map.of(),
            workDir.resolve("logs/" + name + ".log"));
    processes.add(process);
    return process;
  }

  /**
   * A coordinator runs G1, as {@code java -jar} picks on any server-class machine (2 cores, 2 GB),
   * so tests and benches run what production runs. (It does not by itself keep a starved
   * coordinator's leases: a 1,000-reactor start paused up to 2.2 s with G1 and 2.3 s with the
   * serial collector, and both lost leases.) A reactor node keeps the serial collector: a small
   * heap, one core's worth of work.
   */
  private static String collector(Path jar) {
    return jar.equals(Jars.coordinator()) ? "-XX:+UseG1GC" : "-XX:+UseSerialGC";
  }

  private Path write(String relative, String content) {
    Path file = workDir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
