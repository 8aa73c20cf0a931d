package io.forelight.frms.reactor.link;

import com.typesafe.config.Config;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.link.v1.DescribeRequest;
import io.forelight.frms.link.v1.ReactorDescription;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import io.forelight.frms.link.v1.SensorDescription;
import io.forelight.frms.reactor.Main;
import io.forelight.frms.reactor.ReactorNode;
import io.forelight.frms.reactor.TestConfigs;
import io.forelight.frms.reactor.config.ReactorSettings;
import io.forelight.frms.reactor.driver.Drivers;
import io.forelight.frms.reactor.driver.NodeDriverContext;
import io.forelight.frms.reactor.driver.simulated.SimulatedBioreactor;
import io.forelight.frms.reactor.journal.FlashLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;

/** A whole reactor node in the test JVM (real flash log, real gRPC server) and a client of it. */
final class LinkTestNode implements AutoCloseable {

  static final String REACTOR = "test-reactor";

  final ActorSystem<ReactorNode.Command> node;
  final ActorSystem<Void> clientSystem;
  final ReactorLinkServiceClient client;
  final FlashLog readings;
  final int port;

  LinkTestNode(Path dataDir, String sensors) throws Exception {
    this.port = FreePorts.pick();
    Config config = TestConfigs.node(dataDir, port, sensors);
    ReactorSettings settings = ReactorSettings.fromConfig(config);
    CompletableFuture<FlashLog> opened = new CompletableFuture<>();
    NodeDriverContext driverContext =
        new NodeDriverContext(new SimulatedBioreactor(1, 60), () -> null, dataDir);
    node =
        ActorSystem.create(
            Main.guardian(settings, Drivers.load(), driverContext, opened),
            "link-test-node",
            config);
    readings = opened.get(30, TimeUnit.SECONDS);
    Main.serveLink(
            node,
            node,
            settings,
            readings,
            Main.READINGS_JOURNAL,
            driverContext.control(),
            LinkTls.open(settings.id(), "", settings.link().tls()))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    clientSystem = ActorSystem.create(Behaviors.empty(), "link-test-client");
    client =
        ReactorLinkServiceClient.create(
            GrpcClientSettings.connectToServiceAt("127.0.0.1", port, clientSystem).withTls(false),
            clientSystem);
  }

  ReactorDescription describe() throws Exception {
    return client
        .describe(DescribeRequest.newBuilder().setReactorId(REACTOR).build())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  SensorDescription sensor(String id) throws Exception {
    return describe().getSensorsList().stream()
        .filter(s -> s.getSensorId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sensor " + id + " described"));
  }

  /** Waits until the sensor has logged at least {@code count} readings. */
  void awaitLogged(String sensor, long count) {
    Await.until(
        Duration.ofSeconds(30),
        sensor + " logged " + count + " readings",
        () -> {
          try {
            return sensor(sensor).getLastSeq() >= count;
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Override
  public void close() {
    client.close();
    clientSystem.terminate();
    node.terminate();
  }
}
