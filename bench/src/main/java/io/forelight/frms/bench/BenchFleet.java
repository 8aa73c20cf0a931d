package io.forelight.frms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.forelight.frms.devkit.Await;
import io.forelight.frms.devkit.FaultProxy;
import io.forelight.frms.devkit.FreePorts;
import io.forelight.frms.devstack.CoordinatorApi;
import io.forelight.frms.devstack.CoordinatorSpec;
import io.forelight.frms.devstack.ReactorSpec;
import io.forelight.frms.devstack.Stack;
import io.forelight.frms.link.v1.ReactorLinkServiceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.grpc.GrpcClientSettings;

/**
 * The real stack from the jars for benchmarks: Cassandra, one coordinator, reactor nodes with
 * {@code sensors} simulated sensors at {@code interval}, each behind a {@link FaultProxy}.
 */
final class BenchFleet implements AutoCloseable {

  final Stack stack;
  final CoordinatorApi api;
  final List<String> reactors = new ArrayList<>();
  final List<FaultProxy> proxies = new ArrayList<>();
  private final List<ReactorLinkServiceClient> clients = new ArrayList<>();
  private final ActorSystem<Void> clientSystem =
      ActorSystem.create(Behaviors.empty(), "bench-client");

  BenchFleet(int reactorCount, int sensors, String interval) throws Exception {
    stack = new Stack(Files.createTempDirectory("frms-bench"));
    stack.startCassandra(FreePorts.pick(), FreePorts.pick());
    Map<String, String> fleet = new LinkedHashMap<>();
    String[] kinds = {"temperature", "dissolved-oxygen", "ph", "conductivity"};
    for (int r = 1; r <= reactorCount; r++) {
      String id = "bench-" + r;
      Map<String, String> blocks = new LinkedHashMap<>();
      for (int s = 0; s < sensors; s++) {
        blocks.put(
            "s" + s,
            "kind = " + kinds[s % kinds.length] + ", driver = simulated, interval = " + interval);
      }
      int port = FreePorts.pick();
      stack.startReactor(new ReactorSpec(id, port, blocks, 60.0, ""));
      FaultProxy proxy = FaultProxy.to(port);
      clients.add(
          ReactorLinkServiceClient.create(
              GrpcClientSettings.connectToServiceAt("127.0.0.1", port, clientSystem).withTls(false),
              clientSystem));
      proxies.add(proxy);
      reactors.add(id);
      fleet.put(id, proxy.address());
    }
    int clusterPort = FreePorts.pick();
    int httpPort = FreePorts.pick();
    stack.startCoordinator(
        new CoordinatorSpec(
            "bench-coordinator",
            httpPort,
            FreePorts.pick(),
            clusterPort,
            List.of("pekko://frms@127.0.0.1:" + clusterPort),
            stack.cassandra().contactPoint(),
            "frms_bench",
            stack.writeFleet(fleet),
            ""));
    api = new CoordinatorApi(httpPort);
    Await.until(
        Duration.ofSeconds(180),
        "every link live",
        () -> reactors.stream().allMatch(id -> "live".equals(link(id).path("link").asText())));
  }

  /** The fleet view entry of a reactor (link state and counters). */
  JsonNode link(String reactorId) {
    for (JsonNode reactor :
        api.get("/api/reactors")
            .map(f -> f.path("reactors"))
            .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
      if (reactor.path("id").asText().equals(reactorId)) {
        return reactor;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** Readings stored in Cassandra by all links since the coordinator started. */
  long stored() {
    return reactors.stream().mapToLong(id -> link(id).path("storedReadings").asLong()).sum();
  }

  /** Readings the reactors have logged, from their last description (refreshed every 30 s). */
  long logged() {
    long total = 0;
    for (String id : reactors) {
      JsonNode info =
          api.get("/api/reactors/" + id).map(s -> s.path("state").path("info")).orElseThrow();
      for (JsonNode sensor : info.path("sensors")) {
        total += sensor.path("lastSeq").asLong();
      }
    }
    return total;
  }

  Path workDir() {
    return stack.workDir();
  }

  @Override
  public void close() {
    clients.forEach(ReactorLinkServiceClient::close);
    clientSystem.terminate();
    proxies.forEach(FaultProxy::close);
    stack.close();
  }
}
