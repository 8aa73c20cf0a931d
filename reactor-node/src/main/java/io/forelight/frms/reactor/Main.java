package io.forelight.frms.reactor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.forelight.frms.link.v1.ReactorCertificateServiceHandlerFactory;
import io.forelight.frms.link.v1.ReactorLinkServiceHandlerFactory;
import io.forelight.frms.node.CallbackThreads;
import io.forelight.frms.node.ExitWithParent;
import io.forelight.frms.node.Logs;
import io.forelight.frms.node.NodeConfig;
import io.forelight.frms.node.StartFailure;
import io.forelight.frms.node.StartStep;
import io.forelight.frms.node.Version;
import io.forelight.frms.node.pki.Refused;
import io.forelight.frms.reactor.actuator.ActuatorDrivers;
import io.forelight.frms.reactor.config.ActuatorSpec;
import io.forelight.frms.reactor.config.ConfigProblem;
import io.forelight.frms.reactor.config.ReactorSettings;
import io.forelight.frms.reactor.config.SensorSpec;
import io.forelight.frms.reactor.config.TimerResolution;
import io.forelight.frms.reactor.control.ControlBoard;
import io.forelight.frms.reactor.driver.Drivers;
import io.forelight.frms.reactor.driver.NodeDriverContext;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import io.forelight.frms.reactor.journal.FlashLog;
import io.forelight.frms.reactor.journal.FlashLogs;
import io.forelight.frms.reactor.journal.FlashReadJournal;
import io.forelight.frms.reactor.link.CertificateServiceImpl;
import io.forelight.frms.reactor.link.FleetBinding;
import io.forelight.frms.reactor.link.LinkErrors;
import io.forelight.frms.reactor.link.LinkTls;
import io.forelight.frms.reactor.link.ReactorLinkServiceImpl;
import io.forelight.frms.reactor.ops.ReactorOps;
import io.forelight.frms.reactor.sensor.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.javadsl.ServiceHandler;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a reactor node: {@code java -Dconfig.file=conf/reactor.conf -jar reactor-node.jar}. A bad
 * config, a log that cannot be opened or a port in use ends the process with one line saying which,
 * and a non-zero exit code.
 */
public final class Main {

  static {
    // first of all: the logger's set-up below already makes the JDK pick its callback executor
    CallbackThreads.atLeastTwo();
  }

  public static final String READINGS_JOURNAL = "frms.reactor.readings-journal";
  public static final String STATE_JOURNAL = "frms.reactor.state-journal";

  /** Created before the actor system, so SLF4J is set up on this thread first. */
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  /** How often the node looks for a new or renewed certificate. */
  private static final Duration CERTIFICATE_CHECK = Duration.ofSeconds(2);

  /** How often a serving node looks for a renewed certificate in its node.crt. */
  private static final Duration RENEWAL_CHECK = Duration.ofSeconds(10);

  private Main() {}

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--version")) {
      System.out.println("FRMS reactor-node " + Version.of(Main.class));
      return;
    }
    ReactorSettings settings;
    Config config;
    Drivers drivers = Drivers.load();
    try {
      config = NodeConfig.loadForProcess("reactor-node.conf");
      settings = ReactorSettings.fromConfig(config);
      for (SensorSpec spec : settings.sensors()) {
        drivers.validated(ReactorSettings.ROOT + ".sensors." + spec.id(), spec);
      }
      ActuatorDrivers actuatorDrivers = ActuatorDrivers.load();
      for (ActuatorSpec spec : settings.actuators()) {
        actuatorDrivers.validated(ReactorSettings.ROOT + ".actuators." + spec.id(), spec);
      }
    } catch (ConfigProblem | ConfigException | NodeConfig.Unreadable e) {
      exit(2, "bad configuration: " + e.getMessage());
      return;
    }
    Logs.nameNode(settings.id());
    Clock.setOffset(settings.simulation().clockOffset());
    NodeDriverContext driverContext =
        NodeDriverContext.forHardware(
            new SimulatedBioreactor(
                settings.simulation().seed(), settings.simulation().timeScale()),
            settings.w1DevicesDir());
    CompletableFuture<FlashLog> opened = new CompletableFuture<>();
    ActorSystem<ReactorNode.Command> system =
        ActorSystem.create(
            guardian(settings, drivers, driverContext, opened),
            "reactor",
            TimerResolution.applyTo(config, settings.sampling().timerResolution()));
    system.getWhenTerminated().thenRun(driverContext::shutdown);
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseServiceStop(),
            "switch-outputs-off",
            () ->
                AskPattern.ask(
                    system,
                    ReactorNode.StopControl::new,
                    Duration.ofSeconds(4),
                    system.scheduler()));
    ExitWithParent.installIfAsked(system::terminate);
    system
        .getWhenTerminated()
        .thenRun(
            () ->
                opened.completeExceptionally(
                    new IllegalStateException("the node stopped while opening its logs")));
    LinkTls tls;
    try {
      tls =
          LinkTls.open(
              settings.id(),
              settings.link().fleetId(),
              settings.link().tls(),
              settings.link().interfaceAddress(),
              settings.link().port());
    } catch (Refused | IOException e) {
      exit(2, "bad TLS set-up: " + e.getMessage());
      return;
    }
    FlashLog readings;
    try {
      // No deadline: recovering a large log takes as long as reading it, and reports progress.
      readings = opened.get();
    } catch (ExecutionException e) {
      exit(1, startFailure(settings, e.getCause()));
      return;
    } catch (Exception e) {
      exit(1, "start failed: " + e);
      return;
    }
    // health first: a board waiting for its certificate is alive, and says so
    startManagement(system, config);
    try {
      tls.awaitCertificate(CERTIFICATE_CHECK);
      ServerBinding binding =
          StartStep.await(
              serveLink(
                  system,
                  system,
                  settings,
                  readings,
                  READINGS_JOURNAL,
                  driverContext.control(),
                  tls),
              "the link");
      system
          .scheduler()
          .scheduleWithFixedDelay(
              RENEWAL_CHECK,
              RENEWAL_CHECK,
              tls::refresh,
              system.dispatchers().lookup(DispatcherSelector.blocking()));
      log.info(
          "reactor {} ({}) serves its link on {} ({})",
          settings.id(),
          Version.of(Main.class),
          binding.localAddress(),
          tls.isPlaintext() ? "PLAINTEXT" : "mutual TLS, fleet " + tls.fleetId().orElseThrow());
    } catch (ExecutionException e) {
      exit(1, startFailure(settings, e.getCause()));
    } catch (Exception e) {
      exit(1, "start failed: " + e);
    }
  }

  private static void startManagement(ActorSystem<?> system, Config config) {
    try {
      String management =
          StartStep.await(
                  PekkoManagement.get(system).start(), "the health checks (Pekko Management)")
              .toString();
      log.info("health checks on {} (paths /alive and /ready)", management);
    } catch (Exception e) {
      exit(
          1,
          "cannot serve health checks on port "
              + config.getInt("pekko.management.http.port")
              + " (set pekko.management.http.port or FRMS_MANAGEMENT_PORT): "
              + (e.getCause() == null ? e : e.getCause().getMessage()));
    }
  }

  /**
   * The guardian: opens both local logs first (completing {@code opened} with the readings log, or
   * with the error), then becomes the {@link ReactorNode}.
   */
  public static Behavior<ReactorNode.Command> guardian(
      ReactorSettings settings,
      Drivers drivers,
      NodeDriverContext driverContext,
      CompletableFuture<FlashLog> opened) {
    return Behaviors.setup(
        context -> {
          FlashLog readings;
          try {
            FlashLogs logs = FlashLogs.get(context.getSystem());
            logs.forJournal(STATE_JOURNAL);
            readings = logs.forJournal(READINGS_JOURNAL);
          } catch (RuntimeException e) {
            opened.completeExceptionally(e);
            return Behaviors.stopped();
          }
          ReactorOps.get(context.getSystem()).attach(settings.id(), settings.health(), readings);
          opened.complete(readings);
          return ReactorNode.create(
              settings,
              ReactorNode.Dependencies.of(
                  drivers, driverContext, readings, READINGS_JOURNAL, STATE_JOURNAL, ""));
        });
  }

  /**
   * Serves the link of the reactor whose readings are in the given journal plugin: mutual TLS (once
   * {@code tls} has a certificate) or, for development, plaintext.
   */
  @SuppressWarnings("unchecked") // ServiceHandler.concatOrNotFound: varargs of a generic type
  public static CompletionStage<ServerBinding> serveLink(
      ActorSystem<?> system,
      ActorRef<ReactorNode.Command> node,
      ReactorSettings settings,
      FlashLog readings,
      String readingsJournalPluginId,
      ControlBoard control,
      LinkTls tls) {
    FlashReadJournal query =
        PersistenceQuery.get(system)
            .getReadJournalFor(FlashReadJournal.class, readingsJournalPluginId + ".query");
    ReactorLinkServiceImpl service =
        new ReactorLinkServiceImpl(
            settings.id(),
            FleetBinding.load(tls.fleetId().orElse(settings.link().fleetId()), settings.dataDir()),
            Version.of(Main.class),
            settings.link(),
            control,
            ReactorOps.get(system),
            readings,
            query,
            node,
            system.scheduler());
    ServerBuilder server =
        Http.get(system).newServerAt(settings.link().interfaceAddress(), settings.link().port());
    return tls.serverContext()
        .map(server::enableHttps)
        .orElse(server)
        .bind(
            LinkErrors.limited(
                ServiceHandler.concatOrNotFound(
                    ReactorLinkServiceHandlerFactory.create(service, LinkErrors.mapper(), system),
                    ReactorCertificateServiceHandlerFactory.create(
                        new CertificateServiceImpl(
                            settings.id(),
                            tls,
                            system.dispatchers().lookup(DispatcherSelector.blocking())),
                        LinkErrors.mapper(),
                        system))));
  }

  private static String startFailure(ReactorSettings settings, Throwable cause) {
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof java.net.BindException || message.contains("Address already in use")) {
      return "cannot serve the link on "
          + settings.link().interfaceAddress()
          + ":"
          + settings.link().port()
          + ": the port is already in use (set frms.reactor.link.port or FRMS_LINK_PORT)";
    }
    return "start failed: " + message;
  }

  private static void exit(int code, String message) {
    StartFailure.exit("reactor-node", code, message);
  }
}
