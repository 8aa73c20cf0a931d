package io.forelight.frms.coordinator.link;

import com.typesafe.config.ConfigFactory;
import io.forelight.frms.coordinator.fleet.FleetIdentity;
import io.forelight.frms.coordinator.fleet.ReactorEntry;
import io.forelight.frms.coordinator.readings.SensorLog;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.node.NodeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A link its supervisor restarts (here: its SensorLog cannot be asked) closes the connection it
 * had: each restart connects anew, so a connection left open would be one more per restart, each
 * with its channel and reading call.
 */
@ExtendWith(LogCapturingExtension.class)
class ReactorLinkRestartTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "link-restart",
          NodeConfig.load(
              ConfigFactory.parseString(
                  String.join(
                      "\n",
                      "pekko.actor.provider = local",
                      "pekko.http.server.enable-http2 = on",
                      "frms.coordinator.tls.allow-plaintext = on",
                      "frms.coordinator.fleet-id = test-fleet")),
              "coordinator-node.conf"));
  private static ServerBinding binding;

  @BeforeAll
  static void startReactor() throws Exception {
    // the configured fleet id: no keyspace is read
    FleetIdentity.get(testKit.system())
        .start(null, "unused", CompletableFuture.completedFuture(Done.getInstance()));
    binding = TestReactors.serve(TestReactors.describing("r1"), testKit.system());
  }

  @AfterAll
  static void stop() {
    binding.unbind();
    testKit.shutdownTestKit();
  }

  @Test
  void aRestartedLinkClosesTheConnectionItHad() {
    AtomicInteger asked = new AtomicInteger();
    Function<String, EntityRef<SensorLog.Command>> failingSensorLogs =
        id -> {
          asked.incrementAndGet();
          throw new IllegalStateException("no SensorLog in this test");
        };
    try (FaultProxy proxy = FaultProxy.to(binding.localAddress().getPort())) {
      ActorRef<ReactorLink.Command> link =
          testKit.spawn(
              Behaviors.supervise(
                      ReactorLink.create(
                          new ReactorEntry("r1", "127.0.0.1", proxy.port(), List.of()),
                          LinkSettings.fromConfig(
                              testKit
                                  .system()
                                  .settings()
                                  .config()
                                  .getConfig("frms.coordinator.link")),
                          failingSensorLogs,
                          testKit.<LinkEvent>createTestProbe().getRef(),
                          Optional::empty))
                  .onFailure(
                      SupervisorStrategy.restartWithBackoff(
                          Duration.ofMillis(50), Duration.ofMillis(100), 0)));

      Await.until(Duration.ofSeconds(30), "four restarts", () -> asked.get() >= 4);
      Await.until(
          Duration.ofSeconds(10),
          () ->
              "at most the current connection open, not one per restart: "
                  + proxy.openConnections(),
          () -> proxy.openConnections() <= 1);

      testKit.stop(link);
      Await.until(
          Duration.ofSeconds(10),
          () -> "no connection open once stopped: " + proxy.openConnections(),
          () -> proxy.openConnections() == 0);
    }
  }
}
