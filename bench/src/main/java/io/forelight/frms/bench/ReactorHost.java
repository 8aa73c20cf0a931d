package io.forelight.frms.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.forelight.frms.node.Jmx;
import io.forelight.frms.reactor.Main;
import io.forelight.frms.reactor.ReactorNode;
import io.forelight.frms.reactor.config.ReactorSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.driver.Drivers;
import io.forelight.frms.reactor.driver.NodeDriverContext;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogs;
import io.forelight.frms.reactor.link.LinkTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ObjectName;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The load generator: many simulated reactors in one JVM ({@code java -jar bench.jar reactor-host
 * --config host.conf}), each exactly as a reactor node runs it — its own readings and state logs,
 * snapshot store, sensor actors and gRPC link on its own port — sharing only the actor system and
 * its threads. Simulated sensors do no I/O, so their drivers share a small pool instead of a thread
 * each.
 *
 * <p>The config file names the reactors and their link ports, how many sensors each has, how often
 * they sample and how ({@code actors}, or {@code direct}: see {@link DirectSampling}): {@code
 * frms.bench.host { data-dir = ..., sensors = 8, interval = 1s, sampling = actors, reactors {
 * bench-1 = 20001, ... } } }; with {@code ca-dir} (a fleet CA's directory) the links are served
 * over mutual TLS, each reactor's certificate signed here (see {@link HostedTls}).
 */
final class ReactorHost {

  private static final String[] KINDS = {"temperature", "dissolved-oxygen", "ph", "conductivity"};

  /** A journal plugin of one reactor: the node's own, with its own directory. */
  private static final String JOURNAL =
      "%s = ${frms.reactor.%s} { dir = \"%s\", query.journal-path = \"%s\" }%n";

  private ReactorHost() {}

  static void run(Bench.Options options) throws Exception {
    Config host =
        ConfigFactory.parseFile(Path.of(options.string("config", "host.conf")).toFile())
            .getConfig("frms.bench.host");
    Path dataDir = Path.of(host.getString("data-dir"));
    Map<String, Integer> reactors = new TreeMap<>();
    host.getConfig("reactors").root().keySet().forEach(id -> reactors.put(id, portOf(host, id)));
    Config config = systemConfig(dataDir, reactors.keySet());
    Map<String, LinkTls> tls = new TreeMap<>();
    for (String id : reactors.keySet()) { // keys made here, on the main thread, not in an actor
      tls.put(
          id,
          host.hasPath("ca-dir")
              ? HostedTls.enrolled(id, Path.of(host.getString("ca-dir")), dataDir.resolve(id))
              : LinkTls.quietPlaintext());
    }
    Drivers drivers = Drivers.load();
    List<FlashLog> logs = new CopyOnWriteArrayList<>();
    int sensors = host.getInt("sensors");
    boolean direct = host.getString("sampling").equals("direct");
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.setup(
                context -> {
                  DirectSampling directSampling =
                      direct
                          ? new DirectSampling(context.getSystem(), host.getDuration("interval"))
                          : null;
                  if (directSampling != null && host.hasPath("start-paused")) {
                    directSampling.pause(host.getBoolean("start-paused"));
                  }
                  int seed = 1;
                  for (Map.Entry<String, Integer> reactor : reactors.entrySet()) {
                    ReactorSettings settings =
                        ReactorSettings.fromConfig(
                            reactorConfig(
                                    reactor.getKey(),
                                    dataDir,
                                    reactor.getValue(),
                                    sensors,
                                    host.getString("interval"),
                                    !host.hasPath("spread-over-fleet")
                                        || host.getBoolean("spread-over-fleet"))
                                .withFallback(config));
                    LinkTls link = tls.get(reactor.getKey());
                    logs.add(
                        direct
                            ? startDirect(context, settings, directSampling, link)
                            : start(context, settings, drivers, seed++, link));
                  }
                  Jmx.register(
                      new ObjectName(BenchFleet.HOST),
                      ReactorHostMBean.class,
                      new ReactorHostMBean() {
                        @Override
                        public int getReactors() {
                          return logs.size();
                        }

                        @Override
                        public long getLoggedReadings() {
                          return sum(logs, sensors, FlashLog::highestSeq);
                        }

                        @Override
                        public long getAcknowledgedReadings() {
                          return sum(logs, sensors, FlashLog::acknowledgedSeq);
                        }

                        @Override
                        public void pauseSampling() {
                          pausable(directSampling).pause(true);
                        }

                        @Override
                        public void resumeSampling() {
                          pausable(directSampling).pause(false);
                        }
                      });
                  return Behaviors.empty();
                }),
            "reactor-host",
            config);
    System.out.printf("hosting %d reactors%n", reactors.size());
    system.getWhenTerminated().toCompletableFuture().join();
  }

  private static DirectSampling pausable(DirectSampling sampling) {
    if (sampling == null) {
      throw new IllegalStateException("only the light generator (sampling = direct) pauses");
    }
    return sampling;
  }

  /** {@code seq} (the highest logged, or acknowledged) summed over every hosted sensor. */
  private static long sum(
      List<FlashLog> logs, int sensors, java.util.function.ToLongBiFunction<FlashLog, String> seq) {
    long total = 0;
    for (FlashLog log : logs) {
      for (int s = 0; s < sensors; s++) {
        total += seq.applyAsLong(log, SensorSpec.persistenceId("s" + s));
      }
    }
    return total;
  }

  /** Starts one reactor as its node would: its logs, its sensors, its link. Returns its log. */
  private static FlashLog start(
      ActorContext<Void> context,
      ReactorSettings settings,
      Drivers drivers,
      int seed,
      LinkTls tls) {
    String id = settings.id();
    FlashLogs logs = FlashLogs.get(context.getSystem());
    logs.forJournal(plugin(id, "state"));
    FlashLog readings = logs.forJournal(plugin(id, "readings"));
    NodeDriverContext driverContext =
        new NodeDriverContext(
            new SimulatedBioreactor(seed, 1.0),
            () -> {
              throw new IllegalStateException("the reactor host runs simulated sensors only");
            },
            Path.of("/nonexistent"));
    ActorRef<ReactorNode.Command> node =
        context.spawn(
            ReactorNode.create(
                settings,
                ReactorNode.Dependencies.of(
                    drivers,
                    driverContext,
                    readings,
                    plugin(id, "readings"),
                    plugin(id, "state"),
                    plugin(id, "snapshots"))),
            "reactor-" + id);
    serve(context, settings, node, readings, driverContext.control(), tls);
    return readings;
  }

  /** Starts one reactor of the light generator: its readings log and its link, no actors. */
  private static FlashLog startDirect(
      ActorContext<Void> context, ReactorSettings settings, DirectSampling sampling, LinkTls tls) {
    String id = settings.id();
    FlashLog readings = FlashLogs.get(context.getSystem()).forJournal(plugin(id, "readings"));
    sampling.add(readings, settings.sensors(), settings.sampling());
    ActorRef<ReactorNode.Command> node =
        context.spawn(DirectSampling.layoutOf(settings), "reactor-" + id);
    serve(context, settings, node, readings, new ControlBoard(), tls);
    return readings;
  }

  private static void serve(
      ActorContext<Void> context,
      ReactorSettings settings,
      ActorRef<ReactorNode.Command> node,
      FlashLog readings,
      ControlBoard control,
      LinkTls tls) {
    String id = settings.id();
    Main.serveLink(
            context.getSystem(), node, settings, readings, plugin(id, "readings"), control, tls)
        .whenComplete(
            (binding, error) -> {
              if (error != null) {
                System.err.println("reactor " + id + " cannot serve its link: " + error);
                context.getSystem().terminate();
              }
            });
  }

  private static String plugin(String reactorId, String kind) {
    return "frms.bench.reactors." + reactorId + "." + kind; // ids are letters, digits, '-', '_'
  }

  private static int portOf(Config host, String id) {
    return host.getInt("reactors." + id);
  }

  /** The node's defaults, with a readings log, state log and snapshot store per reactor. */
  private static Config systemConfig(Path dataDir, Iterable<String> reactorIds) {
    StringBuilder hocon = new StringBuilder();
    hocon.append("frms.reactor.data-dir = \"").append(dataDir).append("\"\n");
    hocon.append(
        "frms.reactor.driver-dispatcher { type = Dispatcher, executor = thread-pool-executor,"
            + " thread-pool-executor.fixed-pool-size = 4, throughput = 5 }\n");
    for (String id : reactorIds) {
      Path dir = dataDir.resolve(id);
      String readings = plugin(id, "readings");
      String state = plugin(id, "state");
      hocon.append(
          String.format(JOURNAL, readings, "readings-journal", dir.resolve("readings"), readings));
      hocon.append(String.format(JOURNAL, state, "state-journal", dir.resolve("state"), state));
      hocon.append(
          String.format(
              "%s = ${pekko.persistence.snapshot-store.local} { dir = \"%s\" }%n",
              plugin(id, "snapshots"), dir.resolve("snapshots")));
    }
    return ConfigFactory.systemProperties()
        .withFallback(ConfigFactory.parseString(hocon.toString()))
        .withFallback(ConfigFactory.parseResources("reactor-node.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  private static Config reactorConfig(
      String id, Path dataDir, int port, int sensors, String interval, boolean spread) {
    StringBuilder hocon = new StringBuilder();
    hocon.append("frms.reactor { id = \"").append(id).append("\"\n");
    // its own files (fleet-id, ...) as on a board: hosted reactors sharing one raced to write them
    hocon.append("data-dir = \"").append(dataDir.resolve(id)).append("\"\n");
    hocon
        .append("link { interface = \"127.0.0.1\", port = ")
        .append(port)
        .append(", tls.allow-plaintext = on }\n");
    hocon.append("sampling.spread-over-fleet = ").append(spread).append('\n');
    hocon.append("sensors {\n");
    for (int s = 0; s < sensors; s++) {
      hocon
          .append("  s")
          .append(s)
          .append(" { kind = ")
          .append(KINDS[s % KINDS.length])
          .append(", driver = simulated, interval = ")
          .append(interval)
          .append(" }\n");
    }
    hocon.append("} }\n");
    return ConfigFactory.parseString(hocon.toString());
  }
}
