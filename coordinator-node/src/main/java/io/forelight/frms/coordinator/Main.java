package io.forelight.frms.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.coordinator.alarms.AlarmRules;
import io.forelight.frms.coordinator.fleet.FleetFile;
import io.forelight.frms.coordinator.http.UriClasses;
import io.forelight.frms.coordinator.ownership.SeedJoin;
import io.forelight.frms.coordinator.tls.ClusterTls;
import io.forelight.frms.coordinator.tls.FleetTls;
import io.forelight.frms.node.CallbackThreads;
import io.forelight.frms.node.ExitWithParent;
import io.forelight.frms.node.Logs;
import io.forelight.frms.node.NodeConfig;
import io.forelight.frms.node.StartFailure;
import io.forelight.frms.node.StartStep;
import io.forelight.frms.node.Version;
import io.forelight.frms.node.pki.Refused;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a coordinator node: {@code java -Dconfig.file=conf/coordinator.conf -jar
 * coordinator-node.jar}. A bad config, fleet file or alarm rules file, or a port in use, ends the
 * process with one line saying which and a non-zero exit code.
 */
public final class Main {

  static {
    // first of all: the logger's set-up below already makes the JDK pick its callback executor
    CallbackThreads.atLeastTwo();
  }

  public static final String SYSTEM_NAME = "frms";

  /** Created before the actor system, so SLF4J is set up on this thread first. */
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--version")) {
      System.out.println("FRMS coordinator-node " + Version.of(Main.class));
      return;
    }
    if (args.length > 0 && args[0].equals("ca")) {
      int code =
          io.forelight.frms.coordinator.tls.CaCommand.run(
              Arrays.asList(args), System.out, System.err);
      if (code != 0) {
        System.exit(code);
      }
      return;
    }
    // grpc-java keeps a stack trace per channel (where it was made, to name it if never shut
    // down): ~1.7 KB per reactor link, for a warning our links cannot cause (they close theirs).
    System.setProperty("io.grpc.ManagedChannel.enableAllocationTracking", "false");
    Config config;
    CoordinatorSettings settings;
    try {
      config = withListOverrides(NodeConfig.loadForProcess("coordinator-node.conf"));
      settings = CoordinatorSettings.fromConfig(config);
      FleetFile.read(settings.fleetFile());
      settings.alarms().rules();
      FleetTls.check(config);
      config = ClusterTls.configure(config);
    } catch (NodeConfig.Unreadable
        | Refused
        | CoordinatorSettings.Problem
        | FleetFile.Problem
        | AlarmRules.Problem
        | ConfigException e) {
      exit(2, "bad configuration: " + e.getMessage());
      return;
    }
    // the first of several seeds looks for a running cluster before Pekko may form a new one
    Optional<List<String>> probedSeeds = SeedJoin.seedsToProbe(config);
    if (probedSeeds.isPresent()) {
      config = SeedJoin.withoutSeedNodes(config);
    }
    // before any thread serves a request or starts Pekko Management: see UriClasses
    UriClasses.initialize();
    CompletableFuture<ServerBinding> bound = new CompletableFuture<>();
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Guardian.create(settings, bound), SYSTEM_NAME, config);
    } catch (RuntimeException e) {
      exit(1, "cannot start the cluster node: " + rootMessage(e));
      return;
    }
    probedSeeds.ifPresent(
        seeds -> system.systemActorOf(SeedJoin.create(seeds), "seed-join", Props.empty()));
    Logs.nameNode("coordinator@" + system.address().hostPort());
    ExitWithParent.installIfAsked(system::terminate);
    try {
      ServerBinding binding = StartStep.await(bound, "the HTTP API");
      StartStep.await(PekkoManagement.get(system).start(), "the health checks (Pekko Management)");
      log.info(
          "coordinator {} ({}) serves {} on {}",
          system.address(),
          Version.of(Main.class),
          settings.https().isPresent() ? "HTTPS" : "HTTP",
          binding.localAddress());
    } catch (ExecutionException e) {
      exit(1, "start failed: " + rootMessage(e.getCause()));
    } catch (Exception e) {
      exit(1, "start failed: " + e);
    }
  }

  /** Lists from environment variables: FRMS_SEED_NODES and FRMS_CASSANDRA_CONTACT_POINTS. */
  static Config withListOverrides(Config config) {
    return withListOverrides(config, System::getenv);
  }

  /** As {@link #withListOverrides(Config)}, reading variables from {@code env}. */
  public static Config withListOverrides(Config config, Function<String, String> env) {
    Map<String, Object> overrides = new HashMap<>();
    list(env, "FRMS_SEED_NODES").ifPresent(v -> overrides.put("pekko.cluster.seed-nodes", v));
    list(env, "FRMS_CASSANDRA_CONTACT_POINTS")
        .ifPresent(v -> overrides.put("datastax-java-driver.basic.contact-points", v));
    return overrides.isEmpty()
        ? config
        : ConfigFactory.parseMap(overrides).withFallback(config).resolve();
  }

  private static Optional<List<String>> list(Function<String, String> env, String variable) {
    String value = env.apply(variable);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof java.net.BindException) {
      return message + " (a port is already in use: see the ports in the config file)";
    }
    return message;
  }

  private static void exit(int code, String message) {
    StartFailure.exit("coordinator-node", code, message);
  }
}
